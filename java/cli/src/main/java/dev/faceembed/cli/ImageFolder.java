package dev.faceembed.cli;

import dev.faceembed.InvalidInputException;
import dev.faceembed.files.IoErrors;
import dev.faceembed.preprocess.ImageDecoder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The images of a folder, sorted by file name, and every entry that is not one with the reason: a subfolder (also
 * one named {@code x.png}), a broken link, a link loop, a file whose suffix no image decoder here reads. Names are
 * kept as the {@link Path}s the folder listing gives, so they work in any encoding and may hold any character.
 *
 * @param images  the image files, by name
 * @param skipped entries that are not image files, and why
 */
record ImageFolder(List<Path> images, List<Skipped> skipped) {

    /** An entry that was not read, and why. */
    record Skipped(Path path, String reason) {
    }

    static ImageFolder list(Path folder) {
        Set<String> suffixes = Set.copyOf(ImageDecoder.decodableSuffixes());
        List<Path> images = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                String why = unreadable(entry, suffixes);
                if (why == null) {
                    images.add(entry);
                } else {
                    skipped.add(new Skipped(entry, why));
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        Comparator<Path> byName = Comparator.comparing(p -> p.getFileName().toString());
        images.sort(byName);
        skipped.sort(Comparator.comparing(Skipped::path, byName));
        return new ImageFolder(List.copyOf(images), List.copyOf(skipped));
    }

    private static String target(Path link) {
        try {
            return "to " + Files.readSymbolicLink(link);
        } catch (IOException e) {
            return IoErrors.describe(e);
        }
    }

    /** {@code "; not read: NAME (why), ..."} for the first few skipped entries, or empty when there are none. */
    static String describe(List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("; not read: ");
        int shown = Math.min(skipped.size(), 5);
        for (int i = 0; i < shown; i++) {
            Skipped s = skipped.get(i);
            text.append(i > 0 ? ", " : "").append(FileNames.escape(s.path().getFileName().toString()))
                    .append(" (").append(s.reason()).append(')');
        }
        return skipped.size() > shown ? text.append(" and ").append(skipped.size() - shown).append(" more").toString()
                : text.toString();
    }

    /** Why {@code entry} is not an image file to read, or {@code null} when it is one. */
    private static String unreadable(Path entry, Set<String> suffixes) {
        if (Files.isSymbolicLink(entry)) {
            try {
                entry.toRealPath();
            } catch (NoSuchFileException e) {
                return "a symbolic link to nothing (" + target(entry) + ")";
            } catch (IOException e) {
                // ELOOP has no exception type of its own (FileSystemLoopException is only thrown by walkFileTree).
                return e instanceof FileSystemLoopException || String.valueOf(e.getMessage()).contains("levels of"
                        + " symbolic links") ? "a symbolic link loop" : "a symbolic link that cannot be followed ("
                        + IoErrors.describe(e) + ")";
            }
        }
        if (Files.isDirectory(entry)) {
            return "a folder";
        }
        if (!Files.isRegularFile(entry)) {
            return Files.exists(entry, LinkOption.NOFOLLOW_LINKS) ? "not a regular file" : "gone while listing";
        }
        String name = entry.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return suffixes.contains(suffix) ? null : "not an image file (" + (suffix.isEmpty() ? "no suffix"
                : "." + suffix) + "; readable: " + String.join(", ", ImageDecoder.decodableSuffixes()) + ")";
    }
}
