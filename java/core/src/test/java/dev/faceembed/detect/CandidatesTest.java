package dev.faceembed.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CandidatesTest {
    @Test
    void suppressionKeepsTheBestOfEachOverlappingGroupInScoreOrder() {
        Candidates c = new Candidates();
        for (int i = 0; i < 100; i++) {
            c.add(0, 0, 10 + i * 0.01f, 10, 0.5f + i * 0.001f);
        }
        c.add(100, 100, 110, 110, 0.99f);
        c.add(105, 100, 115, 110, 0.7f);
        c.suppress(0.4);
        assertEquals(3, c.size());
        assertEquals(0.99f, c.score(0));
        assertEquals(105f, c.x1(1), "IoU 1/3 with the best: another face");
        assertEquals(0.599f, c.score(2), 1e-6);
    }
}
