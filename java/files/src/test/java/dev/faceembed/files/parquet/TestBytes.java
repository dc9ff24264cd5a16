package dev.faceembed.files.parquet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Expected byte sequences written as bytes (ints) and ASCII text (strings), for the tests. */
final class TestBytes {
    private TestBytes() {
    }

    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case Integer b -> out.write(b);
                case String text -> out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
                default -> throw new IllegalArgumentException(String.valueOf(part));
            }
        }
        return out.toByteArray();
    }
}
