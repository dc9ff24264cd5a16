package dev.faceembed.bench;

/** One side of a comparison: embeds the crops of a {@link Crops} state into its output. */
interface Implementation extends AutoCloseable {

    /** Embeds every crop of {@code crops} (L2-normalised) and returns one value of the result. */
    float embed(Crops crops);

    @Override
    void close();
}
