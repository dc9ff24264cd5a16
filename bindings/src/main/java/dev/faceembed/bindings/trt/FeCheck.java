package dev.faceembed.bindings.trt;

/** The one place that turns an {@code fe_status} into a Java exception. */
public final class FeCheck {
    private FeCheck() {
    }

    /** Returns for {@code FE_OK}; otherwise reads the thread-local message and throws {@link FeException}. */
    public static void check(int status, String function) {
        if (status == FeStatus.OK.value()) {
            return;
        }
        throw new FeException(FeStatus.of(status), status, function, FaceembedTrt.fe_last_error().getString(0));
    }
}
