package org.bedrockmonitor.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bedrockmonitor.aggregate.ObjectSummary;
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
import org.bedrockmonitor.windows.RequestClaims;

/**
 * The per-object step of the pipeline: sniff the kind, stream-parse, attribute, price, de-duplicate and
 * aggregate into window rows. Runs one object per call with no per-record exchanges; several objects
 * may be processed at once from different threads, on several replicas.
 *
 * <p>Records are de-duplicated against the shared store in batches: a batch of parsed records waits
 * until its request ids are claimed, then the records that are not duplicates are aggregated. So an
 * object's memory is bounded by one batch, and the store is asked once per batch and shard, not per record.
 */
public final class LogObjectProcessor {

    private final InvocationLogReader invocationReader;
    private final AuditLogReader auditReader;
    private final PricingTable pricing;
    private final RequestClaims requestClaims;
    private final int windowSeconds;
    private final List<String> applicationTags;
    private final int sampleBytes;
    private final boolean bodiesAllowed;
    private final int batchSize;
    private final CostRecords costRecords;

    /**
     * {@code auditReader} may be null: CloudTrail objects are then skipped with a count. {@code costRecords}
     * receives each counted record's cost once its object was read whole.
     */
    public LogObjectProcessor(InvocationLogReader invocationReader, AuditLogReader auditReader,
                              PricingTable pricing, RequestClaims requestClaims, int windowSeconds,
                              List<String> applicationTags, int sampleBytes, boolean bodiesAllowed, int batchSize,
                              CostRecords costRecords) {
        this.invocationReader = invocationReader;
        this.auditReader = auditReader;
        this.pricing = pricing;
        this.requestClaims = requestClaims;
        this.windowSeconds = windowSeconds;
        this.applicationTags = List.copyOf(applicationTags);
        this.sampleBytes = sampleBytes;
        this.bodiesAllowed = bodiesAllowed;
        this.batchSize = batchSize;
        this.costRecords = costRecords;
    }

    /** Reads and closes {@code raw}. A failure leaves no trace: its de-duplication claims are released. */
    public ObjectResult process(String source, String objectId, InputStream raw) throws IOException {
        try (raw) {
            return read(source, objectId, raw);
        }
    }

    private ObjectResult read(String source, String objectId, InputStream raw) throws IOException {
        if (LogObjectKeys.isOffloadedBody(source)) {
            return skipped(source, objectId, ObjectKind.UNKNOWN, "offloaded request/response body, not a log file");
        }
        if (LogObjectKeys.isCloudTrailDigest(source)) {
            return skipped(source, objectId, ObjectKind.UNKNOWN, "CloudTrail digest file");
        }
        BufferedInputStream in = LogStreams.decompressed(raw);
        ObjectKind kind = ObjectKind.sniff(in);
        return switch (kind) {
            case EMPTY -> invocationLog(source, objectId, kind, InputStream.nullInputStream(), invocationReader::read);
            case INVOCATION_LOG -> invocationLog(source, objectId, kind, in, invocationReader::read);
            case BATCH_OUTPUT -> invocationLog(source, objectId, kind, in, (input, handler) -> new BatchOutputReader(
                    invocationReader.maxRecordBytes()).read(input, BatchJobs.near(source), handler));
            case BATCH_JOB -> skipped(source, objectId, kind, "batch inference job description");
            case BATCH_MANIFEST -> skipped(source, objectId, kind, "batch inference manifest");
            case CLOUDTRAIL -> auditReader == null
                    ? skipped(source, objectId, kind, "CloudTrail object and no CloudTrail reader installed")
                    : cloudTrail(source, objectId, in);
            case UNKNOWN -> throw new UnreadableObjectException(
                    "not a Bedrock invocation log or CloudTrail file (first JSON value has neither's fields)");
        };
    }

    /** Reads records of one kind of object into a handler. */
    private interface RecordReader {
        long read(InputStream in, InvocationLogReader.Handler handler) throws IOException;
    }

    private ObjectResult invocationLog(String source, String objectId, ObjectKind kind, InputStream in, RecordReader reader)
            throws IOException {
        Accumulator acc = new Accumulator(source, objectId);
        try {
            reader.read(in, acc);
            acc.flush();
        } catch (IOException | RuntimeException e) {
            requestClaims.release(objectId, acc.seen);
            throw e;
        }
        costRecords.write(acc.costs);
        ObjectSummary summary = new ObjectSummary(source, kind.name(), acc.read, acc.invocations, acc.duplicates,
                acc.rejected.size(), 0, 0);
        return new ObjectResult(source, objectId, kind, summary, acc.rows(), List.of(), acc.rejected,
                acc.earliest, acc.latest, null);
    }

    private ObjectResult cloudTrail(String source, String objectId, InputStream in) throws IOException {
        List<AuditEvent> read = new ArrayList<>();
        AuditLogReader.Counts counts = auditReader.read(in, read::add);
        // CloudTrail may deliver an event in two files: each event id is kept by the first object that claims it
        List<RequestClaims.Claim> ids = new ArrayList<>();
        Set<String> seenHere = new HashSet<>();
        List<AuditEvent> events = new ArrayList<>();
        for (AuditEvent event : read) {
            if (event.eventId() == null || event.eventTime() == null) {
                events.add(event);
            } else if (seenHere.add(event.eventId())) {
                ids.add(new RequestClaims.Claim(eventClaim(event), event.eventTime()));
            }
        }
        Set<String> duplicates = requestClaims.claim(objectId, ids);
        Set<String> kept = new HashSet<>();
        for (AuditEvent event : read) {
            if (event.eventId() != null && event.eventTime() != null && !duplicates.contains(eventClaim(event))
                    && kept.add(event.eventId())) {
                events.add(event);
            }
        }
        Instant earliest = events.stream().map(AuditEvent::eventTime).filter(t -> t != null).min(Instant::compareTo).orElse(null);
        Instant latest = events.stream().map(AuditEvent::eventTime).filter(t -> t != null).max(Instant::compareTo).orElse(null);
        List<Rejection> rejected = new ArrayList<>();
        if (counts.rejected() > 0) {
            rejected.add(new Rejection(source, 0, counts.rejected() + " CloudTrail event(s) could not be read", ""));
        }
        // an event that could not be read is a rejected record like any other: read = invocations + duplicates + rejected
        ObjectSummary summary = new ObjectSummary(source, ObjectKind.CLOUDTRAIL.name(), counts.rejected(), 0, 0,
                counts.rejected(), counts.eventsRead(), events.stream().filter(AuditEvent::aboutBedrock).count());
        return new ObjectResult(source, objectId, ObjectKind.CLOUDTRAIL, summary, List.of(), List.copyOf(events),
                rejected, earliest, latest, null);
    }

    private static String eventClaim(AuditEvent event) {
        return "cloudtrail:" + event.eventId();
    }

    private ObjectResult skipped(String source, String objectId, ObjectKind kind, String reason) {
        ObjectSummary summary = new ObjectSummary(source, kind.name(), 0, 0, 0, 0, 0, 0);
        return new ObjectResult(source, objectId, kind, summary, List.of(), List.of(), List.of(), null, null, reason);
    }

    private record RowKey(long windowStart, String modelId, String principal, String application, CostBasis costBasis) {
    }

    /** Collects one object's records into window rows, one de-duplicated batch at a time. */
    private final class Accumulator implements InvocationLogReader.Handler {
        final String source;
        final String objectId;
        final Map<RowKey, Stats> stats = new HashMap<>();
        final List<Rejection> rejected = new ArrayList<>();
        /** Every id of the object so far: a repeat inside it is a duplicate; a failed object withdraws them all. */
        final RequestClaims.SeenIds seen = new RequestClaims.SeenIds();
        final List<InvocationRecord> batch = new ArrayList<>();
        final List<RequestClaims.Claim> batchClaims = new ArrayList<>();
        final CostRecords.Batch costs = costRecords.batch();
        long read;
        long invocations;
        long duplicates;
        Instant earliest;
        Instant latest;

        Accumulator(String source, String objectId) {
            this.source = source;
            this.objectId = objectId;
        }

        @Override
        public void record(InvocationRecord record, long lineNumber) {
            read++;
            String requestId = record.requestId();
            if (requestId != null) {
                if (!seen.add(requestId, record.timestamp())) {
                    duplicates++;
                    return;
                }
                batchClaims.add(new RequestClaims.Claim(requestId, record.timestamp()));
            }
            batch.add(record);
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        /** Claims the batch's ids in the store, then aggregates the records no other object claimed first. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            Set<String> taken = requestClaims.claim(objectId, batchClaims);
            for (InvocationRecord record : batch) {
                if (record.requestId() != null && taken.contains(record.requestId())) {
                    duplicates++;
                } else {
                    aggregate(record);
                }
            }
            batch.clear();
            batchClaims.clear();
        }

        private void aggregate(InvocationRecord record) {
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
