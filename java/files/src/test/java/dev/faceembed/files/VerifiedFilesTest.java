package dev.faceembed.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VerifiedFilesTest {
    @TempDir
    Path dir;

    @Test
    void aStampIsRecalledForItsSubjectOnly() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "stamps need /proc/self (Linux)");
        VerifiedFiles stamps = new VerifiedFiles(dir.resolve("verified"));
        assertEquals(Optional.empty(), stamps.recall("libx.so from a.jar@1"));
        stamps.remember("libx.so from a.jar@1", "abc 1.2.3");
        assertEquals(Optional.of("abc 1.2.3"), stamps.recall("libx.so from a.jar@1"));
        assertEquals(Optional.empty(), stamps.recall("libx.so from a.jar@2"));
        stamps.remember("libx.so from a.jar@1", "def 4.5.6");
        assertEquals(Optional.of("def 4.5.6"), stamps.recall("libx.so from a.jar@1"), "a new stamp replaces the old");
    }

    @Test
    void aStampThatOthersCouldHaveWrittenIsNotBelieved() throws IOException {
        VerifiedFiles stamps = new VerifiedFiles(dir.resolve("verified"));
        stamps.remember("subject", "facts");
        assumeTrue(stamps.recall("subject").isPresent(), "stamps are kept on this platform");
        Path stamp = dir.resolve("verified").resolve(VerifiedFiles.nameOf("subject"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stamp)));
        Files.setPosixFilePermissions(stamp, PosixFilePermissions.fromString("rw-rw----"));
        assertEquals(Optional.empty(), stamps.recall("subject"), "group-writable");
        Files.setPosixFilePermissions(stamp, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.of("facts"), stamps.recall("subject"));
        Files.delete(stamp);
        Files.createSymbolicLink(stamp, Files.writeString(dir.resolve("elsewhere"), "subject\nforged\n"));
        assertEquals(Optional.empty(), stamps.recall("subject"), "a link");
    }

    @Test
    void aStampUnderTheSameNameForAnotherSubjectIsNotRecalled() throws IOException {
        VerifiedFiles stamps = new VerifiedFiles(dir.resolve("verified"));
        stamps.remember("subject", "facts");
        assumeTrue(stamps.recall("subject").isPresent(), "stamps are kept on this platform");
        Path stamp = dir.resolve("verified").resolve(VerifiedFiles.nameOf("subject"));
        Files.writeString(stamp, "another subject\nfacts\n");
        assertEquals(Optional.empty(), stamps.recall("subject"));
    }

    @Test
    void theIdentityChangesWhenTheFileIsReplacedAndIsNotPrivateWhenOthersMayWrite() throws IOException {
        Path file = Files.writeString(dir.resolve("lib.so"), "one");
        Optional<String> first = VerifiedFiles.identity(file);
        assumeTrue(first.isPresent(), "Unix file attributes");
        Path replacement = Files.writeString(dir.resolve("new.so"), "one");
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertNotEquals(first, VerifiedFiles.identity(file), "same bytes, another inode");
        assertEquals(VerifiedFiles.identity(file), VerifiedFiles.privateIdentity(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        assertEquals(Optional.empty(), VerifiedFiles.privateIdentity(file));
        assertTrue(VerifiedFiles.removeSharedWrite(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(VerifiedFiles.privateIdentity(file).isPresent());
        assertEquals(Optional.empty(), VerifiedFiles.identity(dir), "a folder has no identity here");
    }

    @Test
    void aFileJustWrittenHasNotSettled() throws IOException {
        Path file = Files.writeString(dir.resolve("lib.so"), "one");
        assumeTrue(VerifiedFiles.privateIdentity(file).isPresent(), "Unix file attributes");
        assertEquals(Optional.empty(), VerifiedFiles.settledIdentity(file, Instant.now()));
        Instant later = Instant.now().plusMillis(VerifiedFiles.SETTLE_MILLIS + 1000);
        assertEquals(VerifiedFiles.privateIdentity(file), VerifiedFiles.settledIdentity(file, later));
    }

    @Test
    void namesAreFixedLengthHexAndDifferPerText() {
        assertEquals(32, VerifiedFiles.nameOf("a").length());
        assertTrue(VerifiedFiles.nameOf("a").matches("[0-9a-f]{32}"));
        assertNotEquals(VerifiedFiles.nameOf("a"), VerifiedFiles.nameOf("b"));
        assertEquals(VerifiedFiles.nameOf("é"), VerifiedFiles.nameOf("é"));
    }
}
