package dev.faceembed.model;

import dev.faceembed.ModelException;
import dev.faceembed.files.VerifiedFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Optional;

/**
 * Finds a model's bytes and checks them before anything loads the model: its sha256 (when the spec gives one), and
 * that any external data stays inside its folder ({@link ExternalData}).
 */
public final class ModelLoader {
    private static final VerifiedFiles VERIFIED = VerifiedFiles.standard();

    private ModelLoader() {
    }

    /**
     * Finds the model's bytes and checks them.
     *
     * @param spec the model
     * @return the model, its sha256, size and metadata
     * @throws ModelException if the model is missing or unreadable, is not ONNX, has another sha256 than the spec's, or
     *                        has external data outside its folder
     */
    public static LoadedModel load(ModelSpec spec) {
        return switch (spec.source()) {
            case ModelSource.File f -> loadFile(spec, f);
            case ModelSource.Resource r -> loadResource(spec, r.name());
        };
    }

    private static LoadedModel loadFile(ModelSpec spec, ModelSource.File source) {
        ModelFiles.Inspection file = ModelFiles.inspect(source.path());
        verify(spec, file.sha256());
        return new LoadedModel(spec, file.sha256(), file.size(), file.file(), null, file.metadata());
    }

    /**
     * Reads a bundled model. Its sha256 is checked against the spec once per identity of the jar that holds it
     * ({@link VerifiedFiles}): hashing 5 MB costs a new JVM more than the rest of loading the model.
     */
    private static LoadedModel loadResource(ModelSpec spec, String name) {
        URL url = ModelLoader.class.getResource("/" + name);
        if (url == null) {
            throw new ModelException("bundled model " + name + " is not on the class path: use the"
                    + " faceembed-core jar as built");
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            Optional<String> subject = resourceSubject(url);
            Optional<String> known = subject.flatMap(VERIFIED::recall);
            ModelFiles.Inspection inspection = ModelFiles.inspect(bytes, "classpath:" + name, known);
            verify(spec, inspection.sha256());
            if (known.isEmpty()) {
                subject.ifPresent(s -> VERIFIED.remember(s, inspection.sha256()));
            }
            return new LoadedModel(spec, inspection.sha256(), bytes.length, null, bytes, inspection.metadata());
        } catch (IOException e) {
            throw new ModelException("cannot read bundled model " + name + ": " + e.getMessage(), e);
        }
    }

    /** What the sha256 of a bundled model is remembered under: its URL and the identity of the file holding it. */
    static Optional<String> resourceSubject(URL url) {
        return VerifiedFiles.holderIdentity(url).map(id -> "model " + url + "@" + id);
    }

    private static void verify(ModelSpec spec, String actual) {
        if (spec.sha256() != null && !spec.sha256().equalsIgnoreCase(actual)) {
            throw new ModelException("model " + spec.name() + " (" + spec.source() + ") has sha256 " + actual
                    + ", expected " + spec.sha256() + ": the file is corrupt or is a different model");
        }
    }
}
