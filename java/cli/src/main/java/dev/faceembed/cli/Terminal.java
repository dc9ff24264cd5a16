package dev.faceembed.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Whether stderr is a terminal, asked of the C library ({@code isatty(2)}). {@code System.console()} is no answer:
 * it exists whenever stdin and stdout are terminals, so a progress bar would leak carriage returns into
 * {@code 2>log}.
 */
final class Terminal {
    private static final int STDERR = 2;
    private static final boolean STDERR_IS_TERMINAL = isatty(STDERR);

    private Terminal() {
    }

    static boolean stderrIsTerminal() {
        return STDERR_IS_TERMINAL;
    }

    private static boolean isatty(int fd) {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find("isatty").map(symbol -> {
            MethodHandle isatty = linker.downcallHandle(symbol,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            try {
                return (int) isatty.invokeExact(fd) == 1;
            } catch (Throwable e) {
                return false;
            }
        }).orElse(false);
    }
}
