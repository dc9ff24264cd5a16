package dev.faceembed.trt;

import dev.faceembed.cache.BatchProfile;
import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.EngineSidecar;
import dev.faceembed.cache.EngineSource;
import dev.faceembed.cache.EngineTarget;
import dev.faceembed.cache.UploadOutcome;
import dev.faceembed.cache.UploadResult;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Engines from nowhere: a resolve hands out {@code cached.plan}, a rebuild {@code rebuilt.plan}, and both are noted. */
final class FakeSupplier implements EngineSupplier {
    static final GpuDevice GPU = new GpuDevice(0, "NVIDIA H200", "GPU-0000", 9, 0, 132, "0000:3b:00.0", 143_771);
    final List<String> rebuildReasons = new ArrayList<>();

    @Override
    public ResolvedEngine resolve(EngineRequest request) {
        return engine(request, Path.of("cached.plan"), EngineSource.LOCAL);
    }

    @Override
    public ResolvedEngine rebuild(EngineRequest request, ResolvedEngine refused, String reason) {
        rebuildReasons.add(reason);
        return engine(request, Path.of("rebuilt.plan"), EngineSource.BUILT);
    }

    private static ResolvedEngine engine(EngineRequest request, Path plan, EngineSource source) {
        LoadedModel model = ModelLoader.load(ModelSpec.bundledDefault());
        EngineKey key = EngineKey.builder(model.spec().name(), model.sha256())
                .profile(new BatchProfile(1, 16, 16)).target(new EngineTarget(9, 0, "10.16.0", GPU.name())).build();
        GpuEnvironment env = new GpuEnvironment("fake shim", "fake build", 13000, 13000, List.of(GPU),
                Optional.empty(), Optional.empty());
        EngineSidecar sidecar = new EngineSidecar(key, "ab".repeat(32), 1, "13.0", Instant.EPOCH, 1, "host", "test");
        CachedEngine cached = new CachedEngine(plan, sidecar, source,
                new UploadResult(UploadOutcome.NOT_REQUESTED, "no upload"), List.of());
        return new ResolvedEngine(env, GPU, model, key, cached);
    }
}
