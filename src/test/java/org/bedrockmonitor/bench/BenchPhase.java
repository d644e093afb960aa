package org.bedrockmonitor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.cli.Analysis;
import org.bedrockmonitor.config.Json;

/**
 * One phase of the throughput benchmark, run in its own JVM so that each phase has the heap, JIT and
 * threads to itself: {@code floor DIR THREADS}, {@code ours DIR OUT}, {@code ours-warm DIR OUT} or
 * {@code duckdb DIR THREADS}.
 * Prints one JSON line: elapsed seconds, records seen, the per-model and per-principal token sums
 * (checked against each other by {@link ThroughputBenchmark}), peak heap and peak resident memory.
 */
public final class BenchPhase {

    public static final String RESULT_PREFIX = "BENCH-RESULT ";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private BenchPhase() {
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[1]);
        ObjectNode result = switch (args[0]) {
            case "floor" -> floor(files(corpus), Integer.parseInt(args[2]));
            case "ours" -> ours(corpus, Path.of(args[2]));
            case "ours-warm" -> oursWarm(corpus, Path.of(args[2]));
            case "duckdb" -> duckdb(corpus, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        };
        result.put("phase", args[0]);
        result.put("peakHeapBytes", peakHeapBytes());
        result.put("peakRssBytes", peakRssBytes());
        result.put("cpuSeconds", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9);
        result.put("jitCpuSeconds", threadCpuSeconds("C1 CompilerThre", "C2 CompilerThre"));
        // the serial collector works in the VM thread, G1 in its own threads
        result.put("gcCpuSeconds", threadCpuSeconds("GC Thread", "G1 ", "VM Thread"));
        System.out.println(RESULT_PREFIX + Json.MAPPER.writeValueAsString(result));
        System.exit(0);
    }

    static List<Path> files(Path corpus) throws IOException {
        try (var walk = Files.walk(corpus)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        }
    }

    /** Per-key token sums: invocations, input, output, cache read, cache write. */
    static final class Sums {
        final Map<String, long[]> byModel = new TreeMap<>();
        final Map<String, long[]> byPrincipal = new TreeMap<>();
        long records;

        void add(String model, String principal, long input, long output, long cacheRead, long cacheWrite) {
            records++;
            add(byModel.computeIfAbsent(model, k -> new long[5]), input, output, cacheRead, cacheWrite);
            add(byPrincipal.computeIfAbsent(principal, k -> new long[5]), input, output, cacheRead, cacheWrite);
        }

        private static void add(long[] sums, long input, long output, long cacheRead, long cacheWrite) {
            sums[0]++;
            sums[1] += input;
            sums[2] += output;
            sums[3] += cacheRead;
            sums[4] += cacheWrite;
        }

        void merge(Sums other) {
            records += other.records;
            other.byModel.forEach((k, v) -> merge(byModel.computeIfAbsent(k, x -> new long[5]), v));
            other.byPrincipal.forEach((k, v) -> merge(byPrincipal.computeIfAbsent(k, x -> new long[5]), v));
        }

        private static void merge(long[] into, long[] from) {
            for (int i = 0; i < into.length; i++) {
                into[i] += from[i];
            }
        }

        void writeTo(ObjectNode node) {
            node.put("records", records);
            node.set("byModel", Json.MAPPER.valueToTree(byModel));
            node.set("byPrincipal", Json.MAPPER.valueToTree(byPrincipal));
        }
    }

    /**
     * What the hardware allows for this format: gunzip and one Jackson streaming parser over each whole
     * object, reading the identity and token fields and skipping every body, no line splitting, no
     * de-duplication, no windows, no sinks. Files are shared among {@code threads} like analyze does.
     */
    static ObjectNode floor(List<Path> files, int threads) throws Exception {
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Sums>> parts = new ArrayList<>();
        for (Path file : files) {
            parts.add(pool.submit(() -> floorFile(file)));
        }
        Sums all = new Sums();
        for (Future<Sums> part : parts) {
            all.merge(part.get());
        }
        pool.shutdown();
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("seconds", (System.nanoTime() - started) / 1e9);
        result.put("threads", threads);
        all.writeTo(result);
        return result;
    }

    static Sums floorFile(Path file) throws IOException {
        Sums sums = new Sums();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = JSON.createParser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String model = null;
                String principal = "";
                long input = 0;
                long output = 0;
                long cacheRead = 0;
                long cacheWrite = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "modelId" -> model = p.getText();
                        case "identity" -> {
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                p.nextToken();
                                if (field.equals("arn")) {
                                    principal = p.getText();
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                        case "input", "output" -> {
                            if (value != JsonToken.START_OBJECT) {
                                p.skipChildren();
                                continue;
                            }
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String field = p.currentName();
                                p.nextToken();
                                switch (field) {
                                    case "inputTokenCount" -> input = p.getLongValue();
                                    case "outputTokenCount" -> output = p.getLongValue();
                                    case "cacheReadInputTokenCount" -> cacheRead = p.getLongValue();
                                    case "cacheWriteInputTokenCount" -> cacheWrite = p.getLongValue();
                                    default -> p.skipChildren();
                                }
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
                sums.add(model, principal, input, output, cacheRead, cacheWrite);
            }
        }
        return sums;
    }

    /**
     * The same analyze run a second time in the same JVM, into a fresh output folder: classes loaded and
     * code compiled, as in the long-running service. Only the second run is timed.
     */
    static ObjectNode oursWarm(Path corpus, Path out) throws Exception {
        ours(corpus, out.resolveSibling(out.getFileName() + "-first"));
        return ours(corpus, out);
    }

    /** analyze end to end: Camel boot, every route and sink of the local profile, summary.json. */
    static ObjectNode ours(Path corpus, Path out) throws Exception {
        long started = System.nanoTime();
        Analysis.Outcome outcome = new Analysis(List.of(corpus), out, null, new PrintWriter(new StringWriter())).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode summary = outcome.summary();
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("seconds", seconds);
        result.put("records", summary.path("records").path("read").asLong());
        result.put("invocations", summary.path("records").path("invocations").asLong());
        result.put("duplicates", summary.path("records").path("duplicates").asLong());
        result.put("rejected", summary.path("records").path("rejected").asLong());
        result.put("filesFailed", outcome.filesFailed());
        result.set("stages", summary.path("seconds"));
        result.set("byModel", sums(summary.path("byModel")));
        result.set("byPrincipal", sums(summary.path("byPrincipal")));
        return result;
    }

    private static ObjectNode sums(JsonNode byKey) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        byKey.properties().forEach(e -> {
            JsonNode s = e.getValue();
            node.set(e.getKey(), Json.MAPPER.valueToTree(new long[] {s.path("invocations").asLong(),
                    s.path("inputTokens").asLong(), s.path("outputTokens").asLong(),
                    s.path("cacheReadTokens").asLong(), s.path("cacheWriteTokens").asLong()}));
        });
        return node;
    }

    /**
     * The obvious alternative: DuckDB reads the same gzip files with read_json, keeps invocation-log
     * records only, drops replayed request ids (as analyze does) and sums per model and per principal.
     */
    static ObjectNode duckdb(Path corpus, int threads) throws Exception {
        String glob = corpus.toAbsolutePath() + "/**/*.json.gz";
        String source = "read_json('" + glob + "', format = 'newline_delimited', compression = 'gzip', "
                + "ignore_errors = true, maximum_object_size = 67108864, columns = {"
                + "schemaType: 'VARCHAR', requestId: 'VARCHAR', modelId: 'VARCHAR', identity: 'STRUCT(arn VARCHAR)', "
                + "input: 'STRUCT(inputTokenCount BIGINT, cacheReadInputTokenCount BIGINT, cacheWriteInputTokenCount BIGINT)', "
                + "output: 'STRUCT(outputTokenCount BIGINT)'})";
        String query = "WITH logged AS (SELECT requestId, modelId, coalesce(identity.arn, '') AS principal, "
                + "coalesce(input.inputTokenCount, 0) AS input_tokens, coalesce(output.outputTokenCount, 0) AS output_tokens, "
                + "coalesce(input.cacheReadInputTokenCount, 0) AS cache_read, coalesce(input.cacheWriteInputTokenCount, 0) AS cache_write "
                + "FROM " + source + " WHERE schemaType = 'ModelInvocationLog'), "
                + "counted AS (SELECT count(*) AS lines FROM logged), "
                + "unique_requests AS (SELECT any_value(modelId) AS modelId, any_value(principal) AS principal, "
                + "any_value(input_tokens) AS input_tokens, any_value(output_tokens) AS output_tokens, "
                + "any_value(cache_read) AS cache_read, any_value(cache_write) AS cache_write FROM logged GROUP BY requestId) "
                + "SELECT modelId, principal, count(*), sum(input_tokens), sum(output_tokens), sum(cache_read), "
                + "sum(cache_write), (SELECT lines FROM counted) FROM unique_requests GROUP BY GROUPING SETS ((modelId), (principal))";
        long started = System.nanoTime();
        ObjectNode result = Json.MAPPER.createObjectNode();
        ObjectNode byModel = result.putObject("byModel");
        ObjectNode byPrincipal = result.putObject("byPrincipal");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = db.createStatement()) {
            statement.execute("SET threads = " + threads);
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    long[] sums = {rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6), rows.getLong(7)};
                    result.put("records", rows.getLong(8));
                    if (rows.getString(1) != null) {
                        byModel.set(rows.getString(1), Json.MAPPER.valueToTree(sums));
                    } else {
                        byPrincipal.set(rows.getString(2), Json.MAPPER.valueToTree(sums));
                    }
                }
            }
            try (ResultSet version = statement.executeQuery("SELECT version()")) {
                version.next();
                result.put("version", version.getString(1));
            }
        }
        result.put("seconds", (System.nanoTime() - started) / 1e9);
        result.put("threads", threads);
        return result;
    }

    /**
     * CPU seconds of this JVM's threads whose name starts with one of {@code prefixes}, from
     * /proc/self/task (the JIT compiler and GC threads live until exit, so their whole share is there);
     * -1 where /proc is not available.
     */
    static double threadCpuSeconds(String... prefixes) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        double seconds = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (java.util.Arrays.stream(prefixes).noneMatch(name::startsWith)) {
                        continue;
                    }
                    // fields after "(comm) ": state is the 1st, utime the 12th and stime the 13th (clock ticks)
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended between the listing and the read has nothing left to count
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return seconds;
    }

    /** Sum of every heap pool's peak: an upper bound of the heap in use at any one time. */
    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** VmHWM of /proc/self/status (resident high-water mark; includes DuckDB's native memory). */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
