package org.bedrockmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.bedrockmonitor.demo.DemoCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generates a realistic day of Bedrock logs (several principals, models and operations, errors, "
                + "throttles, cache use, a usage spike), runs the pipeline over it and prints the summary.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/demo", description = "Output folder (default: ${DEFAULT-VALUE}); it is recreated.")
    Path out;

    @Option(names = "--records", paramLabel = "N", defaultValue = "20000", description = "Invocations to generate (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (records < 1) {
            throw new org.bedrockmonitor.config.UserError("--records must be at least 1");
        }
        PrintWriter console = spec.commandLine().getOut();
        OutputFolder.create("--out", out);
        deleteRecursively(out);
        Path logs = out.resolve("logs");
        Instant yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        DemoCorpus.Spec corpus = new DemoCorpus.Spec(seed, yesterday, records, 48, 200, 2_000, 0.01, 0.001, 0.7, true);
        DemoCorpus generator = new DemoCorpus(corpus);
        DemoCorpus.Truth truth = generator.write(logs);
        int auditEvents = generator.writeCloudTrail(logs);
        console.printf("Generated %,d invocation records (%,d replays, %,d damaged lines) in %d objects and %d CloudTrail "
                        + "events under %s%n", truth.unique, truth.duplicates, truth.damaged, truth.files.size(), auditEvents, logs);
        console.flush();
        Analysis.Outcome outcome = new Analysis(List.of(logs), out, null, console).run();
        SummaryTable.print(outcome.summary(), console);
        console.printf("%nOutputs under %s:%n  summary.json   %s%n  rollups/       per-object window rollups (JSON lines)%n"
                        + "  rejected/      quarantined records with line and reason%n  alerts/        alert notifications%n"
                        + "  reports/       technical, executive, security and cost reports (HTML and the report model as JSON)%n",
                out.toAbsolutePath(), outcome.summaryFile());
        console.flush();
        return outcome.filesRead() > 0 ? 0 : 1;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
