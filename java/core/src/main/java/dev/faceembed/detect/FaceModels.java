package dev.faceembed.detect;

import dev.faceembed.CropSize;
import dev.faceembed.ModelException;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.ModelManifest;
import dev.faceembed.model.ModelSource;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The bundled face detector and landmark model, as listed under {@code face_models} in {@code models/manifest.yaml}
 * (file and sha256; models/README.md has their contracts and provenance).
 */
final class FaceModels {
    static final String DETECTOR = "fr_detect";
    static final String LANDMARKS = "fr_landmark";

    /** What the detector takes: B, G, R planes of a 320x240 view, {@code (v - 127) / 128}. */
    static final Preprocessing DETECTOR_INPUT = new Preprocessing(new CropSize(240, 320), ChannelOrder.BGR,
            List.of(127.0, 127.0, 127.0), List.of(128.0, 128.0, 128.0));
    /**
     * The landmark model takes one grey plane, {@code grey / 256}, which {@link Preprocessing} (three planes) cannot
     * state; {@link LandmarkModel} makes it, and this value only satisfies {@link ModelSpec}.
     */
    private static final Preprocessing LANDMARK_INPUT = new Preprocessing(new CropSize(64, 64), ChannelOrder.RGB,
            List.of(0.0, 0.0, 0.0), List.of(256.0, 256.0, 256.0));

    private FaceModels() {
    }

    static ModelSpec detector() {
        return spec(DETECTOR, DETECTOR_INPUT);
    }

    static ModelSpec landmarks() {
        return spec(LANDMARKS, LANDMARK_INPUT);
    }

    private static ModelSpec spec(String name, Preprocessing preprocessing) {
        Map<?, ?> entry = Manifest.ENTRIES.get(name) instanceof Map<?, ?> m ? m : Map.of();
        if (!(entry.get("file") instanceof String file) || !(entry.get("sha256") instanceof String sha256)) {
            throw new ModelException("the bundled model manifest has no face_models." + name + " with file and"
                    + " sha256: use the faceembed-core jar as built");
        }
        return new ModelSpec(name, new ModelSource.Resource(ModelManifest.RESOURCE_FOLDER + file), sha256,
                preprocessing);
    }

    private static final class Manifest {
        static final Map<?, ?> ENTRIES = load();

        private static Map<?, ?> load() {
            String name = ModelManifest.RESOURCE_FOLDER + "manifest.yaml";
            try (InputStream in = FaceModels.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    throw new ModelException("the bundled model manifest " + name + " is not on the class path");
                }
                Object root = new Yaml(new SafeConstructor(new LoaderOptions()))
                        .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return root instanceof Map<?, ?> top && top.get("face_models") instanceof Map<?, ?> models
                        ? models : Map.of();
            } catch (IOException e) {
                throw new ModelException("cannot read the bundled model manifest " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
