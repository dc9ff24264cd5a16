package dev.faceembed.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which commands a command line reaches, and that building only those changes nothing users see. */
class ReachableCommandsTest {
    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertEquals(List.of("encode"), Commands.reachable(new String[]{"encode", "--input", "a", "--output", "b"}));
        assertEquals(List.of("encode"), Commands.reachable(new String[]{"-q", "encode", "--input", "a"}));
        assertEquals(List.of(), Commands.reachable(new String[]{"--version"}));
        assertEquals(List.of(), Commands.reachable(new String[]{"-V"}));
    }

    @Test
    void helpUsageErrorsAndUnknownWordsBuildThemAll() {
        for (String[] args : List.of(new String[]{}, new String[]{"--help"}, new String[]{"help", "encode"},
                new String[]{"encod"}, new String[]{"-q", "--version"}, new String[]{"@args.txt"})) {
            assertEquals(Commands.ALL, Commands.reachable(args), String.join(" ", args));
        }
    }

    @Test
    void theOutputIsTheSameAsWithEveryCommandBuilt() {
        EmbedCliTest.Run version = EmbedCliTest.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("embed "), version.out());
        EmbedCliTest.Run typo = EmbedCliTest.run("encod");
        assertEquals(2, typo.exitCode());
        assertTrue(typo.err().contains("did you mean encode"), typo.err());
        EmbedCliTest.Run help = EmbedCliTest.run("help", "encode");
        assertTrue(help.out().contains("Usage: embed encode"), help.out());
        try {
            EmbedCliTest.Run inherited = EmbedCliTest.run("encode", "-v", "--input", "/nonexistent", "--output",
                    "x.npy");
            assertEquals(2, inherited.exitCode());
            assertTrue(inherited.err().contains("\tat "), "-v, an option every command inherits, prints stack traces");
        } finally {
            LoggingOptions.verbose = false;
        }
        String fromTheWholeTree = EmbedCli.commandLine().getSubcommands().get("encode").getUsageMessage();
        assertEquals(fromTheWholeTree, EmbedCliTest.run("encode", "--help").out());
    }

    @Test
    void onlyCommandsThatOpenABackendAreWorthASecondJvm() {
        for (String command : List.of("info", "encode", "detect", "benchmark", "compare", "build")) {
            assertTrue(Commands.opensBackend(new String[]{command, "--json", "-"}), command);
        }
        for (String[] args : List.of(new String[]{"--version"}, new String[]{"--help"}, new String[]{"cache", "list"},
                new String[]{"help", "encode"}, new String[]{"encod"})) {
            assertFalse(Commands.opensBackend(args), String.join(" ", args));
        }
    }
}
