package dev.faceembed.trt;

import dev.faceembed.CropSize;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FeEngineIo;
import dev.faceembed.bindings.trt.FeProfile;
import dev.faceembed.cache.BatchProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;

/** The shim's engines and pinned memory, through FFM. */
final class ShimRuntime implements EngineRuntime {
    static final ShimRuntime INSTANCE = new ShimRuntime();

    private ShimRuntime() {
    }

    /** Maps the plan (no copy on the Java heap) and deserialises it on the device. */
    @Override
    public LoadedEngine load(Path plan, int device) {
        Arena owner = Arena.ofShared();
        boolean success = false;
        try (FileChannel channel = FileChannel.open(plan, StandardOpenOption.READ); Arena call = Arena.ofConfined()) {
            MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), call);
            MemorySegment out = call.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_engine_load(bytes, bytes.byteSize(), device, out), "fe_engine_load");
            MemorySegment engine = out.get(C_POINTER, 0).reinterpret(owner, FaceembedTrt::fe_engine_release);
            MemorySegment io = call.allocate(FeEngineIo.LAYOUT);
            FeCheck.check(FaceembedTrt.fe_engine_describe(engine, io), "fe_engine_describe");
            NativeEngine loaded = new NativeEngine(owner, engine, shape(plan, io));
            success = true;
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read engine " + plan + ": " + e.getMessage(), e);
        } finally {
            if (!success) {
                owner.close();
            }
        }
    }

    private static EngineShape shape(Path plan, MemorySegment io) {
        if (FeEngineIo.inputDim(io, 1) != 3 || FeEngineIo.inputDim(io, 2) <= 0 || FeEngineIo.inputDim(io, 3) <= 0
                || FeEngineIo.outputDim(io, 1) <= 0) {
            throw new ModelException("engine " + plan + " has input [" + FeEngineIo.inputDim(io, 0) + ","
                    + FeEngineIo.inputDim(io, 1) + "," + FeEngineIo.inputDim(io, 2) + "," + FeEngineIo.inputDim(io, 3)
                    + "] and output dimension " + FeEngineIo.outputDim(io, 1) + "; faceembed needs [N,3,H,W] in and"
                    + " [N,D] out");
        }
        List<BatchProfile> profiles = new ArrayList<>();
        MemorySegment array = FeEngineIo.profiles(io);
        for (int i = 0; i < FeEngineIo.profileCount(io); i++) {
            profiles.add(new BatchProfile(FeProfile.minBatch(array, i), FeProfile.optBatch(array, i),
                    FeProfile.maxBatch(array, i)));
        }
        return new EngineShape(new CropSize((int) FeEngineIo.inputDim(io, 2), (int) FeEngineIo.inputDim(io, 3)),
                (int) FeEngineIo.outputDim(io, 1), FeEngineIo.maxBatch(io), profiles, FeEngineIo.activationBytes(io));
    }

    @Override
    public long freeMemoryMb(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment total = arena.allocate(ValueLayout.JAVA_LONG);
            FeCheck.check(FaceembedTrt.fe_device_memory_get(device, free, total), "fe_device_memory_get");
            return free.get(ValueLayout.JAVA_LONG, 0) >> 20;
        }
    }

    @Override
    public MemorySegment allocatePinned(int device, long bytes, Arena owner) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_host_alloc(device, bytes, out), "fe_host_alloc");
            return out.get(C_POINTER, 0).reinterpret(bytes, owner, FaceembedTrt::fe_host_free);
        }
    }

    /** An {@code fe_engine}, released when its arena closes. */
    private record NativeEngine(Arena owner, MemorySegment engine, EngineShape shape) implements LoadedEngine {
        @Override
        public Runner newRunner(RunnerSettings settings) {
            return new NativeRunner(engine, settings);
        }

        @Override
        public void close() {
            owner.close();
        }
    }
}
