package dev.faceembed.cli;

import dev.faceembed.ExitStatus;
import picocli.CommandLine;

/** The documented exit codes of {@code embed}, and which failures map to them. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int OK = ExitStatus.OK;
    static final int RUNTIME_FAILURE = ExitStatus.RUNTIME_FAILURE;
    static final int USAGE = ExitStatus.USAGE;
    static final int DRIFT = ExitStatus.DRIFT;
    static final int BACKEND_UNAVAILABLE = ExitStatus.BACKEND_UNAVAILABLE;

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
        return exception instanceof CommandLine.ParameterException ? USAGE : ExitStatus.of(exception);
    }
}
