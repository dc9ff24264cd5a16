package dev.faceembed;

import dev.faceembed.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceAndFailureKindTest {

    @Test
    void devicesAreParsedAndWrittenBack() {
        assertEquals(Device.cuda(0), Device.parse("cuda"));
        assertEquals(Device.cuda(3), Device.parse(" CUDA:3 "));
        assertEquals(Device.cpu(), Device.parse("cpu"));
        assertEquals("cuda:3", Device.cuda(3).toString());
        assertEquals("cpu", Device.cpu().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse("cuda:x"));
        assertTrue(e.getMessage().contains("cpu or cuda:<index>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Device.parse("gpu"));
        assertThrows(IllegalArgumentException.class, () -> Device.parse("cuda:99999"));
    }

    @Test
    void failuresAreClassifiedByWhoseMoveTheyCallFor() {
        assertEquals(FailureKind.INVALID_REQUEST, FailureKind.of(new ConfigException("bad key")));
        assertEquals(FailureKind.INVALID_REQUEST, FailureKind.of(new ModelException("no model")));
        assertEquals(FailureKind.INVALID_REQUEST, FailureKind.of(new InvalidInputException("bad crop")));
        assertEquals(FailureKind.INVALID_REQUEST, FailureKind.of(new IllegalArgumentException("bad option")));
        assertEquals(FailureKind.BACKEND_UNAVAILABLE, FailureKind.of(
                new RuntimeException("task failed", new BackendUnavailableException("no GPU"))));
        assertEquals(FailureKind.RUNTIME, FailureKind.of(new EmbeddingException("run failed")));
        assertEquals(FailureKind.RUNTIME, FailureKind.of(new UncheckedIOException(new IOException("disk full"))));
    }
}
