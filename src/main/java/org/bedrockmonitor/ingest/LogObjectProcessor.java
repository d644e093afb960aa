package org.bedrockmonitor.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.RequestLedger;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.AuditEvent;
import org.bedrockmonitor.parse.AuditLogReader;
import org.bedrockmonitor.parse.BatchOutputReader;
import org.bedrockmonitor.parse.BodyText;
import org.bedrockmonitor.parse.InvocationLogReader;
import org.bedrockmonitor.parse.InvocationRecord;
import org.bedrockmonitor.parse.Rejection;
import org.bedrockmonitor.price.CostBasis;
import org.bedrockmonitor.price.CostRecords;
import org.bedrockmonitor.price.Priced;
import org.bedrockmonitor.price.PricingTable;

/**
 * The per-object step of the pipeline: sniff the kind, stream-parse, attribute, price, de-duplicate and
 * aggregate into window rows. Runs one object per call with no per-record exchanges; several objects
 * may be processed at once from different threads.
 */
public final class LogObjectProcessor {

    private final InvocationLogReader invocationReader;
    private final AuditLogReader auditReader;
    private final PricingTable pricing;
    private final RequestLedger ledger;
    private final int windowSeconds;
    private final List<String> applicationTags;
    private final int sampleBytes;
    private final boolean bodiesAllowed;
    private final CostRecords costRecords;

    /**
     * {@code auditReader} may be null: CloudTrail objects are then skipped with a count. {@code costRecords}
     * receives each counted record's cost once its object was read whole.
     */
    public LogObjectProcessor(InvocationLogReader invocationReader, AuditLogReader auditReader,
                              PricingTable pricing, RequestLedger ledger, int windowSeconds,
                              List<String> applicationTags, int sampleBytes, boolean bodiesAllowed,
                              CostRecords costRecords) {
        this.invocationReader = invocationReader;
        this.auditReader = auditReader;
        this.pricing = pricing;
        this.ledger = ledger;
        this.windowSeconds = windowSeconds;
        this.applicationTags = List.copyOf(applicationTags);
        this.sampleBytes = sampleBytes;
        this.bodiesAllowed = bodiesAllowed;
        this.costRecords = costRecords;
    }

    /** Reads and closes {@code raw}. A failure leaves no trace: its de-duplication claims are released. */
    public ObjectResult process(String source, InputStream raw) throws IOException {
        try (raw) {
            return read(source, raw);
        }
    }

    private ObjectResult read(String source, InputStream raw) throws IOException {
        if (LogObjectKeys.isOffloadedBody(source)) {
            return skipped(source, ObjectKind.UNKNOWN, "offloaded request/response body, not a log file");
        }
        if (LogObjectKeys.isCloudTrailDigest(source)) {
            return skipped(source, ObjectKind.UNKNOWN, "CloudTrail digest file");
        }
        BufferedInputStream in = LogStreams.decompressed(raw);
        ObjectKind kind = ObjectKind.sniff(in);
        return switch (kind) {
            case EMPTY -> invocationLog(source, kind, InputStream.nullInputStream(), invocationReader::read);
            case INVOCATION_LOG -> invocationLog(source, kind, in, invocationReader::read);
            case BATCH_OUTPUT -> invocationLog(source, kind, in, (input, handler) -> new BatchOutputReader(
                    invocationReader.maxRecordBytes()).read(input, BatchJobs.near(source), handler));
            case BATCH_JOB -> skipped(source, kind, "batch inference job description");
            case BATCH_MANIFEST -> skipped(source, kind, "batch inference manifest");
            case CLOUDTRAIL -> auditReader == null
                    ? skipped(source, kind, "CloudTrail object and no CloudTrail reader installed")
                    : cloudTrail(source, in);
            case UNKNOWN -> throw new UnreadableObjectException(
                    "not a Bedrock invocation log or CloudTrail file (first JSON value has neither's fields)");
        };
    }

    /** Makes the object's de-duplication claims durable: call once its outputs are written. */
    public void commit(ObjectResult result) {
        ledger.commit(result.source(), result.claimedRequestIds());
    }

    /** Reads records of one kind of object into a handler. */
    private interface RecordReader {
        long read(InputStream in, InvocationLogReader.Handler handler) throws IOException;
    }

    private ObjectResult invocationLog(String source, ObjectKind kind, InputStream in, RecordReader reader) throws IOException {
        Accumulator acc = new Accumulator(source);
        try {
            reader.read(in, acc);
        } catch (IOException | RuntimeException e) {
            ledger.release(source, acc.claimed);
            throw e;
        }
        costRecords.write(acc.costs);
        ObjectSummary summary = new ObjectSummary(source, kind.name(), acc.read, acc.invocations, acc.duplicates,
                acc.rejected.size(), 0, 0);
        return new ObjectResult(source, kind, summary, acc.rows(), List.of(), acc.rejected, acc.claimed,
                acc.earliest, acc.latest, rollupKey(source, acc.earliest), null);
    }

    private ObjectResult cloudTrail(String source, InputStream in) throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        AuditLogReader.Counts counts = auditReader.read(in, events::add);
        Instant earliest = events.stream().map(AuditEvent::eventTime).filter(t -> t != null).min(Instant::compareTo).orElse(null);
        Instant latest = events.stream().map(AuditEvent::eventTime).filter(t -> t != null).max(Instant::compareTo).orElse(null);
        List<Rejection> rejected = new ArrayList<>();
        if (counts.rejected() > 0) {
            rejected.add(new Rejection(source, 0, counts.rejected() + " CloudTrail event(s) could not be read", ""));
        }
        ObjectSummary summary = new ObjectSummary(source, ObjectKind.CLOUDTRAIL.name(), 0, 0, 0, counts.rejected(),
                counts.eventsRead(), counts.bedrockEvents());
        return new ObjectResult(source, ObjectKind.CLOUDTRAIL, summary, List.of(), List.copyOf(events), rejected,
                List.of(), earliest, latest, rollupKey(source, earliest), null);
    }

    private ObjectResult skipped(String source, ObjectKind kind, String reason) {
        ObjectSummary summary = new ObjectSummary(source, kind.name(), 0, 0, 0, 0, 0, 0);
        return new ObjectResult(source, kind, summary, List.of(), List.of(), List.of(), List.of(), null, null,
                rollupKey(source, null), reason);
    }

    /** {@code <yyyy-MM-dd of the earliest record>/<hash of the source>.jsonl}. */
    public static String rollupKey(String source, Instant earliest) {
        String day = earliest == null ? "undated" : earliest.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return day + "/" + HexFormat.of().formatHex(hash, 0, 12) + ".jsonl";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RowKey(long windowStart, String modelId, String principal, String application, CostBasis costBasis) {
    }

    /** Collects one object's records into window rows. */
    private final class Accumulator implements InvocationLogReader.Handler {
        final String source;
        final Map<RowKey, Stats> stats = new HashMap<>();
        final List<Rejection> rejected = new ArrayList<>();
        final List<String> claimed = new ArrayList<>();
        final Set<String> seenHere = new HashSet<>();
        final CostRecords.Batch costs = costRecords.batch();
        long read;
        long invocations;
        long duplicates;
        Instant earliest;
        Instant latest;

        Accumulator(String source) {
            this.source = source;
        }

        @Override
        public void record(InvocationRecord record, long lineNumber) {
            read++;
            String requestId = record.requestId();
            if (requestId != null) {
                if (!seenHere.add(requestId) || !ledger.claim(requestId, source)) {
                    duplicates++;
                    return;
                }
                claimed.add(requestId);
            }
            invocations++;
            Instant at = record.timestamp();
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
            if (latest == null || at.isAfter(latest)) {
                latest = at;
            }
            long window = Math.floorDiv(at.getEpochSecond(), windowSeconds) * windowSeconds;
            String principal = record.principalArn() == null ? "" : record.principalArn();
            Priced priced = pricing.price(record);
            RowKey key = new RowKey(window, record.modelId(), principal, application(record.tags()), priced.basis());
            stats.computeIfAbsent(key, k -> new Stats()).add(record, priced);
            costs.add(record, priced);
        }

        @Override
        public void rejected(long lineNumber, String reason, byte[] raw, int offset, int length) {
            read++;
            rejected.add(new Rejection(source, lineNumber, reason,
                    BodyText.sample(raw, offset, length, sampleBytes, bodiesAllowed)));
        }

        List<WindowStats> rows() {
            List<WindowStats> rows = new ArrayList<>(stats.size());
            stats.forEach((key, s) -> rows.add(new WindowStats(Instant.ofEpochSecond(key.windowStart()), windowSeconds,
                    key.modelId(), key.principal(), key.application(), key.costBasis().priced(), s, key.costBasis())));
            rows.sort((a, b) -> a.windowStart().compareTo(b.windowStart()));
            return rows;
        }
    }

    private String application(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "";
        }
        for (String tag : applicationTags) {
            String value = tags.get(tag);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
