package org.bedrockmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.bedrockmonitor.aggregate.RunTotals;
import org.bedrockmonitor.aggregate.SummaryJson;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.config.MonitorRuntime;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.detect.Alert;
import org.bedrockmonitor.detect.AlertLog;

/**
 * One batch run of the service's own routes over files: every file is sent through
 * {@code direct:log-object} (several at once, one per core), then {@code direct:analysis-complete}
 * closes detection and writes the reports, and {@code summary.json} is written from the run totals.
 */
public final class Analysis {

    /** What the run produced; {@code filesRead} is 0 when nothing could be read. */
    public record Outcome(ObjectNode summary, long filesRead, long filesFailed, Path summaryFile) {
    }

    private final List<Path> inputs;
    private final Path out;
    private final String pricingFile;
    private final PrintWriter console;
    private final Path recordsOut;

    public Analysis(List<Path> inputs, Path out, String pricingFile, PrintWriter console) {
        this(inputs, out, pricingFile, console, null);
    }

    /** @param recordsOut where each record's cost goes as a JSON line, or null */
    public Analysis(List<Path> inputs, Path out, String pricingFile, PrintWriter console, Path recordsOut) {
        this.inputs = inputs;
        this.out = out;
        this.pricingFile = pricingFile;
        this.console = console;
        this.recordsOut = recordsOut;
    }

    public Outcome run() throws Exception {
        List<Path> files = files(inputs);
        Files.createDirectories(out);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("monitor.out.dir", out.toString());
        overrides.put("monitor.local.watch", "false");
        overrides.put("monitor.dedup.file", "");
        overrides.put("monitor.state.dir", out.resolve("state").toString());
        overrides.put("monitor.report.schedules", "false");
        overrides.put("monitor.log.objects", "DEBUG");
        overrides.put("monitor.alert.ingestion.enabled", "false");
        // at most a quarter of the heap (a row takes under 1 KB); a longer backfill reads the rest back from disk
        overrides.put("monitor.report.remembered-rows", String.valueOf(Runtime.getRuntime().maxMemory() / 4 / 1024));
        if (pricingFile != null) {
            if (!Files.isRegularFile(Path.of(pricingFile))) {
                throw new UserError("--pricing " + pricingFile + ": no such file");
            }
            overrides.put("monitor.pricing.file", pricingFile);
        }
        if (recordsOut != null) {
            overrides.put("monitor.pricing.records-out", recordsOut.toString());
        }
        long started = System.nanoTime();
        try (MonitorRuntime runtime = new MonitorRuntime(MonitorRuntime.DEFAULT_PROFILE, overrides)) {
            CamelContext camel = runtime.start();
            long booted = System.nanoTime();
            ProducerTemplate producer = camel.createProducerTemplate();
            RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
            long failed = feed(files, producer, totals);
            long fed = System.nanoTime();
            RunTotals.Snapshot before = totals.snapshot();
            String completion = null;
            try {
                producer.sendBodyAndHeaders("direct:analysis-complete", before, Map.of(
                        "reportFrom", before.from() == null ? "" : before.from().toString(),
                        "reportTo", before.to() == null ? "" : before.to().toString()));
            } catch (CamelExecutionException e) {
                // the counts stand on their own: summary.json is still written, with what went wrong
                Throwable cause = e.getCause() == null ? e : e.getCause();
                completion = cause.getClass().getSimpleName() + ": " + cause.getMessage();
                console.println("Closing the analysis (alerts, reports) failed: " + completion);
            }
            RunTotals.Snapshot snapshot = totals.snapshot();
            ObjectNode summary = SummaryJson.of(snapshot, alerts(camel));
            if (completion != null) {
                summary.put("completionError", completion);
            }
            ObjectNode seconds = summary.putObject("seconds");
            seconds.put("start", secondsBetween(started, booted));
            seconds.put("objects", secondsBetween(booted, fed));
            seconds.put("close", secondsBetween(fed, System.nanoTime()));
            Path summaryFile = out.resolve("summary.json");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(summaryFile.toFile(), summary);
            return new Outcome(summary, files.size() - failed, failed, summaryFile);
        }
    }

    private static double secondsBetween(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6) / 1e3;
    }

    /** The alerts raised during the run (none when the detection box is switched off). */
    private static List<Alert> alerts(CamelContext camel) {
        AlertLog alertLog = camel.getRegistry().lookupByNameAndType("alertLog", AlertLog.class);
        return alertLog == null ? List.of() : alertLog.raised();
    }

    private long feed(List<Path> files, ProducerTemplate producer, RunTotals totals) throws InterruptedException {
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (Path file : files) {
            work.add(pool.submit(() -> {
                try (InputStream in = Files.newInputStream(file)) {
                    producer.sendBodyAndHeader("direct:log-object", in, "monitorSource", file.toString());
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.incrementAndGet();
                    bytes.addAndGet(file.toFile().length());
                }
            }));
        }
        pool.shutdown();
        long lastReport = System.nanoTime();
        while (!pool.awaitTermination(500, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                lastReport = System.nanoTime();
                double seconds = (lastReport - started) / 1e9;
                long records = totals.snapshot().read();
                console.printf("  %d/%d files, %,d records, %,.0f records/s, %.1f MB/s (as stored)%n", done.get(),
                        files.size(), records, records / seconds, bytes.get() / 1e6 / seconds);
                console.flush();
            }
        }
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                failed.incrementAndGet();
            }
        }
        return failed.get();
    }

    static List<Path> files(List<Path> inputs) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new UserError("input " + input + " does not exist");
            }
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .forEach(p -> files.add(p.toAbsolutePath().normalize()));
                }
            } else {
                files.add(input.toAbsolutePath().normalize());
            }
        }
        return List.copyOf(files);
    }
}
