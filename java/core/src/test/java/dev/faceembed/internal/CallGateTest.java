package dev.faceembed.internal;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallGateTest {

    @Test
    void closeRefusesNewCallsAndWaitsForCallsInside() throws Exception {
        CallGate gate = new CallGate();
        assertTrue(gate.tryEnter());
        assertTrue(gate.close());
        assertFalse(gate.close(), "only the first close proceeds");
        assertFalse(gate.tryEnter(), "no call enters after close");

        AtomicBoolean drained = new AtomicBoolean();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread closer = Thread.ofPlatform().start(() -> {
            waiting.countDown();
            gate.awaitDrained();
            drained.set(true);
        });
        waiting.await();
        Thread.sleep(50);
        assertFalse(drained.get(), "the call inside is still running");
        gate.exit();
        closer.join(10_000);
        assertTrue(drained.get());
    }

    @Test
    void anIdleGateClosesAtOnce() {
        CallGate gate = new CallGate();
        assertTrue(gate.tryEnter());
        gate.exit();
        assertTrue(gate.close());
        gate.awaitDrained();
        assertTrue(gate.isClosed());
    }
}
