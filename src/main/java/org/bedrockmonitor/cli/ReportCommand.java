package org.bedrockmonitor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.bedrockmonitor.config.MonitorRuntime;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.report.Period;
import org.bedrockmonitor.report.RenderedReport;
import org.bedrockmonitor.report.ReportType;
import org.bedrockmonitor.report.ReportSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Renders one report on demand from a rollup folder, through the same reports route the schedules use
 * (schedules paused, nothing mailed), and archives it under {@code <out>/reports/<type>/<period>}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Renders a report for any period from the rollup folder (archived, not mailed).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--type", required = true, description = "technical, executive, security or cost")
    String type;

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
        ReportType reportType = ReportType.parse(type);
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
        try (MonitorRuntime runtime = new MonitorRuntime(MonitorRuntime.profileFromEnvironment(), overrides)) {
            CamelContext camel = runtime.start();
            Period period = Period.of(first, last.plusDays(1),
                    ReportSettings.parseZone(camel.resolvePropertyPlaceholders("{{monitor.report.time-zone}}")));
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

    private static LocalDate day(String option, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
