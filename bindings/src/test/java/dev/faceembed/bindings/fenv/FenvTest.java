package dev.faceembed.bindings.fenv;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FenvTest {

    @Test
    void denormalsAreFlushedOnThisThreadUntilRestored() {
        assumeTrue(Fenv.isSupported(), "FTZ/DAZ control needs glibc on x86-64");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment saved = arena.allocate(Fenv.FENV_T_SIZE, 16);
            MemorySegment probe = arena.allocate(Fenv.FENV_T_SIZE, 16);
            assertEquals(0, Fenv.fegetenv(saved));
            int jvmMxcsr = saved.get(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET);
            assertEquals(0, jvmMxcsr & Fenv.MXCSR_FTZ_DAZ, "the JVM runs with IEEE denormals");

            MemorySegment.copy(saved, 0, probe, 0, Fenv.FENV_T_SIZE);
            probe.set(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET, jvmMxcsr | Fenv.MXCSR_FTZ_DAZ);
            assertEquals(0, Fenv.fesetenv(probe));
            probe.fill((byte) 0);
            assertEquals(0, Fenv.fegetenv(probe));
            assertEquals(Fenv.MXCSR_FTZ_DAZ, probe.get(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET) & Fenv.MXCSR_FTZ_DAZ,
                    "FTZ and DAZ stay set between two downcalls on the same thread");

            assertEquals(0, Fenv.fesetenv(saved));
            assertEquals(0, Fenv.fegetenv(probe));
            assertEquals(jvmMxcsr, probe.get(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET));
            assertTrue(Float.MIN_VALUE / 2.0f == 0.0f && Float.MIN_NORMAL / 2.0f > 0.0f,
                    "IEEE gradual underflow is back for Java code");
        }
    }
}
