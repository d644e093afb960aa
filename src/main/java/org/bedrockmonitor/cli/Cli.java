package org.bedrockmonitor.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.bedrockmonitor.config.LoggingSetup;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line. Each subcommand is a {@code Callable<Integer>} in this package; a wrong flag or a bad
 * value prints one sentence naming it and exits 2, never a stack trace.
 */
@Command(name = "bedrock-monitor", mixinStandardHelpOptions = true, version = "bedrock-monitor 0.1.0",
        description = "Watches AWS Bedrock usage. With no command, runs the service (profile from MONITOR_PROFILE, default local).",
        subcommands = {ServiceCommand.class, AnalyzeCommand.class, DemoCommand.class, LoggingCommand.class, ReportCommand.class,
                BackfillCommand.class})
public final class Cli implements Callable<Integer> {

    public static int run(String... args) {
        CommandLine commandLine = commandLine();
        String debug = System.getenv(LoggingSetup.DEBUG_VARIABLE);
        if (debug != null && !debug.isBlank() && !Set.of("true", "false").contains(debug.trim().toLowerCase(Locale.ROOT))) {
            commandLine.getErr().println("bedrock-monitor: " + LoggingSetup.DEBUG_VARIABLE + "=" + debug + " is not true or false");
            return 2;
        }
        return commandLine.execute(args);
    }

    /** The same command line writing to the given streams (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine() {
        return new CommandLine(new Cli())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setParameterExceptionHandler((wrongFlag, arguments) -> {
                    wrongFlag.getCommandLine().getErr().println("bedrock-monitor: " + wrongFlag.getMessage());
                    return 2;
                })
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        return new ServiceCommand().call();
    }
}
