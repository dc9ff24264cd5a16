package dev.faceembed.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theTargetChangesOnlyAtCommit() throws IOException {
        Path target = dir.resolve("out.npy");
        Files.writeString(target, "old");
        try (AtomicFile file = AtomicFile.create(target)) {
            Files.writeString(file.temp(), "new");
            assertEquals("old", Files.readString(target));
            assertTrue(file.temp().getFileName().toString().matches("\\.out\\.npy\\.\\d+-[0-9a-z]+\\.tmp"),
                    file.temp().toString());
            file.commit();
        }
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("out.npy"), names());
    }

    @Test
    void closingWithoutCommitKeepsTheOldFileAndLeavesNoTemp() throws IOException {
        Path target = dir.resolve("out.csv");
        Files.writeString(target, "old");
        try (AtomicFile file = AtomicFile.create(target)) {
            Files.writeString(file.temp(), "half");
        }
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void theNewFileHasTheModeOfAnyFileTheProcessCreates() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path target = dir.resolve("published");
        AtomicFile.writeString(target, "x");
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(target));
        assertTrue(expected.contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void tempsOfProcessesThatNoLongerRunAreRemovedButOthersAreKept() throws IOException {
        Path target = dir.resolve("x.npy");
        long dead = deadPid();
        Path stale = Files.writeString(dir.resolve(".x.npy." + dead + "-abc.tmp"), "stale");
        Path live = Files.writeString(dir.resolve(".x.npy." + ProcessHandle.current().pid() + "-def.tmp"), "mine");
        Path otherTarget = Files.writeString(dir.resolve(".y.npy." + dead + "-abc.tmp"), "other");
        Path unrelated = Files.writeString(dir.resolve(".x.npy.notapid.tmp"), "unrelated");
        AtomicFile.writeString(target, "new");
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live) && Files.exists(otherTarget) && Files.exists(unrelated));
    }

    @Test
    void aDirectoryTargetIsAnErrorBeforeAnythingIsWritten() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out.npy"));
        IOException e = assertThrows(IOException.class, () -> AtomicFile.create(target));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertEquals(List.of("out.npy"), names());
    }

    @Test
    void aMissingFolderIsCreated() throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFile.writeString(target, "deep");
        assertEquals("deep", Files.readString(target));
    }

    @Test
    void deleteDurablySaysWhetherTheFileExisted() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertTrue(AtomicFile.deleteDurably(file));
        assertFalse(AtomicFile.deleteDurably(file));
    }

    /** A pid no process can have: above PID_MAX_LIMIT (2^22), the highest pid_max Linux allows. */
    private static long deadPid() {
        long pid = (1L << 22) + 1;
        assertTrue(ProcessHandle.of(pid).isEmpty());
        return pid;
    }
}
