package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeCheck;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;

/** Page-locked host memory from the shim ({@code cudaHostAlloc}), freed when its arena closes. */
final class PinnedMemory {
    private PinnedMemory() {
    }

    static MemorySegment allocate(long bytes, Arena owner) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_host_alloc(bytes, out), "fe_host_alloc");
            return out.get(C_POINTER, 0).reinterpret(bytes, owner, FaceembedTrt::fe_host_free);
        }
    }
}
