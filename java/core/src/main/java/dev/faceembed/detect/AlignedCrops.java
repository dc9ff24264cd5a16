package dev.faceembed.detect;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.preprocess.FaceAligner;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Aligned face crops as images, for inspection (e.g. {@code --save-crops}): exactly what the embedder is given. */
public final class AlignedCrops {
    private AlignedCrops() {
    }

    /**
     * The crop of {@code size} that {@link FacePipeline} embeds for a face with {@code landmarks} in {@code photo},
     * as a 3-byte BGR image (write it with ImageIO).
     *
     * @param photo     the photo the face was found in
     * @param landmarks the face's landmarks, in photo pixels
     * @param size      the crop size, usually the backend's
     * @return a new image of {@code size}
     * @throws dev.faceembed.InvalidInputException if the landmarks do not define a face (e.g. all coincide)
     */
    public static BufferedImage of(BufferedImage photo, Landmarks landmarks, CropSize size) {
        BgrImage image = BgrImage.of(photo);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rgb = arena.allocate(CropLayout.UINT8_HWC_RGB.cropBytes(size.height(), size.width()));
            CropWarper.warp(image, new FaceAligner(size).estimate(landmarks.toArray()), size, rgb);
            BufferedImage out = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_3BYTE_BGR);
            byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < bgr.length; i += 3) {
                bgr[i] = rgb.get(ValueLayout.JAVA_BYTE, i + 2);
                bgr[i + 1] = rgb.get(ValueLayout.JAVA_BYTE, i + 1);
                bgr[i + 2] = rgb.get(ValueLayout.JAVA_BYTE, i);
            }
            return out;
        }
    }
}
