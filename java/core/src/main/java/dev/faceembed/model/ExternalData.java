package dev.faceembed.model;

import dev.faceembed.ModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The rule for tensors an ONNX model keeps in external files, checked before ONNX Runtime or TensorRT's parser sees
 * the model (both would read whatever path the model names, and its bytes would silently become weights): the
 * location is a relative path, inside the model's folder once normalised and once symbolic links are resolved, of a
 * regular file, and the range {@code offset, length} holds exactly the tensor's bytes. A bundled model has no folder,
 * so it may have no external data at all.
 */
final class ExternalData {
    private static final Set<String> KNOWN_KEYS = Set.of("location", "offset", "length", "checksum");

    private ExternalData() {
    }

    /**
     * Checks every external tensor of a model file in {@code folder}.
     *
     * @throws ModelException naming the tensor, the location and the rule it breaks
     */
    static void check(List<OnnxTensorScanner.ExternalTensor> tensors, Path folder, String model) {
        for (OnnxTensorScanner.ExternalTensor tensor : tensors) {
            checkOne(tensor, folder, model);
        }
    }

    /** A bundled model (bytes, no folder) may not refer to any file. */
    static void refuseAny(List<OnnxTensorScanner.ExternalTensor> tensors, String model) {
        if (!tensors.isEmpty()) {
            OnnxTensorScanner.ExternalTensor t = tensors.getFirst();
            throw new ModelException("model " + model + " keeps tensor '" + t.name() + "' in external file '"
                    + t.entries().get("location") + "', but a model loaded from memory has no folder to hold it");
        }
    }

    private static void checkOne(OnnxTensorScanner.ExternalTensor tensor, Path folder, String model) {
        String where = "model " + model + ": tensor '" + tensor.name() + "' keeps its data in external file";
        String location = tensor.entries().get("location");
        if (location == null || location.isBlank()) {
            throw new ModelException(where + " with no location");
        }
        for (String key : tensor.entries().keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new ModelException(where + " '" + location + "' with an unknown entry '" + key + "'");
            }
        }
        Path file = inside(folder, location, where);
        long offset = number(tensor.entries().get("offset"), 0, where + " '" + location + "': offset");
        long bytes = tensorBytes(tensor, where + " '" + location + "'");
        String length = tensor.entries().get("length");
        if (length != null && number(length, -1, where + " '" + location + "': length") != bytes) {
            throw new ModelException(where + " '" + location + "' whose length " + length + " is not the tensor's "
                    + bytes + " bytes (" + dims(tensor) + " of type " + tensor.dataType() + ")");
        }
        try {
            long size = Files.size(file);
            if (offset > size || bytes > size - offset) {
                throw new ModelException(where + " '" + location + "', which has " + size + " bytes: the tensor needs"
                        + " bytes " + offset + ".." + (offset + bytes) + "; the file is truncated or is not this"
                        + " model's data");
            }
        } catch (IOException e) {
            throw new ModelException(where + " '" + location + "', which cannot be read: " + e.getMessage(), e);
        }
    }

    /** The location as a regular file inside {@code folder}, after normalising and resolving symbolic links. */
    private static Path inside(Path folder, String location, String where) {
        Path relative;
        try {
            relative = Path.of(location);
        } catch (InvalidPathException e) {
            throw new ModelException(where + " '" + location + "', which is not a file name: " + e.getReason(), e);
        }
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw new ModelException(where + " '" + location + "', an absolute path: external data must be a file"
                    + " in the model's own folder (" + folder + "), named relative to it");
        }
        Path normal = folder.resolve(relative).normalize();
        if (!normal.startsWith(folder)) {
            throw new ModelException(where + " '" + location + "', which is outside the model's folder (" + folder
                    + "): external data must be a file in that folder");
        }
        try {
            Path real = normal.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new ModelException(where + " '" + location + "', a link to " + real + " outside the model's"
                        + " folder (" + folder + "): external data must be a file in that folder");
            }
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelException(where + " '" + location + "', which is not a regular file");
            }
            return real;
        } catch (IOException e) {
            throw new ModelException(where + " '" + location + "', which does not exist in " + folder
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static long number(String text, long absent, String what) {
        if (text == null) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new ModelException(what + " " + text + " is negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ModelException(what + " '" + text + "' is not a number");
        }
    }

    /** Bytes of the tensor's data by its dimensions and element type. */
    private static long tensorBytes(OnnxTensorScanner.ExternalTensor tensor, String where) {
        long elements = 1;
        for (long d : tensor.dims()) {
            if (d < 0) {
                throw new ModelException(where + ": the tensor has a negative dimension " + d);
            }
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException e) {
                throw new ModelException(where + ": the tensor's dimensions " + dims(tensor) + " overflow");
            }
        }
        return switch (tensor.dataType()) {
            case 2, 3, 9, 17, 18, 19, 20 -> elements;
            case 4, 5, 10, 16 -> elements * 2;
            case 1, 6, 12 -> elements * 4;
            case 7, 11, 13, 14 -> elements * 8;
            case 15 -> elements * 16;
            case 21, 22, 23 -> (elements + 1) / 2;
            default -> throw new ModelException(where + ": tensors of ONNX type " + tensor.dataType()
                    + " cannot be kept in external files");
        };
    }

    private static String dims(OnnxTensorScanner.ExternalTensor tensor) {
        StringBuilder s = new StringBuilder("[");
        for (long d : tensor.dims()) {
            s.append(s.length() > 1 ? "," : "").append(d);
        }
        return s.append(']').toString();
    }
}
