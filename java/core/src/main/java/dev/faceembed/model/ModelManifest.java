package dev.faceembed.model;

import dev.faceembed.ModelException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The bundled models, as listed in {@code models/manifest.yaml}. */
public final class ModelManifest {
    /** Class path folder of the bundled models and their manifest. */
    public static final String RESOURCE_FOLDER = "dev/faceembed/models/";

    private final String defaultName;
    private final Map<String, ModelSpec> models;
    /** The names of the default model's variants ({@code variant_of: <default>}) by precision. */
    private final Map<ModelPrecision, String> variants;

    private ModelManifest(String defaultName, Map<String, ModelSpec> models, Map<ModelPrecision, String> variants) {
        this.defaultName = defaultName;
        this.models = models;
        this.variants = variants;
    }

    /**
     * The manifest on the class path, read once on first use.
     *
     * @return the bundled manifest
     */
    public static ModelManifest bundled() {
        return Holder.BUNDLED;
    }

    /**
     * The model used when none is configured.
     *
     * @return the manifest's {@code default} model
     */
    public ModelSpec defaultModel() {
        return models.get(defaultName);
    }

    /**
     * The default model in {@code precision}: the default itself, or the entry that names it in {@code variant_of}
     * with that precision.
     *
     * @param precision the precision wanted
     * @return the default model or its variant
     * @throws ModelException if there is none
     */
    public ModelSpec defaultModel(ModelPrecision precision) {
        ModelSpec base = defaultModel();
        if (base.precision() == precision) {
            return base;
        }
        return Optional.ofNullable(variants.get(precision)).map(models::get).orElseThrow(() -> new ModelException(
                "the bundled model " + defaultName + " has no " + precision.id() + " variant in this build"));
    }

    /**
     * A model by name.
     *
     * @param name the model's name, as listed under {@code models}
     * @return the model, or empty if the manifest has none of that name
     */
    public Optional<ModelSpec> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /**
     * The names of the manifest's models.
     *
     * @return the names, unmodifiable
     */
    public Set<String> names() {
        return models.keySet();
    }

    /**
     * Parses a manifest; {@code origin} names it in error messages.
     *
     * @param yaml   the manifest's text: a {@code default} name and {@code models} with {@code file}, {@code sha256}
     *               and {@code preprocessing} each
     * @param origin what error messages call the manifest
     * @return the manifest
     * @throws ModelException if an entry is missing or malformed, or the default is not listed
     */
    public static ModelManifest parse(String yaml, String origin) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        Map<String, Object> top = map(root, origin);
        String defaultName = string(top, "default", origin);
        Map<String, Object> entries = map(top.get("models"), origin + ": models");
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        Map<ModelPrecision, String> variants = new EnumMap<>(ModelPrecision.class);
        for (var entry : entries.entrySet()) {
            String where = origin + ": models." + entry.getKey();
            Map<String, Object> m = map(entry.getValue(), where);
            Preprocessing preprocessing = preprocessing(m.get("preprocessing"), where + ".preprocessing");
            ModelPrecision precision = precision(m, where);
            models.put(entry.getKey(), new ModelSpec(entry.getKey(),
                    new ModelSource.Resource(RESOURCE_FOLDER + string(m, "file", where)), string(m, "sha256", where),
                    preprocessing, precision));
            if (defaultName.equals(m.get("variant_of"))
                    && variants.putIfAbsent(precision, entry.getKey()) != null) {
                throw new ModelException(where + ": a second " + precision.id() + " variant of " + defaultName);
            }
        }
        if (!models.containsKey(defaultName)) {
            throw new ModelException(origin + ": default model '" + defaultName + "' is not listed under models");
        }
        return new ModelManifest(defaultName, Map.copyOf(models), Map.copyOf(variants));
    }

    /**
     * The model of this manifest whose bytes have {@code sha256}, if any.
     *
     * @param sha256 hex, either case
     * @return the model, or empty
     */
    public Optional<ModelSpec> bySha256(String sha256) {
        return models.values().stream().filter(m -> m.sha256().equalsIgnoreCase(sha256)).findFirst();
    }

    /**
     * A {@code preprocessing} mapping ({@code channel_order}, {@code mean}, {@code std}), as in this manifest and in
     * the {@code <model>.yaml} files next to users' models.
     */
    static Preprocessing preprocessing(Object value, String where) {
        Map<String, Object> pre = map(value, where);
        try {
            return new Preprocessing(Preprocessing.ARCFACE_CROP,
                    ChannelOrder.valueOf(string(pre, "channel_order", where).toUpperCase(Locale.ROOT)),
                    numbers(pre, "mean", where), numbers(pre, "std", where));
        } catch (IllegalArgumentException e) {
            throw new ModelException(where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new ModelException(where + ": expected a mapping");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof String s) || s.isBlank()) {
            throw new ModelException(where + ": missing text value '" + key + "'");
        }
        return s;
    }

    private static ModelPrecision precision(Map<String, Object> m, String where) {
        try {
            return ModelPrecision.parse(string(m, "precision", where));
        } catch (IllegalArgumentException e) {
            throw new ModelException(where + ".precision: " + e.getMessage(), e);
        }
    }

    private static List<Double> numbers(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof List<?> list) || !list.stream().allMatch(Number.class::isInstance)) {
            throw new ModelException(where + ": '" + key + "' must be a list of numbers");
        }
        return list.stream().map(n -> ((Number) n).doubleValue()).toList();
    }

    private static final class Holder {
        static final ModelManifest BUNDLED = load();

        private static ModelManifest load() {
            String name = RESOURCE_FOLDER + "manifest.yaml";
            try (InputStream in = ModelManifest.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    throw new ModelException("the bundled model manifest " + name + " is not on the class path:"
                            + " use the faceembed-core jar as built");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + name);
            } catch (IOException e) {
                throw new ModelException("cannot read the bundled model manifest " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
