package dev.faceembed.model;

import dev.faceembed.ModelException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Finds a model's bytes and verifies its sha256 (when the spec gives one) before anything loads it. */
public final class ModelLoader {
    private ModelLoader() {
    }

    public static LoadedModel load(ModelSpec spec) {
        return switch (spec.source()) {
            case ModelSource.File f -> loadFile(spec, f.path());
            case ModelSource.Resource r -> loadResource(spec, r.name());
        };
    }

    private static LoadedModel loadFile(ModelSpec spec, Path path) {
        if (!Files.exists(path)) {
            throw new ModelException("model file not found: " + path.toAbsolutePath()
                    + ". Give the path of an .onnx file, or leave the model unset to use the bundled default.");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ModelException("model path is not a readable file: " + path.toAbsolutePath());
        }
        try {
            long size = Files.size(path);
            if (size == 0) {
                throw new ModelException("model file is empty: " + path.toAbsolutePath()
                        + " (an interrupted download?)");
            }
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            String hash = HexFormat.of().formatHex(digest.digest());
            verify(spec, hash);
            return new LoadedModel(spec, hash, size, path.toAbsolutePath(), null);
        } catch (IOException e) {
            throw new ModelException("cannot read model file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static LoadedModel loadResource(ModelSpec spec, String name) {
        try (InputStream in = ModelLoader.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new ModelException("bundled model " + name + " is not on the class path: use the"
                        + " faceembed-core jar as built");
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(sha256().digest(bytes));
            verify(spec, hash);
            return new LoadedModel(spec, hash, bytes.length, null, bytes);
        } catch (IOException e) {
            throw new ModelException("cannot read bundled model " + name + ": " + e.getMessage(), e);
        }
    }

    private static void verify(ModelSpec spec, String actual) {
        if (spec.sha256() != null && !spec.sha256().equalsIgnoreCase(actual)) {
            throw new ModelException("model " + spec.name() + " (" + spec.source() + ") has sha256 " + actual
                    + ", expected " + spec.sha256() + ": the file is corrupt or is a different model");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
