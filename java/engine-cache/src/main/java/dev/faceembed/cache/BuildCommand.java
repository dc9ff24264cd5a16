package dev.faceembed.cache;

import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The {@code embed build} command line that produces the engine for a key; error messages end with it. */
public final class BuildCommand {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+-]+");

    private BuildCommand() {
    }

    /**
     * The command, with the model path as a placeholder (the cache knows the model by its sha256, not its location),
     * e.g. {@code java -jar embed.jar build --model <fr_feature_dynbatch.onnx> --precision fp16 --profiles 1/16/64
     * --workspace-mb 1024 --engine-cache /var/cache/engines}. It must run on a machine with the key's GPU and
     * TensorRT version, which the build takes from the machine.
     *
     * @param key            the engine to build
     * @param cacheDirectory the engine cache the command writes to
     * @return the command line
     */
    public static String forKey(EngineKey key, Path cacheDirectory) {
        String model = key.modelName().endsWith(".onnx") ? key.modelName() : key.modelName() + ".onnx";
        return "java -jar embed.jar build"
                + " --model " + quote("<" + model + ">")
                + " --precision " + key.precision().id()
                + (key.tf32() ? " --tf32" : "")
                + " --profiles " + key.profiles().stream().map(BatchProfile::toString).collect(Collectors.joining(","))
                + " --workspace-mb " + Math.ceilDiv(key.workspaceBytes(), 1L << 20)
                + (key.optimizationLevel() >= 0 ? " --optimization-level " + key.optimizationLevel() : "")
                + (key.target().isHardwareCompatible() ? " --hardware-compatible" : "")
                + " --engine-cache " + quote(cacheDirectory.toString());
    }

    /** The command as a sentence that also says where to run it and which model file to give it. */
    static String fixFor(EngineKey key, Path cacheDirectory) {
        EngineTarget target = key.target();
        return "Fix: on a machine with " + (target.isHardwareCompatible() ? "an " + target.smArch() + " GPU"
                : "the GPU " + target.gpuModel() + " (" + target.smArch() + ")") + " and TensorRT "
                + key.tensorRtVersion()
                + ", run `" + forKey(key, cacheDirectory) + "` with the ONNX model whose sha256 is "
                + key.modelSha256();
    }

    private static String quote(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
