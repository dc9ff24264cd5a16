package dev.faceembed.config;

import java.util.List;

/** The keys of the {@code detection} section: the face detector in front of the embedder (photos in, faces out). */
public final class DetectionKeys {
    /** {@code detection.min_score}: lowest detector score kept as a face, 0 to 1; default 0.7. */
    public static final ConfigKey<Double> MIN_SCORE = ConfigKey.of("detection.min_score", ValueType.decimal(0, 1),
            0.7, "Lowest detector score (0 to 1) kept as a face.");
    /** {@code detection.nms_iou}: intersection over union at which two boxes are one face, 0 to 1; default 0.4. */
    public static final ConfigKey<Double> NMS_IOU = ConfigKey.of("detection.nms_iou", ValueType.decimal(0, 1), 0.4,
            "A box overlapping a higher-scored box by at least this intersection over union is the same face and is"
                    + " dropped, also across tiles.");
    /** {@code detection.min_face_px}: smallest face kept, the longer side of its box in pixels; default 40. */
    public static final ConfigKey<Integer> MIN_FACE_PX = ConfigKey.of("detection.min_face_px",
            ValueType.integer(1, 100_000), 40, "Smallest face kept, in pixels of the photo (the longer side of its"
                    + " box); photos too large to show a face this small in one 320x240 view are also searched in"
                    + " tiles.");
    /** {@code detection.max_faces}: most faces kept per photo, highest scores first, 0 for all; default 0. */
    public static final ConfigKey<Integer> MAX_FACES = ConfigKey.of("detection.max_faces",
            ValueType.integer(0, 100_000), 0, "Most faces kept per photo, highest scores first; 0 keeps every face.");

    /** Every detection key, in the order of the shipped embedding.yaml. */
    public static final List<ConfigKey<?>> ALL = List.of(MIN_SCORE, NMS_IOU, MIN_FACE_PX, MAX_FACES);

    private DetectionKeys() {
    }
}
