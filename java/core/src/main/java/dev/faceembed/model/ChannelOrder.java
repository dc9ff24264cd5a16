package dev.faceembed.model;

/** The order of the three colour planes a model expects in its NCHW input. */
public enum ChannelOrder {
    RGB(0, 1, 2),
    BGR(2, 1, 0);

    private final int[] sourceChannel;

    ChannelOrder(int... sourceChannel) {
        this.sourceChannel = sourceChannel;
    }

    /** Which channel of an RGB pixel (0 = R, 1 = G, 2 = B) goes into input plane {@code plane}. */
    public int rgbChannelOfPlane(int plane) {
        return sourceChannel[plane];
    }
}
