package dev.faceembed.config;

import dev.faceembed.config.RawValue.YamlType;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one YAML configuration file into {@link ConfigValues}, with SnakeYAML's safe composer (no object
 * construction, no global tags) so that every value keeps its line. Unknown and duplicate keys are errors that name
 * the file and line; a relative path that exists next to the file is resolved against the file's folder.
 */
final class YamlConfigFile {
    /** Larger files are not configuration; refusing them bounds the memory a hostile file can take. */
    static final long MAX_BYTES = 1 << 20;

    private final ConfigSchema schema;
    private final Path file;

    YamlConfigFile(ConfigSchema schema, Path file) {
        this.schema = schema;
        this.file = file;
    }

    void readInto(ConfigValues values) {
        Node root = compose();
        if (root == null) {
            return;
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(file + ":" + line(root) + ": expected sections such as 'embedding:' at the top");
        }
        readMapping(values, "", mapping);
    }

    private Node compose() {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException("config file " + file + " is larger than " + (MAX_BYTES >> 10)
                        + " KiB: not a faceembed configuration file");
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        try (Reader reader = new StringReader(text)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem(), e);
        } catch (YAMLException | IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    private void readMapping(ConfigValues values, String prefix, MappingNode mapping) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ConfigException(file + ":" + line(tuple.getKeyNode()) + ": keys must be plain words");
            }
            String path = prefix + keyNode.getValue();
            String where = file + ":" + line(keyNode);
            if (!seen.add(keyNode.getValue())) {
                throw new ConfigException(where + ": duplicate key " + path + ": it is set twice in this file; keep"
                        + " one");
            }
            Node value = tuple.getValueNode();
            var key = schema.key(path);
            if (key.isPresent()) {
                set(values, key.get(), value, line(keyNode));
            } else if (schema.isSection(path) && value instanceof MappingNode section) {
                readMapping(values, path + ".", section);
            } else if (schema.isSection(path) && value.getTag().equals(Tag.NULL)) {
                continue;
            } else if (schema.isSection(path)) {
                throw new ConfigException(where + ": " + path + " holds keys; expected an indented block under it");
            } else {
                throw new ConfigException(where + ": unknown key " + path + schema.nearest(path)
                        .map(n -> "; did you mean " + n + "?").orElse("; known keys: "
                                + schema.keys().stream().map(ConfigKey::path).sorted().toList()));
            }
        }
    }

    private <T> void set(ConfigValues values, ConfigKey<T> key, Node node, int line) {
        values.set(key, raw(node), new ConfigOrigin.File(file, line));
        if (values.get(key) instanceof Path p && !p.isAbsolute()) {
            Path sibling = file.toAbsolutePath().getParent().resolve(p);
            if (Files.exists(sibling)) {
                values.replace(key, key.type().read(new RawValue.Text(sibling.toString())));
            }
        }
    }

    static RawValue raw(Node node) {
        return switch (node) {
            case ScalarNode s -> new RawValue.YamlScalar(s.getValue(), yamlType(s));
            case SequenceNode s -> {
                List<RawValue> items = new ArrayList<>();
                s.getValue().forEach(item -> items.add(raw(item)));
                yield new RawValue.YamlList(items);
            }
            default -> new RawValue.YamlBlock();
        };
    }

    private static YamlType yamlType(ScalarNode node) {
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return YamlType.NULL;
        }
        if (tag.equals(Tag.INT)) {
            return YamlType.INTEGER;
        }
        if (tag.equals(Tag.FLOAT)) {
            return YamlType.DECIMAL;
        }
        if (tag.equals(Tag.BOOL)) {
            return YamlType.BOOLEAN;
        }
        return YamlType.STRING;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
