package dev.faceembed.cli;

import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodePlanTest {

    private static Diagnostics backend(Device device, Object intraOpThreads) {
        Diagnostics.Builder builder = Diagnostics.builder("onnxruntime").device(device, device.toString())
                .model("m", "m.onnx", "00").embeddingDim(512);
        if (intraOpThreads != null) {
            builder.setting("intra_op_threads", intraOpThreads);
        }
        return builder.build();
    }

    @Test
    void cpuBackendOnEveryCoreDecodesBetweenBatchesOnEveryCore() {
        assertEquals(new DecodePlan(2, false), DecodePlan.forBackend(backend(Device.cpu(), 2), 2));
        assertEquals(new DecodePlan(8, false), DecodePlan.forBackend(backend(Device.cpu(), 0), 8));
        assertEquals(new DecodePlan(4, false), DecodePlan.forBackend(backend(Device.cpu(), null), 4));
        assertEquals(new DecodePlan(4, false), DecodePlan.forBackend(backend(Device.cpu(), "auto"), 4));
    }

    @Test
    void coresInferenceLeavesFreeDecodeAhead() {
        assertEquals(new DecodePlan(3, true), DecodePlan.forBackend(backend(Device.cpu(), 1), 4));
        assertEquals(new DecodePlan(7, true), DecodePlan.forBackend(backend(Device.cuda(0), null), 8));
        assertEquals(new DecodePlan(1, false), DecodePlan.forBackend(backend(Device.cuda(0), null), 1));
    }

    @Test
    void decodingBetweenRequestsStartsNothingWhileTheConsumerWorks() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        try (DecodeAhead<Integer, Integer> decoding = new DecodeAhead<>(items, i -> {
            started.incrementAndGet();
            return i * i;
        }, 2, 3, false)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(i * i, decoding.next());
            }
            Thread.sleep(100);
            assertEquals(3, started.get(), "the next window starts only when the consumer asks for it");
            assertEquals(9, decoding.next());
            for (int i = 4; i < 10; i++) {
                assertEquals(i * i, decoding.next(), "results come back in list order");
            }
        }
    }

    @Test
    void decodingAheadKeepsTheWindowFull() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        try (DecodeAhead<Integer, Integer> decoding = new DecodeAhead<>(items, i -> {
            started.incrementAndGet();
            return i;
        }, 2, 3, true)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(i, decoding.next());
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (started.get() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(started.get() >= 5, "two more items started while the consumer held three: " + started.get());
        }
    }
}
