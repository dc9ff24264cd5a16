package dev.faceembed.cli;

import dev.faceembed.FailureKind;
import picocli.CommandLine;

/** The documented exit codes of {@code embed}, and which failures map to them. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int OK = 0;
    static final int RUNTIME_FAILURE = 1;
    static final int USAGE = 2;
    static final int DRIFT = 3;
    static final int BACKEND_UNAVAILABLE = 4;

    /** The help section listing them. */
    static final String[] HELP = {
            "  0  success",
            "  1  runtime failure (inference failed, I/O error)",
            "  2  usage or configuration error (bad option, model or input)",
            "  3  compare: drift over tolerance",
            "  4  requested backend unavailable and fallback not allowed",
    };

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
