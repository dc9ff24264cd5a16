package dev.faceembed.model;

import dev.faceembed.ModelException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What faceembed knows of a model file before anyone loads it: its sha256, its metadata, and that its external data
 * stays inside its folder. Computed once per file identity (path, size, modification time, inode) and remembered for
 * the process, so choosing the model's preprocessing and then loading it read the file once.
 */
final class ModelFiles {
    /** Files remembered; a process uses a handful of models. */
    private static final int REMEMBERED = 32;
    private static final Map<Identity, Inspection> INSPECTED = new ConcurrentHashMap<>();

    /**
     * A checked model file.
     *
     * @param file     the file, absolute
     * @param size     its size in bytes
     * @param sha256   sha256 of its bytes, lower-case hex
     * @param metadata the model's {@code metadata_props}
     */
    record Inspection(Path file, long size, String sha256, Map<String, String> metadata) {
    }

    private record Identity(Path file, long size, long modifiedMillis, Object fileKey) {
    }

    private ModelFiles() {
    }

    /**
     * Inspects {@code file}: reads it once (mapped, not copied), hashes it, and checks its external data.
     *
     * @throws ModelException if the file is missing, unreadable, empty, not ONNX, or refers to data outside its folder
     */
    static Inspection inspect(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Identity identity = identity(absolute);
        Inspection known = INSPECTED.get(identity);
        if (known != null) {
            return known;
        }
        Inspection inspection = read(absolute, identity.size());
        if (INSPECTED.size() >= REMEMBERED) {
            INSPECTED.clear();
        }
        INSPECTED.put(identity, inspection);
        return inspection;
    }

    private static Identity identity(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new ModelException("model path is not a readable file: " + file);
            }
            if (attributes.size() == 0) {
                throw new ModelException("model file is empty: " + file + " (an interrupted download?)");
            }
            return new Identity(file, attributes.size(), attributes.lastModifiedTime().toMillis(),
                    Objects.requireNonNullElse(attributes.fileKey(), file));
        } catch (IOException e) {
            if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelException("model file not found: " + file + ". Give the path of an .onnx file, or leave"
                        + " the model unset to use the bundled default.", e);
            }
            throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Inspection read(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            String sha256 = sha256(bytes);
            OnnxTensorScanner scan = OnnxTensorScanner.scan(bytes, file.toString());
            ExternalData.check(scan.externalTensors(), file.getParent(), file.toString());
            return new Inspection(file, size, sha256, Map.copyOf(scan.metadata()));
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inspects the bytes of a bundled model: its metadata, that it has no external data, and its sha256 unless
     * {@code knownSha256} gives it.
     */
    static Inspection inspect(byte[] model, String where, Optional<String> knownSha256) {
        MemorySegment bytes = MemorySegment.ofArray(model);
        OnnxTensorScanner scan = OnnxTensorScanner.scan(bytes, where);
        ExternalData.refuseAny(scan.externalTensors(), where);
        return new Inspection(null, model.length, knownSha256.orElseGet(() -> sha256(bytes)),
                Map.copyOf(scan.metadata()));
    }

    static String sha256(MemorySegment bytes) {
        MessageDigest digest = newSha256();
        long chunk = 1 << 20;
        for (long at = 0; at < bytes.byteSize(); at += chunk) {
            digest.update(bytes.asSlice(at, Math.min(chunk, bytes.byteSize() - at)).asByteBuffer());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
