package dev.faceembed.testing;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/** Bytes the C heap has handed out (glibc's {@code mallinfo2()}), to catch native leaks in tests. */
public final class NativeHeap {
    /** {@code struct mallinfo2}: ten size_t fields; {@code uordblks} (index 7) is the total allocated space. */
    private static final StructLayout MALLINFO2 = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(10, ValueLayout.JAVA_LONG));
    private static final Optional<MethodHandle> MALLINFO = Linker.nativeLinker().defaultLookup().find("mallinfo2")
            .map(f -> Linker.nativeLinker().downcallHandle(f, FunctionDescriptor.of(MALLINFO2)));

    private NativeHeap() {
    }

    public static boolean isAvailable() {
        return MALLINFO.isPresent();
    }

    /** {@code uordblks + hblkhd}: bytes allocated by malloc, from the main heap and by mmap. */
    public static long allocatedBytes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = (MemorySegment) MALLINFO.orElseThrow().invokeExact((SegmentAllocator) arena);
            return info.getAtIndex(ValueLayout.JAVA_LONG, 7) + info.getAtIndex(ValueLayout.JAVA_LONG, 4);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
