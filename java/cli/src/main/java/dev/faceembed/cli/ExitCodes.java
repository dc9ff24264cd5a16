package dev.faceembed.cli;

import dev.faceembed.FailureKind;
import picocli.CommandLine;

/**
 * The documented exit codes of {@code embed}, and which failures map to them. Each command's help lists the codes
 * it can end with (picocli's {@code exitCodeList}, from the lines below).
 */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int OK = 0;
    static final int RUNTIME_FAILURE = 1;
    static final int USAGE = 2;
    static final int DRIFT = 3;
    static final int BACKEND_UNAVAILABLE = 4;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:success";
    static final String RUNTIME_LINE = "1:runtime failure (inference failed, I/O error)";
    static final String USAGE_LINE = "2:usage or configuration error (bad option, config key, model or input)";
    static final String DRIFT_LINE = "3:drift over tolerance";
    static final String UNAVAILABLE_LINE = "4:requested backend unavailable and fallback not allowed";
    static final String UNUSABLE_ENTRY_LINE = "1:an entry is unusable, or an I/O error";
    static final String NOT_COMPARED_LINE = "4:a backend cannot run here, so nothing was compared";
    static final String NO_GPU_LINE = "4:no GPU, driver or TensorRT to build with";

    @Override
    public int getExitCode(Throwable exception) {
        return of(exception);
    }

    static int of(Throwable exception) {
        if (exception instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return switch (FailureKind.of(exception)) {
            case INVALID_REQUEST -> USAGE;
            case BACKEND_UNAVAILABLE -> BACKEND_UNAVAILABLE;
            case RUNTIME -> RUNTIME_FAILURE;
        };
    }
}
