package dev.faceembed.spark;

import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.preprocess.ImageDecoder;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** What the bytes of the crop column hold, and how one value goes into a uint8 RGB {@link FaceBatch}. */
public enum CropEncoding {
    /** A PNG or JPEG image of an aligned face; crops that are not the model's size (112x112) are resized. */
    ENCODED_IMAGE {
        @Override
        void put(byte[] value, FaceBatch batch, int index) {
            ImageCrops.put(batch, index, DECODER.decode(value, "the crop column's image", batch.size()));
        }
    },
    /** Raw pixels: exactly {@code height x width x 3} bytes (112 x 112 x 3 = 37,632), RGB, row-major (HWC). */
    RAW_RGB {
        @Override
        void put(byte[] value, FaceBatch batch, int index) {
            if (value.length != batch.cropBytes()) {
                throw new InvalidInputException("raw crop of " + value.length + " bytes, expected " + batch.cropBytes()
                        + " (" + batch.size() + " x 3 uint8 RGB, HWC)");
            }
            MemorySegment.copy(value, 0, batch.crop(index), ValueLayout.JAVA_BYTE, 0, value.length);
        }
    };

    /** Decodes with the default limits (input.max_image_pixels), one image at a time. */
    private static final ImageDecoder DECODER = ImageDecoder.standard();

    /**
     * Writes one crop into slot {@code index} of {@code batch}.
     *
     * @throws InvalidInputException if the value is not a crop of this encoding
     */
    abstract void put(byte[] value, FaceBatch batch, int index);
}
