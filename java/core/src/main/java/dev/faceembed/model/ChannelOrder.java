package dev.faceembed.model;

/** The order of the three colour planes a model expects in its NCHW input. */
public enum ChannelOrder {
    /** Red, green, blue. */
    RGB(0, 1, 2),
    /** Blue, green, red (models trained with OpenCV's defaults). */
    BGR(2, 1, 0);

    private final int[] sourceChannel;

    ChannelOrder(int... sourceChannel) {
        this.sourceChannel = sourceChannel;
    }

    /**
     * Which channel of an RGB pixel (0 = R, 1 = G, 2 = B) goes into input plane {@code plane}.
     *
     * @param plane the input plane, 0 to 2
     * @return the RGB channel, 0 to 2
     * @throws ArrayIndexOutOfBoundsException if {@code plane} is outside 0 to 2
     */
    public int rgbChannelOfPlane(int plane) {
        return sourceChannel[plane];
    }
}
