package org.bedrockmonitor.metrics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * The same metric points as CloudWatch Embedded Metric Format lines, which CloudWatch Logs turns into
 * metrics when the lines reach a log group (or which a folder keeps locally).
 * <p>
 * Points that share a timestamp and dimensions share one document: a document per point repeated the
 * same directive and dimensions for every metric, which made a large analysis write tens of thousands of
 * lines and spend a tenth of its CPU on them. EMF has no counts, so a distribution is written as its
 * values repeated by their (rounded) counts. The format's limits ({@value #MAX_METRICS} metrics per
 * document, {@value #MAX_VALUES} values per metric, a metric name once per document) push the rest into
 * further documents with the same timestamp and dimensions; CloudWatch adds those up as if they were one.
 * <p>
 * Integral values are written as integers and the others with Jackson's fast double writer, because
 * the JDK's double formatting was the hot spot of the old lines.
 */
public final class EmfLines {

    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;
    static final int CHUNK_CHARS = 1 << 20;

    /** Beyond 2^53 not every integer is a double, so such a value is left to the double writer. */
    private static final double LARGEST_EXACT_INTEGER = 0x1p53;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private final String namespace;

    public EmfLines(String namespace) {
        this.namespace = namespace;
    }

    public String lines(List<MetricPoint> points) {
        StringBuilder all = new StringBuilder(points.size() * 64);
        chunks(points).forEachRemaining(all::append);
        return all.toString();
    }

    /**
     * The same lines in chunks of whole lines of about {@value #CHUNK_CHARS} characters, each written
     * when it is asked for: an object's lines grow with its records (a distribution is one value per
     * record), so they are handed to the sink piece by piece instead of as one string.
     */
    public Iterator<String> chunks(List<MetricPoint> points) {
        Iterator<Document> documents = documentsOf(points).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return documents.hasNext();
            }

            @Override
            public String next() {
                if (!documents.hasNext()) {
                    throw new NoSuchElementException();
                }
                StringWriter out = new StringWriter();
                try (JsonGenerator json = JSON.createGenerator(out)) {
                    // Documents are separated by the '\n' written after each, not by Jackson's default space.
                    json.setRootValueSeparator(null);
                    while (documents.hasNext() && out.getBuffer().length() < CHUNK_CHARS) {
                        documents.next().write(namespace, json);
                        json.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write EMF lines to memory", e);
                }
                return out.toString();
            }
        };
    }

    /** Prints EMF lines on stdout (monitor.metrics.mode=emf in a container: the log driver ships them). */
    public void print(String lines) {
        System.out.print(lines);
        System.out.flush();
    }

    private static Iterable<Document> documentsOf(List<MetricPoint> points) {
        Map<DocumentKey, Document> documents = new LinkedHashMap<>();
        for (MetricPoint point : points) {
            documents.computeIfAbsent(DocumentKey.of(point), key -> new Document(point)).add(point);
        }
        return documents.values();
    }

    /** Timestamp plus dimension keys and values in order: what a document's metrics must share. */
    private record DocumentKey(long timestampMillis, List<String> dimensionKeysAndValues) {

        static DocumentKey of(MetricPoint point) {
            List<String> keysAndValues = new ArrayList<>(point.dimensions().size() * 2);
            point.dimensions().forEach((key, value) -> {
                keysAndValues.add(key);
                keysAndValues.add(value);
            });
            return new DocumentKey(point.timestamp().toEpochMilli(), keysAndValues);
        }
    }

    private record MetricKey(String name, String unit) {
    }

    /** The metrics of one timestamp and dimension set; written as one document or, past the limits, several. */
    private static final class Document {

        private final long timestampMillis;
        private final Map<String, String> dimensions;
        private final Map<MetricKey, Metric> metrics = new LinkedHashMap<>();

        Document(MetricPoint first) {
            this.timestampMillis = first.timestamp().toEpochMilli();
            this.dimensions = first.dimensions();
        }

        void add(MetricPoint point) {
            metrics.computeIfAbsent(new MetricKey(point.name(), point.unit()), Metric::new).add(point);
        }

        void write(String namespace, JsonGenerator json) throws IOException {
            List<Metric> batch = nextBatch();
            while (!batch.isEmpty()) {
                writeOne(namespace, batch, json);
                batch = nextBatch();
            }
        }

        /** The metrics that still have values, at most {@value #MAX_METRICS} and each name once. */
        private List<Metric> nextBatch() {
            List<Metric> batch = new ArrayList<>(Math.min(metrics.size(), MAX_METRICS));
            Set<String> names = new HashSet<>();
            for (Metric metric : metrics.values()) {
                if (batch.size() == MAX_METRICS) {
                    break;
                }
                if (metric.hasValuesLeft() && names.add(metric.key.name())) {
                    batch.add(metric);
                }
            }
            return batch;
        }

        private void writeOne(String namespace, List<Metric> batch, JsonGenerator json) throws IOException {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", timestampMillis);
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            for (String key : dimensions.keySet()) {
                json.writeString(key);
            }
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (Metric metric : batch) {
                json.writeStartObject();
                json.writeStringField("Name", metric.key.name());
                json.writeStringField("Unit", metric.key.unit());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                json.writeStringField(dimension.getKey(), dimension.getValue());
            }
            for (Metric metric : batch) {
                json.writeFieldName(metric.key.name());
                metric.writeNextValues(json);
            }
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    /**
     * One metric's values as runs of (value, count), read out {@value #MAX_VALUES} at a time, so a
     * distribution is never expanded into a list of its repeated values.
     */
    private static final class Metric {

        private final MetricKey key;
        private double[] values = new double[4];
        private long[] counts = new long[4];
        private int runs;
        private int run;
        private long writtenOfRun;
        private long valuesLeft;

        Metric(MetricKey key) {
            this.key = key;
        }

        void add(MetricPoint point) {
            for (int i = 0; i < point.values().size(); i++) {
                long count = Math.round(point.counts().get(i));
                if (count > 0) {
                    addRun(point.values().get(i), count);
                }
            }
        }

        private void addRun(double value, long count) {
            if (runs == values.length) {
                values = Arrays.copyOf(values, runs * 2);
                counts = Arrays.copyOf(counts, runs * 2);
            }
            values[runs] = value;
            counts[runs] = count;
            runs++;
            valuesLeft += count;
        }

        boolean hasValuesLeft() {
            return valuesLeft > 0;
        }

        /** A single value as a number, several as an array (EMF takes both). */
        void writeNextValues(JsonGenerator json) throws IOException {
            int n = (int) Math.min(MAX_VALUES, valuesLeft);
            if (n == 1) {
                writeValue(nextValue(), json);
            } else {
                json.writeStartArray();
                // a per-request mean is repeated once per invocation: its text is made once per run of repeats
                double previous = Double.NaN;
                String text = null;
                for (int i = 0; i < n; i++) {
                    double value = nextValue();
                    if (!Double.isFinite(value)) {
                        writeValue(value, json);
                        continue;
                    }
                    if (Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(previous)) {
                        previous = value;
                        text = numberText(value);
                    }
                    json.writeNumber(text);
                }
                json.writeEndArray();
            }
            valuesLeft -= n;
        }

        private double nextValue() {
            if (writtenOfRun == counts[run]) {
                run++;
                writtenOfRun = 0;
            }
            writtenOfRun++;
            return values[run];
        }

        private static void writeValue(double value, JsonGenerator json) throws IOException {
            if (isExactInteger(value)) {
                json.writeNumber((long) value);
            } else {
                json.writeNumber(value);
            }
        }

        private static String numberText(double value) {
            return isExactInteger(value) ? Long.toString((long) value) : NumberOutput.toString(value, true);
        }

        private static boolean isExactInteger(double value) {
            return value == Math.rint(value) && Math.abs(value) <= LARGEST_EXACT_INTEGER;
        }
    }
}
