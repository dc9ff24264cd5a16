package dev.faceembed;

/** How the crops of a {@link FaceBatch} are laid out in memory. */
public enum CropLayout {
    /**
     * Interleaved 8-bit RGB, row-major, {@code height x width x 3} bytes per crop: what image decoders produce, and a
     * quarter of the bytes of float input. The backend applies the model's preprocessing (channel order, mean, std).
     */
    UINT8_HWC_RGB(1),
    /**
     * Planar float32, {@code 3 x height x width} per crop, already preprocessed for the model (channel order, mean
     * and std applied). Handed to the runtime without a copy. Values must be finite.
     */
    FLOAT32_NCHW(4);

    private final int bytesPerValue;

    CropLayout(int bytesPerValue) {
        this.bytesPerValue = bytesPerValue;
    }

    /**
     * Bytes of one crop of the given size.
     *
     * @param height rows of pixels
     * @param width  columns of pixels
     * @return {@code 3 * height * width} times the bytes of one value (1 for {@code UINT8}, 4 for {@code FLOAT32})
     */
    public long cropBytes(int height, int width) {
        return 3L * height * width * bytesPerValue;
    }
}
