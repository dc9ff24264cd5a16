package dev.faceembed.spark;

import dev.faceembed.detect.Face;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.PhotoDecoder;
import dev.faceembed.detect.PhotoFaces;
import org.apache.spark.sql.Row;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The face rows of one partition's photos, in input order: decodes up to a batch of photos, finds and embeds their
 * faces in one pipeline call (so the faces of several photos share embedding runs), then hands out one row per face,
 * or one row with the reason for a photo that is null, cannot be decoded, or has no face. Failures of the pipeline
 * itself propagate, so Spark fails and retries the task.
 *
 * <p>Not thread-safe, like every Spark partition iterator.
 */
final class FaceRowIterator implements Iterator<Row> {
    private final Iterator<Row> input;
    private final FacePipeline pipeline;
    private final PhotoDecoder decoder = new PhotoDecoder();
    private final int photoColumn;
    private final int[] keyColumns;
    private final int batchSize;
    private final boolean largestOnly;
    private final FaceColumns columns;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();

    /**
     * @param keyColumns  the input columns each output row carries, in order
     * @param batchSize   photos per pipeline call
     * @param largestOnly one row for the largest face of each photo instead of one per face
     */
    FaceRowIterator(Iterator<Row> input, FacePipeline pipeline, int photoColumn, int[] keyColumns, int batchSize,
                    boolean largestOnly, FaceColumns columns) {
        this.input = input;
        this.pipeline = pipeline;
        this.photoColumn = photoColumn;
        this.keyColumns = keyColumns;
        this.batchSize = batchSize;
        this.largestOnly = largestOnly;
        this.columns = columns;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            findNextBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** One input row: its key values, and its decoded photo or why there is none. */
    private record Pending(Object[] key, BufferedImage photo, String error) {
    }

    private void findNextBatch() {
        List<Pending> pending = new ArrayList<>(batchSize);
        List<BufferedImage> photos = new ArrayList<>(batchSize);
        while (pending.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            Pending p = read(row);
            pending.add(p);
            if (p.photo() != null) {
                photos.add(p.photo());
            }
        }
        Iterator<PhotoFaces> found = photos.isEmpty() ? List.<PhotoFaces>of().iterator()
                : pipeline.processAll(photos).iterator();
        for (Pending p : pending) {
            if (p.photo() == null) {
                ready.add(columns.noFace(p.key(), p.error()));
                continue;
            }
            PhotoFaces faces = found.next();
            if (faces.faces().isEmpty()) {
                ready.add(columns.noFace(p.key(), faces.noFaceReason().orElseThrow()));
            } else if (largestOnly) {
                Face largest = faces.largest().orElseThrow();
                ready.add(columns.face(p.key(), faces.faces().indexOf(largest), largest));
            } else {
                for (int i = 0; i < faces.faces().size(); i++) {
                    ready.add(columns.face(p.key(), i, faces.faces().get(i)));
                }
            }
        }
    }

    private Pending read(Row row) {
        Object[] key = new Object[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            key[k] = row.get(keyColumns[k]);
        }
        if (row.isNullAt(photoColumn)) {
            return new Pending(key, null, "no photo: the value is null");
        }
        try {
            return new Pending(key, decoder.decode((byte[]) row.get(photoColumn)), null);
        } catch (RuntimeException e) {
            // A bad photo must not fail the job: any decoder failure becomes that row's reason.
            return new Pending(key, null, e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
    }
}
