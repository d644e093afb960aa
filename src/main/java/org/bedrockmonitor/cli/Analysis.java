package org.bedrockmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.detect.DetectionRun;
import org.bedrockmonitor.ingest.ObjectLedger;
import org.bedrockmonitor.report.ReportService;

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
    private final int threads;
    private final Map<String, String> properties;

    public Analysis(List<Path> inputs, Path out, String pricingFile, PrintWriter console) {
        this(inputs, out, pricingFile, console, 0, Map.of());
    }

    /**
     * @param threads    objects read at once; 0 = one per core
     * @param properties {@code monitor.*} values of this run, over the configuration files
     */
    public Analysis(List<Path> inputs, Path out, String pricingFile, PrintWriter console, int threads,
            Map<String, String> properties) {
        this.inputs = inputs;
        this.out = out;
        this.pricingFile = pricingFile;
        this.console = console;
        this.threads = threads;
        this.properties = Map.copyOf(properties);
    }

    public Outcome run() throws Exception {
        Listing listing = files(inputs);
        List<Path> files = listing.files();
        prepareOut();
        Map<String, String> overrides = new LinkedHashMap<>(properties);
        overrides.put("monitor.out.dir", out.toString());
        overrides.put("monitor.store", "folder");
        overrides.put("monitor.store.dir", out.toString());
        overrides.put("monitor.local.watch", "false");
        overrides.put("monitor.report.schedules", "false");
        overrides.put("monitor.detect.scheduled", "false");
        overrides.put("monitor.log.objects", "DEBUG");
        overrides.put("monitor.alert.ingestion.enabled", "false");
        // decoded rollup files kept for detection and the reports at the end: at most a quarter of the heap
        overrides.put("monitor.store.cached-rows", String.valueOf(Math.max(1, Runtime.getRuntime().maxMemory() / 4 / 1024)));
        if (pricingFile != null) {
            if (!Files.isRegularFile(Path.of(pricingFile))) {
                throw new UserError("--pricing " + pricingFile + ": no such file");
            }
            overrides.put("monitor.pricing.file", pricingFile);
        }
        long started = System.nanoTime();
        try (MonitorRuntime runtime = new MonitorRuntime(MonitorRuntime.DEFAULT_PROFILE, overrides)) {
            CamelContext camel = runtime.start();
            long booted = System.nanoTime();
            ProducerTemplate producer = camel.createProducerTemplate();
            RunTotals totals = camel.getRegistry().lookupByNameAndType("runTotals", RunTotals.class);
            listing.unreadable().forEach((path, reason) -> totals.failed(path.toString(), reason));
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
            ReportService reports = camel.getRegistry().lookupByNameAndType("reports", ReportService.class);
            if (reports != null && before.from() != null && completion == null) {
                try {
                    summary.set("kpis", Json.MAPPER.valueToTree(reports.kpis(before.from().toString(), before.to().toString())));
                } catch (RuntimeException e) {
                    completion = "kpis: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                    console.println("Computing the management figures failed: " + completion);
                }
            }
            DetectionRun.Result detection = lastDetection(camel);
            if (detection != null) {
                ObjectNode judged = summary.putObject("detection");
                judged.put("windowsJudged", detection.windowsJudged());
                judged.put("lateRows", detection.lateRows());
            }
            if (completion != null) {
                summary.put("completionError", completion);
            }
            ObjectNode seconds = summary.putObject("seconds");
            seconds.put("start", secondsBetween(started, booted));
            seconds.put("objects", secondsBetween(booted, fed));
            seconds.put("close", secondsBetween(fed, System.nanoTime()));
            Path summaryFile = out.resolve("summary.json");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(summaryFile.toFile(), summary);
            return new Outcome(summary, files.size() - failed, failed + listing.unreadable().size(), summaryFile);
        }
    }

    private static double secondsBetween(long fromNanos, long toNanos) {
        return Math.round((toNanos - fromNanos) / 1e6) / 1e3;
    }

    /** The alerts the run raised, from the alert log in the store (none when the detection box is switched off). */
    private static List<Alert> alerts(CamelContext camel) {
        AlertJournal journal = camel.getRegistry().lookupByNameAndType("alertJournal", AlertJournal.class);
        return journal == null ? List.of() : journal.all().stream()
                .filter(entry -> entry.status() == AlertNotification.Status.FIRING)
                .map(AlertJournal.Entry::alert)
                .toList();
    }

    private static DetectionRun.Result lastDetection(CamelContext camel) {
        DetectionRun run = camel.getRegistry().lookupByNameAndType("detectionRun", DetectionRun.class);
        return run == null ? null : run.lastResult();
    }

    /**
     * The output folder holds this run's outputs only: what an earlier run wrote there (and only that) is
     * removed first, so the summary and the reports of a run always describe the same data.
     */
    private void prepareOut() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserError("--out " + out + " is a file; give a folder (it is created when missing)");
        }
        Files.createDirectories(out);
        for (String owned : OUTPUTS) {
            Path path = out.resolve(owned);
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.deleteIfExists(path);
            }
        }
    }

    /** What a run writes under --out. */
    static final List<String> OUTPUTS = List.of("summary.json", "rollups", "rejected", "alerts", "reports", "metrics",
            "state", "outbox", "mail-spool");

    private long feed(List<Path> files, ProducerTemplate producer, RunTotals totals) throws InterruptedException {
        int workers = Math.max(1, Math.min(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(), files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (Path file : files) {
            work.add(pool.submit(() -> {
                InputStream opened;
                try {
                    opened = Files.newInputStream(file);
                } catch (IOException e) {
                    // the pipeline never saw it, so it is reported here
                    totals.failed(file.toString(), unreadable(e));
                    failed.incrementAndGet();
                    done.incrementAndGet();
                    return;
                }
                try (InputStream in = opened) {
                    producer.sendBodyAndHeaders("direct:local-object", in, Map.of("monitorSource", file.toString(),
                            "monitorObjectKey", ObjectLedger.keyOf(file)));
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

    /** The files to read, and the paths under the inputs that cannot be read, each with why. */
    record Listing(List<Path> files, Map<Path, String> unreadable) {
    }

    /**
     * Every file of the inputs: those named, in the order given, then those under each folder (links
     * followed, hidden files left out), in name order; each once. A folder that cannot be listed and
     * anything that is not a file is set aside with its reason: the rest is still read.
     */
    static Listing files(List<Path> inputs) throws IOException {
        java.util.LinkedHashSet<Path> files = new java.util.LinkedHashSet<>();
        Map<Path, String> unreadable = new TreeMap<>();
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new UserError("input " + input + " does not exist");
            }
            if (Files.isDirectory(input)) {
                TreeSet<Path> found = new TreeSet<>();
                Files.walkFileTree(input, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        Path path = file.toAbsolutePath().normalize();
                        if (file.getFileName().toString().startsWith(".")) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attributes.isRegularFile() || attributes.isSymbolicLink()) {
                            // a link whose target is gone is listed too: opening it says why it cannot be read
                            found.add(path);
                        } else {
                            unreadable.put(path, "not a regular file");
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        unreadable.put(file.toAbsolutePath().normalize(), unreadable(e));
                        return FileVisitResult.CONTINUE;
                    }
                });
                files.addAll(found);
            } else {
                files.add(input.toAbsolutePath().normalize());
            }
        }
        return new Listing(List.copyOf(files), unreadable);
    }

    /** Why a file or folder cannot be read, in one phrase (the exception's own message is often just the path). */
    static String unreadable(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "cannot be read: no such file (removed, or a link to nothing)";
        }
        if (e instanceof FileSystemLoopException) {
            return "not read: a link back to a folder above it (loop)";
        }
        return "cannot be read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
