package org.bedrockmonitor.cli;

import org.bedrockmonitor.config.UserError;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a {@link UserError} (bad file, bad property value, bad pricing row) into one sentence on stderr
 * and exit code 2. Anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) throws Exception {
        Throwable cause = ex;
        while (cause != null && !(cause instanceof UserError)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            commandLine.getErr().println("bedrock-monitor: " + cause.getMessage());
            return 2;
        }
        throw ex;
    }
}
