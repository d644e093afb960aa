package org.bedrockmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedrockmonitor.config.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Processes log files or folders (plain or gzip, invocation logs or CloudTrail) and writes "
                + "rollups, rejected records, alerts, reports and summary.json under --out.")
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (searched recursively).")
    List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--pricing", paramLabel = "FILE", description = "Pricing CSV replacing the bundled table.")
    String pricing;

    @Option(names = "--threads", paramLabel = "N", description = "Objects read at once (default: one per core).")
    int threads;

    @Option(names = "--records-out", paramLabel = "FILE",
            description = "Also write each record's cost as a JSON line (requestId, modelId, costUsd, guardrailCostUsd, priceBook, rule).")
    Path recordsOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads < 0) {
            throw new UserError("--threads " + threads + " is not valid (allowed: 1 or more; 0 or none = one per core)");
        }
        PrintWriter console = spec.commandLine().getOut();
        OutputFolder.create("--out", out);
        java.util.Map<String, String> properties = recordsOut == null ? java.util.Map.of()
                : java.util.Map.of("monitor.pricing.records-out", recordsOut.toString());
        Analysis.Outcome outcome = new Analysis(paths, out, pricing, console, threads, properties).run();
        SummaryTable.print(outcome.summary(), console);
        console.printf("%nsummary: %s%noutputs: %s (rollups/, rejected/, alerts/, reports/)%n",
                outcome.summaryFile(), out.toAbsolutePath());
        console.flush();
        return outcome.filesRead() > 0 ? 0 : 1;
    }
}
