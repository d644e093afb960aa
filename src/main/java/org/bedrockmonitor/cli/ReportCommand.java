package org.bedrockmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.config.MonitorRuntime;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.price.PricingTable;
import org.bedrockmonitor.report.Period;
import org.bedrockmonitor.report.RenderedReport;
import org.bedrockmonitor.report.Repricing;
import org.bedrockmonitor.windows.WindowStore;
import org.bedrockmonitor.report.ReportType;
import org.bedrockmonitor.report.ReportSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Renders one report on demand from a rollup folder, through the same reports route the schedules use
 * (schedules paused, nothing mailed), and archives it under {@code <out>/reports/<type>/<period>}.
 * With {@code --reprice} it instead shows what the period's stored costs would be under the current
 * pricing table, and archives that under {@code <out>/reports/reprice/<period>.json}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Renders a report for any period from the rollup folder (archived, not mailed), "
        + "or with --reprice shows the period's stored costs against the current pricing table.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--type", description = "technical, executive, security or cost")
    String type;

    @Option(names = "--reprice", description = "instead of a report: the difference between the stored costs and the current pricing table")
    boolean reprice;

    @Option(names = "--pricing", paramLabel = "FILE", description = "with --reprice: the pricing CSV to compare with (default: monitor.pricing.file, else the bundled table)")
    Path pricing;

    @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "first day of the period")
    String from;

    @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD", description = "last day of the period (inclusive)")
    String to;

    @Option(names = "--rollups", paramLabel = "DIR",
            description = "the output folder of a run (holding rollups/ and state/), or its rollups folder (default: monitor.store.dir, out)")
    Path rollups;

    @Option(names = "--out", paramLabel = "DIR", description = "output root; the report goes to DIR/reports (default: monitor.out.dir, out)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (reprice == (type != null)) {
            throw new UserError(reprice ? "--reprice compares costs and renders no report: leave out --type"
                    : "--type is required (technical, executive, security or cost), unless --reprice is given");
        }
        if (pricing != null && !reprice) {
            throw new UserError("--pricing is only for --reprice (reports show the costs stored in the rollups)");
        }
        if (pricing != null && !Files.isRegularFile(pricing)) {
            throw new UserError("--pricing " + pricing + ": no such file");
        }
        ReportType reportType = reprice ? ReportType.COST : ReportType.parse(type);
        LocalDate first = day("--from", from);
        LocalDate last = day("--to", to);
        if (last.isBefore(first)) {
            throw new UserError("--to " + to + " is before --from " + from);
        }
        if (rollups != null && !Files.isDirectory(rollups)) {
            throw new UserError("--rollups " + rollups + " is not a folder");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("camel.main.routes-include-pattern", MonitorRuntime.routeLocation("reports"));
        overrides.put("camel.component.quartz.auto-start-scheduler", "false");
        if (rollups != null) {
            overrides.put("monitor.store", "folder");
            overrides.put("monitor.store.dir", storeRoot(rollups).toString());
        }
        if (out != null) {
            OutputFolder.create("--out", out);
            overrides.put("monitor.out.dir", out.toString());
        }
        if (pricing != null) {
            overrides.put("monitor.pricing.file", pricing.toString());
        }
        try (MonitorRuntime runtime = new MonitorRuntime(MonitorRuntime.profileFromEnvironment(), overrides)) {
            CamelContext camel = runtime.start();
            Period period = Period.of(first, last.plusDays(1),
                    ReportSettings.parseZone(camel.resolvePropertyPlaceholders("{{monitor.report.time-zone}}")));
            if (reprice) {
                return reprice(camel, period);
            }
            ProducerTemplate template = camel.createProducerTemplate();
            RenderedReport report = template.requestBodyAndHeaders("direct:report-produce", null, Map.of(
                    "reportType", reportType.id(),
                    "reportFrom", period.from().toString(),
                    "reportTo", period.to().toString(),
                    "reportMail", false), RenderedReport.class);
            spec.commandLine().getOut().println(report.model().title() + ": " + camel.resolvePropertyPlaceholders("{{monitor.sink.reports}}")
                    + "/" + report.archiveName() + ".html (and .json)");
        }
        return 0;
    }

    /** The store a folder belongs to: the folder holding {@code rollups/}, given either itself or its rollups folder. */
    static Path storeRoot(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute.resolve("rollups")) || absolute.getFileName() == null
                || !absolute.getFileName().toString().equals("rollups")) {
            return absolute;
        }
        return absolute.getParent();
    }

    private int reprice(CamelContext camel, Period period) throws Exception {
        PricingTable table = camel.getRegistry().lookupByNameAndType("pricing", PricingTable.class);
        WindowStore store = camel.getRegistry().lookupByNameAndType("windowStore", WindowStore.class);
        Repricing repricing = Repricing.of(store.read(period.from(), period.to()).windows(), table, period);
        Path file = Path.of(camel.resolvePropertyPlaceholders("{{monitor.out.dir}}"), "reports", "reprice",
                period.label() + ".json");
        Files.createDirectories(file.getParent());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), repricing);
        PrintWriter console = spec.commandLine().getOut();
        console.printf("Costs of %s: stored against the current pricing table%n", period.describe());
        console.printf("  %-56s %-14s %-14s %12s %14s %14s %14s%n", "model", "stored book", "current book", "requests",
                "stored USD", "current USD", "difference");
        for (Repricing.Line line : repricing.lines()) {
            console.printf("  %-56s %-14s %-14s %,12d %,14.4f %,14.4f %+,14.4f%n", shortened(line.modelId()),
                    line.storedPriceBook().isEmpty() ? "-" : line.storedPriceBook(),
                    line.repricedPriceBook().isEmpty() ? "unpriced" : line.repricedPriceBook(), line.invocations(),
                    line.storedUsd(), line.repricedUsd(), line.differenceUsd());
        }
        console.printf("  total: stored %,.4f USD, current table %,.4f USD, difference %+,.4f USD%n", repricing.storedUsd(),
                repricing.repricedUsd(), repricing.differenceUsd());
        if (repricing.guardrailUsd() > 0) {
            console.printf("  guardrail policy units (kept as stored: rollups keep their cost, not their units): %,.4f USD%n",
                    repricing.guardrailUsd());
        }
        console.println("  stored costs are unchanged; details: " + file);
        console.flush();
        return 0;
    }

    private static String shortened(String modelId) {
        return modelId.length() <= 56 ? modelId : "…" + modelId.substring(modelId.length() - 55);
    }

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
