package dev.faceembed.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O failure in words. Java's file system exceptions often carry only a path as their message
 * ({@code AccessDeniedException: /proc/.x.tmp}); the reason is in their type or in {@link FileSystemException#getReason()}.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * The failure's reason and file, e.g. {@code "permission denied (/proc/.x.tmp)"} or
     * {@code "No space left on device (/data/x.npy)"}.
     *
     * @param e the failure
     * @return its reason in words, with the file it concerns when known
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason() : switch (f) {
                case AccessDeniedException a -> "permission denied";
                case NoSuchFileException n -> "no such file or folder";
                case FileAlreadyExistsException x -> "already exists";
                case NotDirectoryException d -> "not a folder";
                case DirectoryNotEmptyException d -> "folder not empty";
                default -> f.getClass().getSimpleName();
            };
            return f.getFile() == null ? reason : reason + " (" + f.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
