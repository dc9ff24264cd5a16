package dev.faceembed.files.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes Thrift's compact protocol, the encoding of every Parquet page header and footer: fields carry a header byte
 * with the delta from the previous field id and a 4-bit type, integers are zigzag varints, strings a varint length
 * and UTF-8 bytes, lists a header with size and element type. Only what Parquet's metadata uses is here.
 *
 * <p>Structs nest: {@link #structBegin()} (or {@link #struct(int)} for a struct-valued field) starts counting field
 * ids afresh and {@link #structEnd()} writes the stop byte and returns to the enclosing struct's count. Fields must
 * be written in increasing id order within a struct, as Thrift's own writers do.
 */
final class CompactWriter {
    static final int I16 = 4;
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final Bytes out;
    private int lastFieldId;
    private int[] enclosing = new int[8];
    private int depth;

    CompactWriter(Bytes out) {
        this.out = out;
    }

    /** Starts a struct that is not a field: the top-level one or a list element. */
    CompactWriter structBegin() {
        if (depth == enclosing.length) {
            enclosing = Arrays.copyOf(enclosing, 2 * depth);
        }
        enclosing[depth++] = lastFieldId;
        lastFieldId = 0;
        return this;
    }

    /** Ends the innermost struct with the stop byte. */
    CompactWriter structEnd() {
        if (depth == 0) {
            throw new IllegalStateException("no struct to end");
        }
        out.write(0);
        lastFieldId = enclosing[--depth];
        return this;
    }

    /** Starts a struct-valued field (unions are structs with one field set); end it with {@link #structEnd()}. */
    CompactWriter struct(int id) {
        fieldHeader(id, STRUCT);
        return structBegin();
    }

    /** A struct-valued field with no fields of its own, as Parquet's logical type markers are. */
    CompactWriter emptyStruct(int id) {
        return struct(id).structEnd();
    }

    CompactWriter i16(int id, short value) {
        fieldHeader(id, I16);
        zigzag(value);
        return this;
    }

    /** An i32 field; Thrift enums are written this way too. */
    CompactWriter i32(int id, int value) {
        fieldHeader(id, I32);
        zigzag(value);
        return this;
    }

    CompactWriter i64(int id, long value) {
        fieldHeader(id, I64);
        zigzag(value);
        return this;
    }

    CompactWriter string(int id, String value) {
        fieldHeader(id, BINARY);
        stringValue(value);
        return this;
    }

    /** A list-valued field's header; {@code size} elements of {@code elementType} must follow. */
    CompactWriter list(int id, int elementType, int size) {
        fieldHeader(id, LIST);
        if (size < 15) {
            out.write(size << 4 | elementType);
        } else {
            out.write(0xF0 | elementType);
            out.writeUnsignedVarint(size);
        }
        return this;
    }

    /** An i32 (or enum) list element. */
    CompactWriter i32Element(int value) {
        zigzag(value);
        return this;
    }

    CompactWriter stringElement(String value) {
        stringValue(value);
        return this;
    }

    private void fieldHeader(int id, int type) {
        int delta = id - lastFieldId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            zigzag(id);
        }
        lastFieldId = id;
    }

    private void stringValue(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeUnsignedVarint(utf8.length);
        out.write(utf8);
    }

    private void zigzag(long value) {
        out.writeUnsignedVarint(value << 1 ^ value >> 63);
    }
}
