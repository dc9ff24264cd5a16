package dev.faceembed.config;

import dev.faceembed.config.ConfigKey.Type;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values of every {@link ConfigSchema} key and where each came from, built up in precedence order: defaults,
 * then files, then environment variables, then command-line flags, each later source replacing earlier values.
 * YAML is read with SnakeYAML's safe composer, so every value keeps its line for error messages.
 */
final class ConfigValues {
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    ConfigValues() {
        ConfigSchema.KEYS.values().forEach(k -> {
            values.put(k.path(), k.defaultValue());
            origins.put(k.path(), "default");
        });
    }

    Object get(String path) {
        if (!ConfigSchema.KEYS.containsKey(path)) {
            throw new IllegalArgumentException("no configuration key " + path);
        }
        return values.get(path);
    }

    String origin(String path) {
        return origins.get(path);
    }

    Map<String, String> origins() {
        return Map.copyOf(origins);
    }

    /** Reads a YAML file; every key must be known and every value valid. */
    void readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem(), e);
        } catch (YAMLException | IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(file + ":" + line(root) + ": expected sections such as 'embedding:' at the top");
        }
        readMapping(file, "", mapping);
    }

    private void readMapping(Path file, String prefix, MappingNode mapping) {
        Path folder = file.toAbsolutePath().getParent();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(file + ":" + line(tuple.getKeyNode()) + ": keys must be plain words");
            }
            String path = prefix + keyNode.getValue();
            Node value = tuple.getValueNode();
            String where = file + ":" + line(keyNode);
            var key = ConfigSchema.key(path);
            if (key.isPresent()) {
                set(key.get(), value, where, where);
                if (values.get(path) instanceof Path p && !p.isAbsolute() && Files.exists(folder.resolve(p))) {
                    values.put(path, folder.resolve(p));
                }
            } else if (ConfigSchema.isSection(path) && value instanceof MappingNode section) {
                readMapping(file, path + ".", section);
            } else if (ConfigSchema.isSection(path) && value.getTag().equals(Tag.NULL)) {
                continue;
            } else if (ConfigSchema.isSection(path)) {
                throw new ConfigException(where + ": " + path + " holds keys; expected an indented block under it");
            } else {
                throw new ConfigException(where + ": unknown key " + path + ConfigSchema.nearest(path)
                        .map(n -> "; did you mean " + n + "?").orElse("; known keys: "
                                + ConfigSchema.KEYS.keySet().stream().sorted().toList()));
            }
        }
    }

    /** Environment variables {@code FACEEMBED_<SECTION>_<KEY>} replace file values. */
    void readEnvironment(Map<String, String> environment) {
        for (ConfigKey key : ConfigSchema.KEYS.values()) {
            String raw = environment.get(key.environmentVariable());
            if (raw != null) {
                String where = "environment variable " + key.environmentVariable();
                set(key, scalar(raw, where), where, where);
            }
        }
    }

    /** A value given on the command line as text, e.g. {@code --backend tensorrt}. */
    void override(String path, String raw, String flag) {
        ConfigKey key = ConfigSchema.key(path).orElseThrow(() -> new IllegalArgumentException("no key " + path));
        set(key, scalar(raw, flag), flag, "command-line flag " + flag);
    }

    private static Node scalar(String raw, String where) {
        try (Reader reader = new StringReader(raw)) {
            Node node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
            return node == null ? new ScalarNode(Tag.NULL, "null", null, null, DumperOptions.ScalarStyle.PLAIN) : node;
        } catch (YAMLException | IOException e) {
            throw new ConfigException(where + ": cannot read value '" + raw + "': " + e.getMessage(), e);
        }
    }

    private void set(ConfigKey key, Node node, String where, String origin) {
        values.put(key.path(), parse(key, node, where));
        origins.put(key.path(), origin);
    }

    private static Object parse(ConfigKey key, Node node, String where) {
        if (node.getTag().equals(Tag.NULL)) {
            if (key.nullable()) {
                return null;
            }
            throw invalid(key, where, "null");
        }
        if (key.type() == Type.THREE_NUMBERS) {
            if (!(node instanceof SequenceNode sequence) || sequence.getValue().size() != 3) {
                throw invalid(key, where, describe(node));
            }
            List<Double> numbers = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                numbers.add(number(key, item, where));
            }
            return List.copyOf(numbers);
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw invalid(key, where, describe(node));
        }
        String text = scalar.getValue();
        return switch (key.type()) {
            case TEXT -> {
                if (text.isBlank()) {
                    throw invalid(key, where, "an empty value");
                }
                yield text;
            }
            case PATH -> {
                if (text.isBlank()) {
                    throw invalid(key, where, "an empty value");
                }
                yield Path.of(text);
            }
            case BOOLEAN -> {
                if (!scalar.getTag().equals(Tag.BOOL)) {
                    throw invalid(key, where, "'" + text + "'");
                }
                yield switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> true;
                    default -> false;
                };
            }
            case INTEGER -> {
                if (!scalar.getTag().equals(Tag.INT)) {
                    throw invalid(key, where, "'" + text + "'");
                }
                long value;
                try {
                    value = Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw invalid(key, where, "'" + text + "'");
                }
                if (value < key.min() || value > key.max()) {
                    throw new ConfigException(where + ": " + key.path() + " = " + text + " is out of range: expected "
                            + key.expected());
                }
                yield (int) value;
            }
            case DECIMAL -> {
                double value = number(key, scalar, where);
                if (value < key.min() || value > key.max()) {
                    throw new ConfigException(where + ": " + key.path() + " = " + text + " is out of range: expected "
                            + key.expected());
                }
                yield value;
            }
            case CHOICE -> {
                String word = text.toLowerCase(Locale.ROOT);
                if (!key.choices().contains(word)) {
                    throw invalid(key, where, "'" + text + "'");
                }
                yield word;
            }
            case THREE_NUMBERS -> throw new IllegalStateException("handled above");
        };
    }

    private static double number(ConfigKey key, Node node, String where) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double value = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                throw invalid(key, where, "'" + s.getValue() + "'");
            }
        }
        throw invalid(key, where, describe(node));
    }

    private static ConfigException invalid(ConfigKey key, String where, String got) {
        return new ConfigException(where + ": " + key.path() + ": expected " + key.expected() + ", got " + got);
    }

    private static String describe(Node node) {
        return switch (node) {
            case ScalarNode s -> "'" + s.getValue() + "'";
            case SequenceNode s -> "a list of " + s.getValue().size();
            default -> "a block of keys";
        };
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
