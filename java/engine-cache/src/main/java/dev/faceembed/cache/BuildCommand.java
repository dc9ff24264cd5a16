package dev.faceembed.cache;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** The {@code embed build} command line that produces the engine for a key; error messages end with it. */
public final class BuildCommand {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    private BuildCommand() {
    }

    /**
     * The command, with the model path as a placeholder (the cache knows the model by its sha256, not its location),
     * e.g. {@code java -jar embed.jar build --onnx-path <fr_feature_dynbatch.onnx> --precision fp16 --min-batch 1
     * --opt-batch 16 --max-batch 64 --workspace-mb 1024 --engine-cache /var/cache/engines}. It must run on a
     * machine with the key's GPU architecture and TensorRT version, which the build takes from the machine.
     */
    public static String forKey(EngineKey key, Path cacheDirectory) {
        String model = key.modelName().endsWith(".onnx") ? key.modelName() : key.modelName() + ".onnx";
        return "java -jar embed.jar build"
                + " --onnx-path " + quote("<" + model + ">")
                + " --precision " + key.precision().id()
                + " --min-batch " + key.minBatch()
                + " --opt-batch " + key.optBatch()
                + " --max-batch " + key.maxBatch()
                + " --workspace-mb " + Math.ceilDiv(key.workspaceBytes(), 1L << 20)
                + " --engine-cache " + quote(cacheDirectory.toString());
    }

    /** The command as a sentence that also says where to run it and which model file to give it. */
    static String fixFor(EngineKey key, Path cacheDirectory) {
        return "Fix: on a machine with an " + key.target().smArch() + " GPU and TensorRT " + key.tensorRtVersion()
                + ", run `" + forKey(key, cacheDirectory) + "` with the ONNX model whose sha256 is "
                + key.modelSha256();
    }

    private static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
