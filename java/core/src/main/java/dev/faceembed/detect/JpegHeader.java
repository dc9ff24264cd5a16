package dev.faceembed.detect;

/**
 * What faceembed needs from a JPEG's markers before decoding it: the number of colour components (4 means CMYK or
 * YCCK, which ImageIO cannot decode) and the EXIF orientation. Reads markers up to the start of the scan only.
 *
 * @param components  colour components of the frame (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK), 0 if no frame header
 * @param orientation EXIF orientation 1..8 (1 when absent or invalid)
 */
record JpegHeader(int components, int orientation) {
    private static final int EXIF_ORIENTATION_TAG = 0x0112;

    /** True for bytes that start like a JPEG file. */
    static boolean isJpeg(byte[] b) {
        return b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /** Reads the markers of a JPEG file; a truncated or odd header gives what was found so far. */
    static JpegHeader read(byte[] b) {
        int components = 0;
        int orientation = 1;
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                break;
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2;
                continue;
            }
            int length = u16(b, p + 2, false);
            int body = p + 4;
            if (length < 2 || body + length - 2 > b.length) {
                break;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break;
            }
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && length >= 8) {
                components = b[body + 5] & 0xFF;
            } else if (marker == 0xE1 && orientation == 1) {
                orientation = exifOrientation(b, body, body + length - 2);
            }
            p = body + length - 2;
        }
        return new JpegHeader(components, orientation);
    }

    /** The orientation tag of IFD0 in an APP1 segment {@code [start, end)}, or 1. */
    private static int exifOrientation(byte[] b, int start, int end) {
        if (end - start < 14 || b[start] != 'E' || b[start + 1] != 'x' || b[start + 2] != 'i' || b[start + 3] != 'f'
                || b[start + 4] != 0 || b[start + 5] != 0) {
            return 1;
        }
        int tiff = start + 6;
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                break;
            }
            if (u16(b, entry, little) == EXIF_ORIENTATION_TAG) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int p, boolean little) {
        int first = b[p] & 0xFF;
        int second = b[p + 1] & 0xFF;
        return little ? first | (second << 8) : (first << 8) | second;
    }

    private static long u32(byte[] b, int p, boolean little) {
        long high = u16(b, little ? p + 2 : p, little);
        long low = u16(b, little ? p : p + 2, little);
        return (high << 16) | low;
    }
}
