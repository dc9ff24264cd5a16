package dev.faceembed.cli;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The workload an {@link AotCache} is made from: what a user's first command does, a one-image {@code embed encode}
 * with the bundled model, on a synthetic 112x112 PNG crop in a temporary folder, in a JVM set up as
 * {@link AotCache#run} sets up the ones that use the cache.
 */
final class AotTraining {
    private static final int SIZE = 112;

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        ChildProcess.endWithParent();
        Path folder = Files.createTempDirectory("faceembed-aot-training");
        try {
            Path crop = folder.resolve("face.png");
            ImageIO.write(syntheticCrop(), "png", crop.toFile());
            PrintWriter quiet = new PrintWriter(Writer.nullWriter());
            int code = EmbedCli.execute(new String[]{"encode", "--input", crop.toString(), "--output",
                    folder.resolve("face.npy").toString()}, quiet, quiet);
            System.exit(code);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A 112x112 crop of gradients: decoding and encoding it runs the same code as a real face would. */
    private static BufferedImage syntheticCrop() {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                image.setRGB(x, y, (2 * x) << 16 | (2 * y) << 8 | ((x ^ y) & 0xff));
            }
        }
        return image;
    }
}
