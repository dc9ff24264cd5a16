package dev.faceembed.preprocess;

/**
 * A 2-D similarity transform (uniform scale, rotation, translation)
 * {@code x' = a*x - b*y + tx, y' = b*x + a*y + ty}.
 *
 * @param a  scale times the cosine of the rotation
 * @param b  scale times the sine of the rotation
 * @param tx translation along x, in target pixels
 * @param ty translation along y, in target pixels
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * The least-squares similarity taking {@code from[i]} to {@code to[i]} (Umeyama's estimate without reflection;
     * in 2-D it has the closed form used here). Points are {@code {x, y}} pairs; at least two, not all equal.
     *
     * @param from the source points
     * @param to   the target points, as many as {@code from}
     * @return the transform that best takes {@code from} onto {@code to}
     * @throws IllegalArgumentException if there are fewer than two pairs, the counts differ, or the source points all
     *                                  coincide
     */
    public static SimilarityTransform estimate(double[][] from, double[][] to) {
        int n = from.length;
        if (n < 2 || to.length != n) {
            throw new IllegalArgumentException("need at least 2 point pairs, got " + n + " and " + to.length);
        }
        double fx = 0, fy = 0, gx = 0, gy = 0;
        for (int i = 0; i < n; i++) {
            fx += from[i][0];
            fy += from[i][1];
            gx += to[i][0];
            gy += to[i][1];
        }
        fx /= n;
        fy /= n;
        gx /= n;
        gy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double x = from[i][0] - fx, y = from[i][1] - fy;
            double u = to[i][0] - gx, v = to[i][1] - gy;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("source points all coincide: no transform is defined");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(a, b, gx - (a * fx - b * fy), gy - (b * fx + a * fy));
    }

    /**
     * The uniform scale factor.
     *
     * @return {@code sqrt(a*a + b*b)}
     */
    public double scale() {
        return Math.hypot(a, b);
    }

    /**
     * Rotation in radians (counter-clockwise in a y-up frame; clockwise on screen where y points down).
     *
     * @return the angle, -pi to pi
     */
    public double rotation() {
        return Math.atan2(b, a);
    }

    /**
     * Maps one point.
     *
     * @param x the point's x
     * @param y the point's y
     * @return a new {@code {x', y'}} pair
     */
    public double[] apply(double x, double y) {
        return new double[]{a * x - b * y + tx, b * x + a * y + ty};
    }

    /**
     * The transform that undoes this one.
     *
     * @return the inverse; its coefficients are infinite or NaN if the scale is 0
     */
    public SimilarityTransform inverse() {
        double s2 = a * a + b * b;
        double ia = a / s2;
        double ib = -b / s2;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
