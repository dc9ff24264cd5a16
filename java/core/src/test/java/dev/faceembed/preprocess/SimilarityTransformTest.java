package dev.faceembed.preprocess;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimilarityTransformTest {
    private static final double[][] SQUARE = {{0, 0}, {2, 0}, {2, 2}, {0, 2}};

    @Test
    void identicalPointsGiveTheIdentity() {
        SimilarityTransform t = SimilarityTransform.estimate(SQUARE, SQUARE);
        assertEquals(new SimilarityTransform(1, 0, 0, 0), t);
    }

    @Test
    void scaleAndTranslationAreRecovered() {
        double[][] to = {{10, 5}, {16, 5}, {16, 11}, {10, 11}};
        SimilarityTransform t = SimilarityTransform.estimate(SQUARE, to);
        assertEquals(3, t.a(), 1e-12);
        assertEquals(0, t.b(), 1e-12);
        assertEquals(10, t.tx(), 1e-12);
        assertEquals(5, t.ty(), 1e-12);
    }

    @Test
    void aQuarterTurnIsRecovered() {
        // (x, y) -> (-y, x): a = 0, b = 1.
        double[][] to = {{0, 0}, {0, 2}, {-2, 2}, {-2, 0}};
        SimilarityTransform t = SimilarityTransform.estimate(SQUARE, to);
        assertEquals(0, t.a(), 1e-12);
        assertEquals(1, t.b(), 1e-12);
        assertEquals(Math.PI / 2, t.rotation(), 1e-12);
        assertEquals(1, t.scale(), 1e-12);
    }

    /**
     * Hand computation: from = (0,0), (2,0); to = (1,1), (3,2). Centroids (1,0) and (2,1.5); centred from = (-1,0),
     * (1,0); centred to = (-1,-0.5), (1,0.5). dot = 1 + 1 = 2, cross = 0.5 + 0.5 = 1, norm = 2, so a = 1, b = 0.5,
     * tx = 2 - (1*1 - 0.5*0) = 1, ty = 1.5 - (0.5*1 + 1*0) = 1.
     */
    @Test
    void twoPointsMatchTheHandComputedSolution() {
        SimilarityTransform t = SimilarityTransform.estimate(new double[][]{{0, 0}, {2, 0}},
                new double[][]{{1, 1}, {3, 2}});
        assertEquals(1, t.a(), 1e-12);
        assertEquals(0.5, t.b(), 1e-12);
        assertEquals(1, t.tx(), 1e-12);
        assertEquals(1, t.ty(), 1e-12);
    }

    /** Three points no similarity maps exactly: the fit is the hand-computed least-squares one. */
    @Test
    void overdeterminedPointsGiveTheLeastSquaresFit() {
        double[][] from = {{0, 0}, {1, 0}, {0, 1}};
        double[][] to = {{0, 0}, {2, 0}, {0, 1}};
        SimilarityTransform t = SimilarityTransform.estimate(from, to);
        // centred from: (-1/3,-1/3), (2/3,-1/3), (-1/3,2/3); centred to: (-2/3,-1/3), (4/3,-1/3), (-2/3,2/3)
        // dot = (2/9+1/9) + (8/9+1/9) + (2/9+4/9) = 18/9 = 2; norm = 2/9 + 5/9 + 5/9 = 12/9
        // cross = x*v - y*u = (1/9 - 2/9) + (-2/9 + 4/9) + (-2/9 + 4/9) = 3/9
        assertEquals(2 / (12 / 9.0), t.a(), 1e-12);
        assertEquals((3 / 9.0) / (12 / 9.0), t.b(), 1e-12);
        double[] mapped = t.apply(1.0 / 3, 1.0 / 3);
        assertArrayEquals(new double[]{2.0 / 3, 1.0 / 3}, mapped, 1e-12, "centroid maps onto centroid");
    }

    @Test
    void inverseUndoesTheTransform() {
        SimilarityTransform t = new SimilarityTransform(0.8, -0.3, 12, -7);
        double[] back = t.inverse().apply(t.apply(5, 9)[0], t.apply(5, 9)[1]);
        assertArrayEquals(new double[]{5, 9}, back, 1e-12);
    }

    @Test
    void degenerateInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(new double[][]{{1, 1}, {1, 1}}, new double[][]{{0, 0}, {1, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> SimilarityTransform.estimate(new double[][]{{1, 1}}, new double[][]{{0, 0}}));
    }
}
