package dev.faceembed.model;

import dev.faceembed.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The spec of a model given as a file: which preprocessing it takes, decided in this order, because a model run with
 * the wrong channel order or normalisation gives plausible but wrong embeddings and nothing else would notice:
 * <ol>
 *   <li>the preprocessing set explicitly in the configuration;</li>
 *   <li>a bundled model recognised by its sha256 (the file may be a copy of it), with its manifest's preprocessing;</li>
 *   <li>{@code <model>.yaml} next to the model ({@code preprocessing: {channel_order, mean, std}});</li>
 *   <li>the model's own {@code metadata_props} {@code faceembed.channel_order}, {@code faceembed.mean},
 *       {@code faceembed.std};</li>
 *   <li>RGB with mean and std 127.5, with a warning that says so and how to set it.</li>
 * </ol>
 * The spec carries the file's sha256, so loading it refuses a file changed in between.
 */
public final class ModelFileSpec {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFileSpec.class);
    /** Sidecar files are a few lines; anything larger is not one. */
    private static final long MAX_SIDECAR_BYTES = 64 << 10;
    private static final String METADATA_PREFIX = "faceembed.";

    private ModelFileSpec() {
    }

    /**
     * The spec of {@code file}.
     *
     * @param file     an ONNX file
     * @param explicit the preprocessing the configuration sets, or {@code null} when it sets none
     * @return the spec, named after the file (or the bundled model it is a copy of), with its sha256
     * @throws ModelException if the file cannot be used, or its sidecar or metadata are malformed
     */
    public static ModelSpec of(Path file, Preprocessing explicit) {
        ModelFiles.Inspection inspection = ModelFiles.inspect(file);
        String name = stem(file);
        Optional<ModelSpec> bundled = ModelManifest.bundled().bySha256(inspection.sha256());
        if (explicit != null) {
            bundled.filter(b -> !b.preprocessing().equals(explicit)).ifPresent(b -> LOG.warn("{} is the bundled"
                    + " model {}, which takes {}; the configuration asks for {}: its embeddings will not match the"
                    + " bundled model's", file, b.name(), b.preprocessing(), explicit));
            return spec(name, file, inspection, explicit);
        }
        if (bundled.isPresent()) {
            return spec(bundled.get().name(), file, inspection, bundled.get().preprocessing());
        }
        Optional<Preprocessing> declared = sidecar(file).or(() -> metadata(inspection.metadata(), file));
        if (declared.isPresent()) {
            return spec(name, file, inspection, declared.get());
        }
        Preprocessing assumed = Preprocessing.of(ChannelOrder.RGB, 127.5, 127.5);
        LOG.warn("{} declares no preprocessing: assuming {}. If the model was trained otherwise (e.g. BGR, or mean 0"
                + " and std 1) its embeddings will be wrong: set embedding.preprocessing.* (--channel-order, --mean,"
                + " --std), or write {}", file, assumed, sidecarFile(file).getFileName());
        return spec(name, file, inspection, assumed);
    }

    private static ModelSpec spec(String name, Path file, ModelFiles.Inspection inspection, Preprocessing pre) {
        return new ModelSpec(name, new ModelSource.File(file), inspection.sha256(), pre);
    }

    /** {@code <model stem>.yaml} next to the model. */
    static Path sidecarFile(Path model) {
        return model.toAbsolutePath().resolveSibling(stem(model) + ".yaml");
    }

    private static Optional<Preprocessing> sidecar(Path model) {
        Path file = sidecarFile(model);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) > MAX_SIDECAR_BYTES) {
                throw new ModelException(file + " is larger than " + (MAX_SIDECAR_BYTES >> 10) + " KiB: not a model"
                        + " description");
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object root = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
            Map<String, Object> top = ModelManifest.map(root, file.toString());
            Preprocessing pre = ModelManifest.preprocessing(top.get("preprocessing"), file + ": preprocessing");
            LOG.debug("{}: preprocessing {} from {}", model, pre, file);
            return Optional.of(pre);
        } catch (IOException | YAMLException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Preprocessing> metadata(Map<String, String> metadata, Path model) {
        String order = metadata.get(METADATA_PREFIX + "channel_order");
        String mean = metadata.get(METADATA_PREFIX + "mean");
        String std = metadata.get(METADATA_PREFIX + "std");
        if (order == null && mean == null && std == null) {
            return Optional.empty();
        }
        String where = "model " + model + ": metadata_props " + METADATA_PREFIX + "*";
        if (order == null || mean == null || std == null) {
            throw new ModelException(where + " must give channel_order, mean and std together");
        }
        try {
            return Optional.of(new Preprocessing(Preprocessing.ARCFACE_CROP,
                    ChannelOrder.valueOf(order.strip().toUpperCase(Locale.ROOT)), numbers(mean), numbers(std)));
        } catch (IllegalArgumentException e) {
            throw new ModelException(where + ": " + e.getMessage(), e);
        }
    }

    /** "127.5" for all three planes, or "a,b,c". */
    private static List<Double> numbers(String text) {
        List<Double> values = Arrays.stream(text.split(",")).map(String::strip).map(Double::valueOf).toList();
        return values.size() == 1 ? List.of(values.getFirst(), values.getFirst(), values.getFirst()) : values;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    }
}
