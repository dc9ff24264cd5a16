package dev.faceembed.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/** Keys and builders for tests. The cache does not care what a plan contains, so plans are random bytes. */
final class TestEngines {
    static final String MODEL_SHA256 = "5b0c5e3f7a1d2c4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6";
    static final String OTHER_MODEL_SHA256 = "0000000000000000000000000000000000000000000000000000000000000001";
    static final BuildInfo BUILD_INFO = new BuildInfo("13.0");

    private TestEngines() {
    }

    /** The GPU of most tests. */
    static final String GPU = "NVIDIA H100 80GB HBM3";

    /** fr_feature_dynbatch, fp16, batch 1/16/64, 1 GiB workspace, an sm90 H100, TensorRT 10.16.0. */
    static EngineKey key() {
        return key(9, 0, "10.16.0");
    }

    static EngineKey key(int computeMajor, int computeMinor, String tensorRt) {
        return builder().target(new EngineTarget(computeMajor, computeMinor, tensorRt, GPU)).build();
    }

    /** {@link #key()} without its target. */
    static EngineKey.Builder builder() {
        return EngineKey.builder("fr_feature_dynbatch", MODEL_SHA256).precision(Precision.FP16)
                .profile(new BatchProfile(1, 16, 64)).workspaceBytes(1L << 30);
    }

    static byte[] planBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Appends one line to {@code counter}: with O_APPEND, lines from several processes never interleave. */
    static void countBuild(Path counter) throws IOException {
        Files.writeString(counter, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Writes fixed bytes as the plan and counts its calls. */
    static final class CountingBuilder implements EngineBuilder {
        private final byte[] plan;
        private final AtomicInteger builds = new AtomicInteger();

        CountingBuilder(byte[] plan) {
            this.plan = plan;
        }

        CountingBuilder() {
            this(planBytes(4096, 42));
        }

        @Override
        public BuildInfo build(EngineKey key, Path planFile) throws IOException {
            builds.incrementAndGet();
            Files.write(planFile, plan);
            return BUILD_INFO;
        }

        int builds() {
            return builds.get();
        }

        byte[] plan() {
            return plan.clone();
        }
    }
}
