package dev.faceembed.spark;

import dev.faceembed.FailureKind;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine;

/** The exit codes of {@link EmbedJob}, the same as the {@code embed} command's, and which failures map to them. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {
    static final int OK = 0;
    static final int RUNTIME_FAILURE = 1;
    static final int USAGE = 2;
    static final int BACKEND_UNAVAILABLE = 4;

    static final String[] HELP = {
            "  0  success (unreadable crops are reported in embedding_error)",
            "  1  runtime failure (a task failed after its retries, I/O error)",
            "  2  usage or configuration error (bad option, config file, model or input path)",
            "  4  requested backend unavailable and fallback not allowed",
    };

    @Override
    public int getExitCode(Throwable exception) {
        return of(exception);
    }

    /** Spark's own usage errors (an unreadable input path, a bad schema) count as usage errors too. */
    static int of(Throwable exception) {
        if (exception instanceof CommandLine.ParameterException || exception instanceof AnalysisException) {
            return USAGE;
        }
        return switch (FailureKind.of(exception)) {
            case INVALID_REQUEST -> USAGE;
            case BACKEND_UNAVAILABLE -> BACKEND_UNAVAILABLE;
            case RUNTIME -> RUNTIME_FAILURE;
        };
    }
}
