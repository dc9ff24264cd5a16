package dev.faceembed.bindings.ort;

/** A failed ONNX Runtime C API call: the status code and ONNX Runtime's own message. */
public final class OrtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final OrtErrorCode code;
    private final int rawCode;

    public OrtException(OrtErrorCode code, int rawCode, String message) {
        super("ONNX Runtime " + (code == OrtErrorCode.UNKNOWN ? "error code " + rawCode : code.name()) + ": "
                + message);
        this.code = code;
        this.rawCode = rawCode;
    }

    public OrtErrorCode code() {
        return code;
    }

    /** The numeric code as ONNX Runtime returned it (meaningful when {@link #code()} is UNKNOWN). */
    public int rawCode() {
        return rawCode;
    }

    /** ONNX Runtime's message without the code prefix. */
    public String ortMessage() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
