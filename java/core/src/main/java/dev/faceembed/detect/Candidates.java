package dev.faceembed.detect;

import java.util.Arrays;

/**
 * A growable list of scored boxes in primitive arrays (no object per box) and greedy non-maximum suppression over
 * them. One thread at a time.
 */
final class Candidates {
    private float[] boxes = new float[4 * 64];
    private float[] scores = new float[64];
    private int[] order = new int[64];
    private boolean[] dropped = new boolean[64];
    private float[] spareBoxes = new float[4 * 64];
    private float[] spareScores = new float[64];
    private int size;

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void add(float x1, float y1, float x2, float y2, float score) {
        if (size == scores.length) {
            int capacity = 2 * size;
            boxes = Arrays.copyOf(boxes, 4 * capacity);
            scores = Arrays.copyOf(scores, capacity);
            order = new int[capacity];
            dropped = new boolean[capacity];
            spareBoxes = new float[4 * capacity];
            spareScores = new float[capacity];
        }
        boxes[4 * size] = x1;
        boxes[4 * size + 1] = y1;
        boxes[4 * size + 2] = x2;
        boxes[4 * size + 3] = y2;
        scores[size] = score;
        size++;
    }

    float x1(int i) {
        return boxes[4 * i];
    }

    float y1(int i) {
        return boxes[4 * i + 1];
    }

    float x2(int i) {
        return boxes[4 * i + 2];
    }

    float y2(int i) {
        return boxes[4 * i + 3];
    }

    float score(int i) {
        return scores[i];
    }

    /** Appends every box of {@code from}. */
    void addAll(Candidates from) {
        for (int i = 0; i < from.size; i++) {
            add(from.x1(i), from.y1(i), from.x2(i), from.y2(i), from.scores[i]);
        }
    }

    /**
     * Keeps the highest-scored box of every group overlapping by at least {@code iou} (greedy NMS) and leaves the
     * survivors in descending score order.
     */
    void suppress(double iou) {
        sortByScore();
        Arrays.fill(dropped, 0, size, false);
        int kept = 0;
        for (int a = 0; a < size; a++) {
            int i = order[a];
            if (dropped[a]) {
                continue;
            }
            for (int b = a + 1; b < size; b++) {
                if (!dropped[b] && iou(i, order[b]) >= iou) {
                    dropped[b] = true;
                }
            }
            order[kept++] = i;
        }
        compact(kept);
    }

    private float iou(int i, int j) {
        float w = Math.min(x2(i), x2(j)) - Math.max(x1(i), x1(j));
        float h = Math.min(y2(i), y2(j)) - Math.max(y1(i), y1(j));
        if (w <= 0 || h <= 0) {
            return 0;
        }
        float intersection = w * h;
        float union = (x2(i) - x1(i)) * (y2(i) - y1(i)) + (x2(j) - x1(j)) * (y2(j) - y1(j)) - intersection;
        return intersection / union;
    }

    /** Insertion sort of indices by descending score: lists are short after a score threshold. */
    private void sortByScore() {
        for (int i = 0; i < size; i++) {
            int v = i;
            int j = i - 1;
            while (j >= 0 && scores[order[j]] < scores[v]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = v;
        }
    }

    /** Makes the boxes {@code order[0..kept)} the list, in that order (swapping in the spare arrays). */
    private void compact(int kept) {
        for (int k = 0; k < kept; k++) {
            System.arraycopy(boxes, 4 * order[k], spareBoxes, 4 * k, 4);
            spareScores[k] = scores[order[k]];
        }
        float[] b = boxes;
        boxes = spareBoxes;
        spareBoxes = b;
        float[] s = scores;
        scores = spareScores;
        spareScores = s;
        size = kept;
    }
}
