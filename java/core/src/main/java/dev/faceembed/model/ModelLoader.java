package dev.faceembed.model;

import dev.faceembed.ModelException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finds a model's bytes and checks them before anything loads the model: its sha256 (when the spec gives one), and
 * that any external data stays inside its folder ({@link ExternalData}).
 */
public final class ModelLoader {
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

    private static LoadedModel loadResource(ModelSpec spec, String name) {
        try (InputStream in = ModelLoader.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new ModelException("bundled model " + name + " is not on the class path: use the"
                        + " faceembed-core jar as built");
            }
            byte[] bytes = in.readAllBytes();
            ModelFiles.Inspection inspection = ModelFiles.inspect(bytes, "classpath:" + name);
            verify(spec, inspection.sha256());
            return new LoadedModel(spec, inspection.sha256(), bytes.length, null, bytes, inspection.metadata());
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
}
