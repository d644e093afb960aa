package org.bedrockmonitor.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded Bedrock model invocation logs with three incidents planted, as gzip objects of ten minutes
 * each (the way Bedrock delivers them): a 30-minute 40% failure burst on a small model (two calls a
 * minute), a one-hour token surge by one principal, and steady spend that crosses a small monthly budget.
 * Eight hours of traffic, about 2,900 records. Ground truth: the record count and the planted windows.
 */
public final class IncidentCorpus {

    public static final Instant START = Instant.parse("2026-11-24T06:00:00Z");
    public static final Duration LENGTH = Duration.ofHours(8);
    public static final Instant BURST = START.plus(Duration.ofHours(4));
    public static final Instant SURGE = START.plus(Duration.ofHours(5));
    public static final String SMALL_MODEL = "amazon.nova-micro-v1:0";
    public static final String MAIN_MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    public static final String SIDE_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    public static final String SURGING = "arn:aws:sts::123456789012:assumed-role/app-search/search-svc";
    public static final String[] PRINCIPALS = {"arn:aws:sts::123456789012:assumed-role/app-chat/alice",
            SURGING, "arn:aws:iam::123456789012:user/dev-bob"};
    /** Monthly budget (USD) the corpus's spend crosses 80% of, then 100%: a COST_BUDGET warning and a critical. */
    public static final String BUDGET_USD = "30";

    public record Object(String name, Instant start, byte[] gzip, int records) {
    }

    private IncidentCorpus() {
    }

    /** The ten-minute objects, in time order. */
    public static List<Object> objects() {
        Random random = new Random(2026);
        List<Object> objects = new ArrayList<>();
        int id = 0;
        for (Instant start = START; start.isBefore(START.plus(LENGTH)); start = start.plus(Duration.ofMinutes(10))) {
            StringBuilder lines = new StringBuilder();
            int records = 0;
            for (int second = 0; second < 600; second += 10) {
                Instant at = start.plusSeconds(second);
                // the main model: about 3 calls every 10 seconds, the side model 1, the small model one in 3
                for (int call = 0; call < 3 + random.nextInt(2); call++) {
                    lines.append(line(random, "r-" + id++, at.plusMillis(random.nextInt(9000)), MAIN_MODEL, 0.005));
                    records++;
                }
                lines.append(line(random, "r-" + id++, at.plusMillis(random.nextInt(9000)), SIDE_MODEL, 0.005));
                records++;
                if (second % 30 == 0) {
                    boolean burst = !at.isBefore(BURST) && at.isBefore(BURST.plus(Duration.ofMinutes(30)));
                    lines.append(line(random, "r-" + id++, at.plusMillis(random.nextInt(9000)), SMALL_MODEL, burst ? 0.4 : 0.01));
                    records++;
                }
            }
            objects.add(new Object(String.format(Locale.ROOT, "%s-%04d.json.gz", start.toString().replace(":", ""), objects.size()),
                    start, gzip(lines.toString()), records));
        }
        return objects;
    }

    /**
     * One big object of steady traffic on the day before the incidents (no incident in it): what a replica
     * is reading when the multi-replica test kills it.
     */
    public static byte[] quietDayBefore(int records) {
        Random random = new Random(2025);
        Instant start = START.minus(Duration.ofDays(1));
        long step = Duration.ofDays(1).toMillis() / records;
        StringBuilder lines = new StringBuilder(records * 420);
        for (int i = 0; i < records; i++) {
            String model = i % 4 == 0 ? SIDE_MODEL : MAIN_MODEL;
            lines.append(line(random, "quiet-" + i, start.plusMillis(i * step), model, 0.005));
        }
        return gzip(lines.toString());
    }

    /** Writes the objects as files into {@code folder}; returns their paths in time order. */
    public static List<Path> write(Path folder) {
        try {
            Files.createDirectories(folder);
            List<Path> files = new ArrayList<>();
            for (Object object : objects()) {
                files.add(Files.write(folder.resolve(object.name()), object.gzip()));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(Random random, String requestId, Instant at, String model, double failure) {
        String principal = PRINCIPALS[random.nextInt(PRINCIPALS.length)];
        boolean surge = principal.equals(SURGING) && !at.isBefore(SURGE) && at.isBefore(SURGE.plus(Duration.ofHours(1)));
        int input = (int) ((400 + random.nextInt(400)) * (surge ? 4 : 1));
        int output = (int) ((150 + random.nextInt(150)) * (surge ? 4 : 1));
        boolean failed = random.nextDouble() < failure;
        StringBuilder line = new StringBuilder(400);
        line.append("{\"schemaType\":\"ModelInvocationLog\",\"schemaVersion\":\"1.0\",\"timestamp\":\"").append(at)
                .append("\",\"accountId\":\"123456789012\",\"identity\":{\"arn\":\"").append(principal)
                .append("\"},\"region\":\"us-east-1\",\"requestId\":\"").append(requestId)
                .append("\",\"operation\":\"Converse\",\"modelId\":\"").append(model).append('"');
        if (failed) {
            line.append(",\"errorCode\":\"ValidationException\"");
        }
        line.append(",\"input\":{\"inputContentType\":\"application/json\",\"inputTokenCount\":").append(input)
                .append("},\"output\":{\"outputContentType\":\"application/json\",\"outputBodyJson\":{\"metrics\":{\"latencyMs\":")
                .append(300 + random.nextInt(1500)).append("}},\"outputTokenCount\":").append(failed ? 0 : output).append("}}\n");
        return line.toString();
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
