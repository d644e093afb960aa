package org.bedrockmonitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.demo.DemoCorpus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The throughput benchmark (run with {@code mvn -Pbench verify}; never part of the default test run).
 * On cached gzip corpora it measures, interleaved and each in its own JVM: the floor (gunzip +
 * Jackson streaming parse, all cores and one), ours ({@code analyze} end to end) and DuckDB
 * ({@code read_json} + GROUP BY), checks that DuckDB's sums equal ours, then runs {@code analyze} with
 * {@code -Xmx256m} on one object of more than 1 GB and on lines of more than 25 MB. Writes
 * {@code target/bench/results.md}.
 * Knobs: {@code bench.corpus} (which corpora, in order: {@code small} = records of 1–3 KB, as Bedrock
 * writes them, {@code large} = prompts of 1–20 KB; default both), {@code bench.records} (records of the
 * small corpus, default 1,000,000), {@code bench.mb} (size of the large corpus, uncompressed MB, default
 * 1024), {@code bench.rounds} (default 1), {@code bench.heap} (-Xmx of the throughput JVMs; default
 * none: the JVM's own sizing, as {@code java -jar} runs), {@code bench.memory} (default true).
 */
@Tag("bench")
class ThroughputBenchmark {

    static final Path BASE = Path.of("").toAbsolutePath();
    static final Path DATA = BASE.resolve("bench-data");
    static final Path RESULTS = BASE.resolve("target/bench");
    /** analyze is measured as shipped: the shaded jar (one jar on the class path, as in production). */
    static final Path SHIPPED_JAR = BASE.resolve("target/bedrock-monitor.jar");
    static final List<String> CORPORA = List.of(System.getProperty("bench.corpus", "small,large").split(","));
    static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    static final int MB = Integer.getInteger("bench.mb", 1024);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 1);
    static final String HEAP = System.getProperty("bench.heap", "");
    static final boolean MEMORY = Boolean.parseBoolean(System.getProperty("bench.memory", "true"));
    /** ours started as the container image starts it: its JVM options and a class archive of a training run. */
    static final String OURS_ARCHIVED = "ours-container";
    /** ours run a second time in the same JVM: the steady state the long-running service works in. */
    static final String OURS_WARM = "ours-warm";
    static final Path CLASS_ARCHIVE = RESULTS.resolve("bedrock-monitor.jsa");
    static final java.nio.file.attribute.FileTime STARTED = java.nio.file.attribute.FileTime.from(Instant.now());
    static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Mean line of the large corpus (1–20 KB prompt plus envelope and response), to size it by MB. */
    static final int MEAN_LINE_BYTES = 11_900;

    record Corpus(String description, Path dir, long records, long lines, long bytesUncompressed, long bytesGzip,
                  int files) {
    }

    record Run(String name, int threads, int round, JsonNode result, String load) {
        double seconds() {
            return result.path("seconds").asDouble();
        }
    }

    @Test
    void measureFloorOursAndDuckDbThenMemory() throws Exception {
        assertThat(SHIPPED_JAR).as("run with mvn -Pbench verify (the benchmark needs the packaged jar)").exists();
        Files.createDirectories(RESULTS);
        trainClassArchive();
        StringBuilder report = new StringBuilder();
        List<String> mismatches = new ArrayList<>();
        Corpus last = null;
        for (String name : CORPORA) {
            last = corpus(name.trim());
            report.append(measure(last, mismatches));
        }
        List<String> memory = new ArrayList<>();
        if (MEMORY && last != null) {
            memory.add(memoryRun("one object, multi-member gzip", bigObject(last)));
            memory.add(memoryRun("three lines of 26 MB each", hugeLines()));
            report.append(memoryReport(memory));
        }
        Files.writeString(RESULTS.resolve("results.md"), report);
        System.out.println(report);
        assertThat(mismatches).as("DuckDB, floor and ours must agree").isEmpty();
        assertThat(memory).allMatch(line -> line.contains("| ok |"));
    }

    /** The interleaved rounds on one corpus; returns its section of the results. */
    static String measure(Corpus corpus, List<String> mismatches) throws Exception {
        String loadBefore = load();
        log("corpus %s: %d files, %d lines, %.1f MB uncompressed, %.1f MB gzip", corpus.dir(), corpus.files(),
                corpus.lines(), corpus.bytesUncompressed() / 1e6, corpus.bytesGzip() / 1e6);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            log("round %d/%d, load %s", round, ROUNDS, load());
            runs.add(phase("floor", CORES, corpus, round));
            runs.add(phase("ours", CORES, corpus, round));
            runs.add(phase(OURS_ARCHIVED, CORES, corpus, round));
            runs.add(phase("duckdb", CORES, corpus, round));
            if (round == 1) {
                runs.add(phase("floor", 1, corpus, round));
                runs.add(phase(OURS_WARM, CORES, corpus, round));
            }
        }
        Path empty = Files.createDirectories(DATA.resolve("empty"));
        Run boot = phase("ours", CORES, new Corpus("empty", empty, 0, 0, 0, 0, 0), 0);
        String loadAfter = load();
        Run floor = median(runs, "floor", CORES);
        Run ours = median(runs, "ours", CORES);
        Run duck = median(runs, "duckdb", CORES);

        List<String> found = new ArrayList<>();
        compare("byModel", ours.result(), duck.result(), found);
        compare("byPrincipal", ours.result(), duck.result(), found);
        if (floor.result().path("records").asLong() != duck.result().path("records").asLong()) {
            found.add("records: floor " + floor.result().path("records") + " vs DuckDB " + duck.result().path("records"));
        }
        if (ours.result().path("filesFailed").asLong() != 0 || ours.result().path("rejected").asLong() != 0) {
            found.add("ours failed files or rejected lines: " + ours.result());
        }
        for (String m : found) {
            log("!!!!! MISMATCH (%s): %s", corpus.description(), m);
            mismatches.add(corpus.description() + ": " + m);
        }
        return report(corpus, runs, boot, found, loadBefore, loadAfter);
    }

    // ---------------------------------------------------------------------------------------- corpus

    /** {@code small}: records of 1–3 KB, as Bedrock writes them; {@code large}: prompts of 1–20 KB. */
    static Corpus corpus(String name) throws IOException {
        return switch (name) {
            case "small" -> corpus("records of 1–3 KB", "corpus-small-" + RECORDS, new DemoCorpus.Spec(2026,
                    Instant.parse("2025-06-02T00:00:00Z"), RECORDS, 24, 200, 2_000, 0.01, 0, 1.0, false));
            case "large" -> corpus("prompts of 1–20 KB", "corpus-" + MB + "mb", new DemoCorpus.Spec(2026,
                    Instant.parse("2025-06-02T00:00:00Z"), (int) Math.max(100, MB * 1_000_000L / MEAN_LINE_BYTES),
                    Math.max(4, MB / 16), 1_000, 20_000, 0.01, 0, 1.0, false));
            default -> throw new IllegalArgumentException("bench.corpus: unknown corpus " + name + " (small, large)");
        };
    }

    /** Generated once per spec and kept under bench-data/ (git-ignored); {@code .complete} marks it whole. */
    static Corpus corpus(String description, String folder, DemoCorpus.Spec spec) throws IOException {
        Path dir = DATA.resolve(folder);
        Path marker = dir.resolve(".complete");
        if (!Files.exists(marker)) {
            deleteTree(dir);
            log("generating %s (%d records in %d objects) under %s", description, spec.records(), spec.objects(), dir);
            DemoCorpus.Truth truth = new DemoCorpus(spec).write(dir);
            ObjectNode facts = Json.MAPPER.createObjectNode();
            facts.put("records", truth.unique);
            facts.put("lines", truth.lines);
            facts.put("bytesUncompressed", truth.bytesUncompressed);
            Files.writeString(marker, Json.MAPPER.writeValueAsString(facts));
        }
        JsonNode facts = Json.MAPPER.readTree(marker.toFile());
        List<Path> files = BenchPhase.files(dir);
        long gzip = 0;
        for (Path f : files) {
            gzip += Files.size(f);
        }
        return new Corpus(description, dir, facts.path("records").asLong(), facts.path("lines").asLong(),
                facts.path("bytesUncompressed").asLong(), gzip, files.size());
    }

    /** The corpus's objects concatenated (gzip members) into one file, repeated until it is over 1 GB. */
    static Path bigObject(Corpus corpus) throws IOException {
        Path file = DATA.resolve("big-object-from-" + corpus.dir().getFileName() + ".json.gz");
        if (!Files.exists(file)) {
            Path partial = DATA.resolve(".big-object.partial");
            long copies = Math.max(1, (1_100_000_000L + corpus.bytesUncompressed() - 1) / corpus.bytesUncompressed());
            try (OutputStream out = Files.newOutputStream(partial)) {
                for (long copy = 0; copy < copies; copy++) {
                    for (Path part : BenchPhase.files(corpus.dir())) {
                        Files.copy(part, out);
                    }
                }
            }
            Files.move(partial, file);
        }
        return file;
    }

    static Path hugeLines() throws IOException {
        Path dir = DATA.resolve("huge-lines");
        if (!Files.exists(dir.resolve(".complete"))) {
            deleteTree(dir);
            new DemoCorpus(new DemoCorpus.Spec(25, Instant.parse("2025-06-03T00:00:00Z"), 3, 1, 26_000_000, 26_000_001,
                    0, 0, 1.0, false)).write(dir);
            Files.writeString(dir.resolve(".complete"), "");
        }
        return dir;
    }

    // ---------------------------------------------------------------------------------------- phases

    static Run phase(String name, int threads, Corpus corpus, int round) throws Exception {
        Path out = RESULTS.resolve("ours-out");
        deleteTree(out);
        deleteTree(RESULTS.resolve("ours-out-first"));
        boolean ours = name.startsWith("ours");
        List<String> args = new ArrayList<>(List.of(name.equals(OURS_ARCHIVED) ? "ours" : name, corpus.dir().toString()));
        args.add(ours ? out.toString() : String.valueOf(threads));
        List<String> jvm = new ArrayList<>(List.of("-XX:ActiveProcessorCount=" + Math.max(threads, 1)));
        if (!HEAP.isEmpty()) {
            jvm.add("-Xmx" + HEAP);
        }
        if (name.equals(OURS_ARCHIVED)) {
            // -Xshare:on: a run that silently fell back to loading from the jar would be mislabelled
            jvm.addAll(containerJvmOptions());
            jvm.addAll(List.of("-XX:SharedArchiveFile=" + CLASS_ARCHIVE, "-Xshare:on"));
        }
        if (ours && System.getProperty("bench.jfr") != null) {
            jvm.add("-XX:StartFlightRecording=filename=" + RESULTS.resolve(name + ".jfr") + ",settings=profile");
        }
        log("%s (%d thread(s))...", name, threads);
        List<String> classPath = new ArrayList<>(phaseClassPath());
        if (name.equals("duckdb")) {
            classPath.add(testClassPathEntry("duckdb_jdbc"));
        }
        jvm.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), BenchPhase.class.getName()));
        Child child = java(jvm, args, RESULTS.resolve(name + "-" + threads + ".log"));
        String line = child.stdout().lines().filter(l -> l.startsWith(BenchPhase.RESULT_PREFIX)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " printed no result (exit " + child.exit()
                        + "), see " + RESULTS.resolve(name + "-" + threads + ".log")));
        JsonNode result = Json.MAPPER.readTree(line.substring(BenchPhase.RESULT_PREFIX.length()));
        Run run = new Run(name, threads, round, result, load());
        log("  %s: %.2f s (process CPU %.1f s, JIT %.1f s), %,.0f records/s, %.1f MB/s, peak heap %d MB, peak RSS %d MB, "
                        + "load %s", name, run.seconds(), result.path("cpuSeconds").asDouble(),
                result.path("jitCpuSeconds").asDouble(), corpus.lines() / run.seconds(),
                corpus.bytesUncompressed() / 1e6 / run.seconds(), result.path("peakHeapBytes").asLong() >> 20,
                result.path("peakRssBytes").asLong() >> 20, run.load());
        return run;
    }

    /**
     * The phases' class path: jars only, because a class archive cannot be used with a folder on the
     * class path. BenchPhase is packed into its own small jar (once: the archive is bound to the jar
     * files it was made from); the shipped jar follows it.
     */
    static List<String> phaseClassPath() throws IOException {
        Path jar = RESULTS.resolve("bench-phase.jar");
        if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(STARTED) > 0) {
            return List.of(jar.toString(), SHIPPED_JAR.toString());
        }
        Path classes = BASE.resolve("target/test-classes");
        Path folder = classes.resolve(BenchPhase.class.getPackageName().replace('.', '/'));
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("BenchPhase")).sorted().toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return List.of(jar.toString(), SHIPPED_JAR.toString());
    }

    /** The JVM options the container image sets ({@code ENV JAVA_TOOL_OPTIONS} of the Dockerfile). */
    static List<String> containerJvmOptions() throws IOException {
        Matcher options = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"")
                .matcher(Files.readString(BASE.resolve("Dockerfile")));
        assertThat(options.find()).as("the Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
        return List.of(options.group(1).trim().split("\\s+"));
    }

    /**
     * The class archive as the container image makes it (see the Dockerfile): one training run of
     * {@code demo} on the phases' class path, archiving every class it loaded.
     */
    static void trainClassArchive() throws Exception {
        Files.deleteIfExists(CLASS_ARCHIVE);
        Path out = RESULTS.resolve("class-archive-training");
        deleteTree(out);
        log("training the class archive (demo)...");
        List<String> jvm = new ArrayList<>(containerJvmOptions());
        jvm.addAll(List.of("-XX:ArchiveClassesAtExit=" + CLASS_ARCHIVE,
                "-cp", String.join(java.io.File.pathSeparator, phaseClassPath()), "org.bedrockmonitor.Main"));
        Child child = java(jvm,
                List.of("demo", "--out", out.toString()), RESULTS.resolve("class-archive-training.log"));
        assertThat(CLASS_ARCHIVE).as("class archive written by the training run (exit %d)", child.exit()).exists();
    }

    /** {@code analyze FILE --out DIR} in a JVM of 256 MB; peak and live heap read from its GC log. */
    static String memoryRun(String what, Path input) throws Exception {
        Path out = RESULTS.resolve("memory-out");
        deleteTree(out);
        Path gcLog = RESULTS.resolve("memory-gc.log");
        Files.deleteIfExists(gcLog);
        long uncompressed = uncompressedSize(input);
        long started = System.nanoTime();
        Child child = java(List.of("-Xmx256m", "-Xlog:gc:file=" + gcLog, "-jar", SHIPPED_JAR.toString()),
                List.of("analyze", input.toString(), "--out", out.toString()), RESULTS.resolve("memory.log"));
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] heap = gcHeap(gcLog);
        String liveSeries = liveAfterEachGc(gcLog);
        JsonNode summary = Files.exists(out.resolve("summary.json")) ? Json.MAPPER.readTree(out.resolve("summary.json").toFile()) : null;
        boolean ok = child.exit() == 0 && summary != null && summary.path("records").path("rejected").asLong() == 0
                && summary.path("objects").path("failed").isEmpty() && summary.path("records").path("invocations").asLong() > 0;
        String line = String.format("| %s | %.1f MB | %s | %s | %.1f s | %d MB | %d MB | %d MB | %d | %s |", what,
                uncompressed / 1e6, ok ? "ok" : "FAILED (exit " + child.exit() + ")",
                summary == null ? "-" : summary.path("records").path("read").asText() + " read, "
                        + summary.path("records").path("invocations").asText() + " counted",
                seconds, heap[0], heap[1], heap[2], heap[3], liveSeries);
        log("memory: %s", line);
        return line;
    }

    /** Max heap before a collection, max and min live heap after one (MB), number of collections. */
    static long[] gcHeap(Path gcLog) throws IOException {
        Pattern pause = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
        long before = 0;
        long afterMax = 0;
        long afterMin = Long.MAX_VALUE;
        long count = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = pause.matcher(line);
            if (m.find()) {
                count++;
                before = Math.max(before, mb(m.group(1), m.group(2)));
                long after = mb(m.group(3), m.group(4));
                afterMax = Math.max(afterMax, after);
                afterMin = Math.min(afterMin, after);
            }
        }
        return new long[] {before, afterMax, count == 0 ? 0 : afterMin, count};
    }

    /** Live heap after young/mixed/full pauses in run order, at most 12 evenly spaced values (MB). */
    static String liveAfterEachGc(Path gcLog) throws IOException {
        Pattern pause = Pattern.compile("Pause (Young|Full).* (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)");
        List<Long> live = new ArrayList<>();
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = pause.matcher(line);
            if (m.find()) {
                live.add(mb(m.group(4), m.group(5)));
            }
        }
        List<String> shown = new ArrayList<>();
        int step = Math.max(1, (live.size() + 11) / 12);
        for (int i = 0; i < live.size(); i += step) {
            shown.add(String.valueOf(live.get(i)));
        }
        return String.join(", ", shown);
    }

    private static long mb(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    record Child(int exit, String stdout) {
    }

    /** The entry of the test class path whose file name contains {@code name}. */
    static String testClassPathEntry(String name) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Stream.of(classPath.split(java.io.File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().contains(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not on the test class path (run with -Pbench)"));
    }

    /** {@code jvmOptions} ends with what to run: {@code -cp ... Main} or {@code -jar ...}. */
    static Child java(List<String> jvmOptions, List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(args);
        Process process = new ProcessBuilder(command).directory(BASE.toFile())
                .redirectError(log.toFile()).start();
        process.getOutputStream().close();
        String stdout;
        try (InputStream in = process.getInputStream()) {
            stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Child(process.waitFor(), stdout);
    }

    // ---------------------------------------------------------------------------------------- report

    static void compare(String field, JsonNode ours, JsonNode duck, List<String> mismatches) {
        JsonNode a = ours.path(field);
        JsonNode b = duck.path(field);
        if (!a.equals(b)) {
            mismatches.add(field + ": ours " + a + " vs DuckDB " + b);
        }
    }

    /** The round of median seconds (the lower middle one for an even count). */
    static Run median(List<Run> runs, String name, int threads) {
        List<Run> sorted = runs.stream().filter(r -> r.name().equals(name) && r.threads() == threads)
                .sorted(Comparator.comparingDouble(Run::seconds)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** {@code numerator / denominator} of seconds within each round, then the median of those ratios. */
    static double medianRatio(List<Run> runs, String numerator, String denominator) {
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            int r = round;
            var num = runs.stream().filter(x -> x.round() == r && x.threads() == CORES && x.name().equals(numerator)).findFirst();
            var den = runs.stream().filter(x -> x.round() == r && x.threads() == CORES && x.name().equals(denominator)).findFirst();
            if (num.isPresent() && den.isPresent()) {
                ratios.add(num.get().seconds() / den.get().seconds());
            }
        }
        return ratios.stream().sorted().toList().get((ratios.size() - 1) / 2);
    }

    static String report(Corpus corpus, List<Run> runs, Run boot, List<String> mismatches, String loadBefore,
                         String loadAfter) throws IOException {
        Run floor = median(runs, "floor", CORES);
        Run ours = median(runs, "ours", CORES);
        Run oursArchived = median(runs, OURS_ARCHIVED, CORES);
        Run oursWarm = median(runs, OURS_WARM, CORES);
        Run duck = median(runs, "duckdb", CORES);
        Map<String, Run> rows = new LinkedHashMap<>();
        rows.put("floor: gunzip + Jackson streaming parse, " + floor.threads() + " threads", floor);
        rows.put("floor, 1 thread", median(runs, "floor", 1));
        rows.put("ours: `analyze` end to end (Camel, all local sinks), " + ours.threads() + " threads", ours);
        rows.put("ours, started as the container image starts it (class archive, the Dockerfile's JVM options), "
                + oursArchived.threads() + " threads", oursArchived);
        rows.put("ours, second run in the same JVM (warm, as in the long-running service), " + oursWarm.threads()
                + " threads", oursWarm);
        rows.put("DuckDB " + duck.result().path("version").asText() + ": read_json + dedupe + GROUP BY, "
                + duck.threads() + " threads", duck);
        StringBuilder md = new StringBuilder();
        md.append("## Corpus of ").append(corpus.description()).append("\n\n");
        md.append(String.format("Measured %s on %d cores (%s), %s; load average before/after: %s / %s.%n%n",
                Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC", CORES, cpuModel(),
                "Java " + System.getProperty("java.version"), loadBefore, loadAfter));
        md.append(String.format("Corpus: %d gzip objects, %,d lines (%,d unique requests, the rest replays), "
                        + "%.0f MB uncompressed (%,d bytes a line), %.0f MB gzip; median of %d round(s), each phase in "
                        + "its own JVM (%s).%n%n",
                corpus.files(), corpus.lines(), corpus.records(), corpus.bytesUncompressed() / 1e6,
                corpus.bytesUncompressed() / Math.max(1, corpus.lines()), corpus.bytesGzip() / 1e6, ROUNDS,
                HEAP.isEmpty() ? "the JVM's default heap sizing" : "-Xmx" + HEAP));
        md.append("| run | seconds | records/s | MB/s (uncompressed) | process CPU s | of which JIT | of which GC | peak heap | peak RSS |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach((label, run) -> md.append(String.format("| %s | %.2f | %,.0f | %.1f | %.1f | %.1f | %.1f | %d MB | %d MB |%n", label,
                run.seconds(), corpus.lines() / run.seconds(), corpus.bytesUncompressed() / 1e6 / run.seconds(),
                run.result().path("cpuSeconds").asDouble(), run.result().path("jitCpuSeconds").asDouble(),
                run.result().path("gcCpuSeconds").asDouble(),
                run.result().path("peakHeapBytes").asLong() >> 20, run.result().path("peakRssBytes").asLong() >> 20)));
        md.append(String.format("%nours / floor (records/s): **%.0f%%** (target ≥ 60%%); ours / DuckDB: **%.2f×** (target ≥ 1); "
                        + "both the median over the rounds of the ratio within each round. "
                        + "By process CPU time (median rounds): ours / floor %.0f%%, ours / DuckDB %.2f×. "
                        + "Peak RSS of ours: %d MB (target ≤ 512 MB). "
                        + "DuckDB's per-model and per-principal sums %s ours.%n",
                100 / medianRatio(runs, "ours", "floor"), 1 / medianRatio(runs, "ours", "duckdb"),
                100 * cpu(floor) / cpu(ours), cpu(duck) / cpu(ours),
                runs.stream().filter(r -> r.name().equals("ours")).mapToLong(r -> r.result().path("peakRssBytes").asLong())
                        .max().orElse(0) >> 20,
                mismatches.isEmpty() ? "equal" : "DO NOT EQUAL"));
        md.append(String.format("%nStarted as the container starts it: ours / floor **%.0f%%**, ours / DuckDB **%.2f×**.%n",
                100 / medianRatio(runs, OURS_ARCHIVED, "floor"), 1 / medianRatio(runs, OURS_ARCHIVED, "duckdb")));
        md.append(String.format("%nWarm (second run in the same JVM; not the measure of the targets): ours / floor **%.0f%%**, "
                + "ours / DuckDB **%.2f×**.%n", 100 * floor.seconds() / oursWarm.seconds(), duck.seconds() / oursWarm.seconds()));
        for (Run run : List.of(ours, oursArchived, oursWarm)) {
            JsonNode stages = run.result().path("stages");
            md.append(String.format("%nInside %s (median round, from summary.json's `seconds`): Camel start %.2f s, "
                            + "the objects %.2f s (%,.0f records/s), closing (detection, four reports, summary) %.2f s.%n",
                    run.name(), stages.path("start").asDouble(), stages.path("objects").asDouble(),
                    corpus.lines() / stages.path("objects").asDouble(), stages.path("close").asDouble()));
        }
        md.append(String.format("%nFixed cost inside ours: `analyze` of an empty folder (Camel boot, routes, shutdown, "
                        + "summary) takes %.2f s and %.1f s of CPU; without it ours runs at %,.0f records/s "
                        + "(%.0f%% of the floor; by CPU %.0f%%).%n", boot.seconds(), cpu(boot),
                corpus.lines() / (ours.seconds() - boot.seconds()), 100 * floor.seconds() / (ours.seconds() - boot.seconds()),
                100 * cpu(floor) / (cpu(ours) - cpu(boot))));
        md.append("\nPeak heap is the sum of the heap pools' peaks in that JVM (an upper bound; the JVM grows "
                + "into its maximum heap when it can); peak RSS (VmHWM) includes DuckDB's native memory. JIT and GC are the CPU of the "
                + "JVM's compiler threads and of its collector and VM threads (from /proc), part of the process CPU. The warm row's CPU, JIT and "
                + "heap columns cover both runs of its JVM; its seconds only the second.\n");
        md.append("\nAll runs in order (seconds, peak RSS MB, load average after): ");
        runs.forEach(r -> md.append(String.format("%s/%d %.2f s %d MB (%s); ", r.name(), r.threads(), r.seconds(),
                r.result().path("peakRssBytes").asLong() >> 20, r.load())));
        md.append('\n');
        if (!mismatches.isEmpty()) {
            md.append("\n**MISMATCH**\n\n");
            mismatches.forEach(m -> md.append("- ").append(m).append('\n'));
        }
        return md.append('\n').toString();
    }

    static String memoryReport(List<String> memory) {
        StringBuilder md = new StringBuilder("## Bounded memory: `analyze` with -Xmx256m\n\n");
        md.append("| input | uncompressed | result | records | seconds | max heap before GC | max live heap after GC "
                + "| min live heap after GC | GCs | live heap after successive GCs (MB) |\n");
        md.append("|---|---:|---|---|---:|---:|---:|---:|---:|---|\n");
        memory.forEach(line -> md.append(line).append('\n'));
        return md.toString();
    }

    static double cpu(Run run) {
        return run.result().path("cpuSeconds").asDouble();
    }

    static long uncompressedSize(Path input) throws IOException {
        long total = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                }
            }
        }
        return total;
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    }

    static String load() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }
}
