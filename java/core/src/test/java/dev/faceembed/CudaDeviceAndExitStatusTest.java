package dev.faceembed;

import dev.faceembed.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CudaDeviceAndExitStatusTest {

    @Test
    void cudaDevicesAreReadAndOthersAreNot() {
        assertEquals(OptionalInt.of(0), CudaDevice.index("cuda"));
        assertEquals(OptionalInt.of(3), CudaDevice.index(" cuda:3 "));
        assertEquals(OptionalInt.empty(), CudaDevice.index("cpu"));
        assertEquals(OptionalInt.empty(), CudaDevice.index("cuda:x"));
    }

    @Test
    void failuresMapToTheDocumentedCodes() {
        assertEquals(ExitStatus.USAGE, ExitStatus.of(new ConfigException("bad key")));
        assertEquals(ExitStatus.USAGE, ExitStatus.of(new ModelException("no model")));
        assertEquals(ExitStatus.USAGE, ExitStatus.of(new InvalidInputException("bad crop")));
        assertEquals(ExitStatus.BACKEND_UNAVAILABLE, ExitStatus.of(
                new RuntimeException("task failed", new BackendUnavailableException("no GPU"))));
        assertEquals(ExitStatus.RUNTIME_FAILURE, ExitStatus.of(new EmbeddingException("run failed")));
    }
}
