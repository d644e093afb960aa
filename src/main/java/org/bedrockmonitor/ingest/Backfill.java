package org.bedrockmonitor.ingest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Historical log objects put back on the notification queue: the objects of a bucket and prefix whose day
 * is in the range, except those the ledger marks done, each as the S3 notification S3 itself would have
 * sent. The replicas then share the backfill like any other traffic, and an object queued twice is still
 * read once.
 */
public final class Backfill {

    /** The objects to queue: {@code from} and {@code to} are days (UTC), both included, null for open. */
    public record Request(String bucket, String prefix, LocalDate from, LocalDate to, boolean dryRun) {
    }

    /** One object of the listing. */
    public record Listed(String bucket, String key, String eTag, long size, Instant lastModified) {

        S3NotificationObject object() {
            return new S3NotificationObject(bucket, key, eTag, size, null);
        }
    }

    /** What a backfill did (or would do, in a dry run). */
    public record Summary(long listed, long queued, long alreadyDone, long outsideRange, long notLogObjects, boolean dryRun) {
    }

    /** Bedrock and CloudTrail keys name the day of their records: {@code .../2026/11/24/...}. */
    private static final Pattern KEY_DAY = Pattern.compile("(?:^|/)(\\d{4})/(\\d{2})/(\\d{2})(?:/|$)");

    private final Function<String, S3Client> clients;
    private final ObjectLedger ledger;
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong alreadyDone = new AtomicLong();
    private final AtomicLong outsideRange = new AtomicLong();
    private final AtomicLong notLogObjects = new AtomicLong();
    private volatile boolean dryRun;

    /** @param clients the S3 client to list a bucket with */
    public Backfill(Function<String, S3Client> clients, ObjectLedger ledger) {
        this.clients = clients;
        this.ledger = ledger;
    }

    /** The bucket's objects under the prefix, page after page as they are consumed. */
    public Iterable<Listed> objects(Request request) {
        dryRun = request.dryRun();
        return clients.apply(request.bucket())
                .listObjectsV2Paginator(b -> b.bucket(request.bucket()).prefix(request.prefix() == null ? "" : request.prefix()))
                .contents().stream()
                .map(object -> new Listed(request.bucket(), object.key(), unquoted(object.eTag()),
                        object.size() == null ? 0 : object.size(), object.lastModified()))
                ::iterator;
    }

    /** Whether the object is to be queued; the ones left out are counted by reason. */
    public boolean wanted(Listed object, Request request) {
        listed.incrementAndGet();
        if (object.key().endsWith("/") || LogObjectKeys.isOffloadedBody(object.key()) || LogObjectKeys.isCloudTrailDigest(object.key())) {
            notLogObjects.incrementAndGet();
            return false;
        }
        LocalDate day = dayOf(object.key(), object.lastModified());
        if (request.from() != null && day.isBefore(request.from()) || request.to() != null && day.isAfter(request.to())) {
            outsideRange.incrementAndGet();
            return false;
        }
        if (ledger.isDone(ObjectLedger.keyOf(object.object()))) {
            alreadyDone.incrementAndGet();
            return false;
        }
        return true;
    }

    /** The S3 event notification of the object, as S3 sends it (the key URL-encoded). */
    public String notification(Listed object) {
        ObjectNode record = Json.MAPPER.createObjectNode()
                .put("eventVersion", "2.1")
                .put("eventSource", "aws:s3")
                .put("eventName", "ObjectCreated:Put")
                .put("eventTime", object.lastModified() == null ? Instant.now().toString() : object.lastModified().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.putObject("bucket").put("name", object.bucket());
        s3.putObject("object")
                .put("key", URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", object.size())
                .put("eTag", object.eTag());
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    public void queued() {
        queued.incrementAndGet();
    }

    public Summary summary() {
        return new Summary(listed.get(), queued.get(), alreadyDone.get(), outsideRange.get(), notLogObjects.get(), dryRun);
    }

    /** The day the key names, else the day the object was written. */
    static LocalDate dayOf(String key, Instant lastModified) {
        Matcher matcher = KEY_DAY.matcher(key);
        while (matcher.find()) {
            try {
                return LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                        Integer.parseInt(matcher.group(3)));
            } catch (java.time.DateTimeException notADay) {
                // digits that are not a date (an account id split by slashes): look further
            }
        }
        return lastModified == null ? LocalDate.MIN : LocalDate.ofInstant(lastModified, ZoneOffset.UTC);
    }

    private static String unquoted(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
