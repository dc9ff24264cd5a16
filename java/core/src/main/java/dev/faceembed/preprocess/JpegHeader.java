package dev.faceembed.preprocess;

/**
 * What faceembed reads from a JPEG's markers before decoding it: how many colour components its frame has (4 is CMYK
 * or YCCK, which Java's decoder turns into wrong colours) and the EXIF orientation a camera recorded (1 to 8; 1 when
 * absent). Only the bytes up to the first scan are looked at.
 *
 * @param components  colour components of the frame, or 0 if no frame header was found
 * @param orientation EXIF orientation, 1 (upright) when there is none
 */
record JpegHeader(int components, int orientation) {
    private static final int NO_FRAME = 0;
    private static final int UPRIGHT = 1;

    /** The header of {@code bytes}, or {@code null} when they are not a JPEG. */
    static JpegHeader read(byte[] bytes) {
        if (bytes.length < 4 || (bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8) {
            return null;
        }
        int components = NO_FRAME;
        int orientation = UPRIGHT;
        int pos = 2;
        while (pos + 4 <= bytes.length) {
            if ((bytes[pos] & 0xff) != 0xff) {
                break;
            }
            int marker = bytes[pos + 1] & 0xff;
            if (marker == 0xd9 || marker == 0xda) {
                break;
            }
            int length = u16(bytes, pos + 2, false);
            int body = pos + 4;
            if (length < 2 || body + length - 2 > bytes.length) {
                break;
            }
            if (isStartOfFrame(marker) && length >= 8) {
                components = bytes[body + 5] & 0xff;
            } else if (marker == 0xe1) {
                orientation = exifOrientation(bytes, body, body + length - 2);
            }
            pos = body + length - 2;
        }
        return new JpegHeader(components, orientation);
    }

    /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    /** Tag 0x0112 of IFD0 of an APP1 {@code Exif\0\0} segment, or 1. */
    private static int exifOrientation(byte[] b, int start, int end) {
        if (end - start < 14 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i' || b[start + 3] != 'f') {
            return UPRIGHT;
        }
        int tiff = start + 6;
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        if (!little && !(b[tiff] == 'M' && b[tiff + 1] == 'M')) {
            return UPRIGHT;
        }
        long ifd = u32(b, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return UPRIGHT;
        }
        int entries = u16(b, (int) (tiff + ifd), little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) (tiff + ifd + 2 + 12L * i);
            if (entry + 12 > end) {
                return UPRIGHT;
            }
            if (u16(b, entry, little) == 0x0112) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
