package dev.faceembed.cli;

import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSchema;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.onnxruntime.OnnxRuntimeProvider;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.trt.TensorRtProvider;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One place holds each default and its meaning: the key definitions. The shipped files in config/pipeline/ list every
 * key of the shipped backends with exactly that default and that text as its comment, and every --help text that
 * names a key's default names the real one.
 */
class ConfigDefinitionsTest {
    private static final Path FOLDER = Path.of("..", "..", "config", "pipeline");
    private static final ConfigSchema SHIPPED = ConfigSchema.of(BackendRegistry.of(
            List.of(new OnnxRuntimeProvider(), new TensorRtProvider())));
    private static final Pattern DEFAULT = Pattern.compile("Default: ([a-z_]+(?:\\.[a-z_]+)+) \\(([^)]*)\\)");

    /** Every leaf key of a shipped file with the comment lines right above it, joined. */
    private static Map<String, String> documentedKeys(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setProcessComments(true);
        Node root = new Yaml(options).compose(new StringReader(Files.readString(file)));
        Map<String, String> keys = new LinkedHashMap<>();
        collect((MappingNode) root, "", keys);
        return keys;
    }

    private static void collect(MappingNode mapping, String prefix, Map<String, String> keys) {
        for (NodeTuple tuple : mapping.getValue()) {
            ScalarNode key = (ScalarNode) tuple.getKeyNode();
            String path = prefix + key.getValue();
            if (tuple.getValueNode() instanceof MappingNode nested) {
                collect(nested, path + ".", keys);
            } else {
                List<CommentLine> comments = key.getBlockComments() == null ? List.of() : key.getBlockComments();
                keys.put(path, comments.stream().filter(c -> c.getCommentType() == CommentType.BLOCK)
                        .map(c -> c.getValue().strip()).collect(Collectors.joining(" ")));
            }
        }
    }

    @Test
    void theShippedFilesListEveryKeyWithItsDefaultAndItsMeaning() throws IOException {
        Map<String, String> shipped = new LinkedHashMap<>(documentedKeys(FOLDER.resolve("embedding.yaml")));
        shipped.putAll(documentedKeys(FOLDER.resolve("arcface_tensorrt.yaml")));
        assertEquals(SHIPPED.keys().stream().map(ConfigKey::path).sorted().toList(),
                shipped.keySet().stream().sorted().toList(), "every key, and no other, is in the shipped files");
        for (ConfigKey<?> key : SHIPPED.keys()) {
            assertEquals(key.doc(), shipped.get(key.path()), "the comment above " + key.path());
        }

        PipelineConfig loaded = new PipelineConfigLoader(Map.of(), SHIPPED)
                .configFile(FOLDER.resolve("embedding.yaml")).load();
        assertEquals(2, loaded.files().size(), "embedding.yaml and the arcface_tensorrt.yaml it names");
        for (ConfigKey<?> key : SHIPPED.keys()) {
            Object value = loaded.get(key);
            Object expected = key.include() ? FOLDER.resolve((Path) key.defaultValue()).toAbsolutePath() : key.defaultValue();
            assertEquals(expected, value, key.path() + " in the shipped files");
        }
        PipelineConfig defaults = new PipelineConfigLoader(Map.of(), SHIPPED).load();
        assertEquals(defaults.embeddingOptions(), loaded.embeddingOptions());
    }

    @Test
    void everyHelpTextNamesARealKeyAndItsRealDefault() {
        int checked = 0;
        for (CommandLine command : commands(EmbedCli.commandLine())) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                Matcher m = DEFAULT.matcher(String.join(" ", option.description()));
                while (m.find()) {
                    ConfigKey<?> key = SHIPPED.key(m.group(1)).orElse(null);
                    assertTrue(key != null, command.getCommandName() + " " + option.longestName() + " names "
                            + m.group(1) + ", which is no key");
                    String text = key.defaultValue() == null ? "null" : key.defaultText();
                    assertTrue(m.group(2).startsWith(text), command.getCommandName() + " " + option.longestName()
                            + " says the default of " + key.path() + " is '" + m.group(2) + "', it is " + text);
                    checked++;
                }
            }
        }
        assertFalse(checked < 20, "only " + checked + " defaults found in --help texts");
    }

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new java.util.ArrayList<>(List.of(root));
        root.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }
}
