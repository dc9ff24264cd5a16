package dev.faceembed.bindings.trt;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

/**
 * The properties {@code fe_device_info_get} reads without creating a CUDA context.
 * {@snippet lang = c:
 * typedef struct fe_device_info {
 *     char name[256]; uint8_t uuid[16]; int32_t compute_major; int32_t compute_minor; int32_t multiprocessors;
 *     int32_t pci_domain; int32_t pci_bus; int32_t pci_device; uint64_t total_memory_bytes;
 * } fe_device_info;
 *}
 */
public final class FeDeviceInfo {
    public static final StructLayout LAYOUT = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(256, ValueLayout.JAVA_BYTE).withName("name"),
            MemoryLayout.sequenceLayout(16, ValueLayout.JAVA_BYTE).withName("uuid"),
            ValueLayout.JAVA_INT.withName("compute_major"),
            ValueLayout.JAVA_INT.withName("compute_minor"),
            ValueLayout.JAVA_INT.withName("multiprocessors"),
            ValueLayout.JAVA_INT.withName("pci_domain"),
            ValueLayout.JAVA_INT.withName("pci_bus"),
            ValueLayout.JAVA_INT.withName("pci_device"),
            ValueLayout.JAVA_LONG.withName("total_memory_bytes")).withName("fe_device_info");

    private static final long NAME = offset("name");
    private static final long UUID = offset("uuid");
    private static final long COMPUTE_MAJOR = offset("compute_major");
    private static final long COMPUTE_MINOR = offset("compute_minor");
    private static final long MULTIPROCESSORS = offset("multiprocessors");
    private static final long PCI_DOMAIN = offset("pci_domain");
    private static final long PCI_BUS = offset("pci_bus");
    private static final long PCI_DEVICE = offset("pci_device");
    private static final long TOTAL_MEMORY_BYTES = offset("total_memory_bytes");

    private FeDeviceInfo() {
    }

    public static String name(MemorySegment s) {
        return s.asSlice(NAME, 256).getString(0);
    }

    /** The UUID as nvidia-smi prints it: {@code GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}. */
    public static String uuid(MemorySegment s) {
        String hex = HexFormat.of().formatHex(s.asSlice(UUID, 16).toArray(ValueLayout.JAVA_BYTE));
        return "GPU-" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    public static int computeMajor(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, COMPUTE_MAJOR);
    }

    public static int computeMinor(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, COMPUTE_MINOR);
    }

    public static int multiprocessors(MemorySegment s) {
        return s.get(ValueLayout.JAVA_INT, MULTIPROCESSORS);
    }

    /** The PCI location as nvidia-smi prints it: {@code 00000000:01:00.0}. */
    public static String pciBusId(MemorySegment s) {
        return String.format("%08x:%02x:%02x.0", s.get(ValueLayout.JAVA_INT, PCI_DOMAIN),
                s.get(ValueLayout.JAVA_INT, PCI_BUS), s.get(ValueLayout.JAVA_INT, PCI_DEVICE));
    }

    public static long totalMemoryBytes(MemorySegment s) {
        return s.get(ValueLayout.JAVA_LONG, TOTAL_MEMORY_BYTES);
    }

    private static long offset(String field) {
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }
}
