package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bedrockmonitor.aws.AwsTestServers;
import org.bedrockmonitor.ingest.ObjectLedger;
import org.bedrockmonitor.ingest.S3NotificationObject;
import org.bedrockmonitor.ingest.S3NotificationParser;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.S3StateStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The backfill command against S3Proxy and ElasticMQ: the log objects of the prefix and days, less the
 * ones the ledger has read, are queued as the notifications S3 sends, which the service's parser reads
 * back as the same objects (same ledger keys, so a replica skips what is done).
 */
class BackfillCommandTest {

    static final String LOGS = "history";
    static final String REPORTS = "backfill-reports";
    static final String PREFIX = "AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/";

    static AwsTestServers servers;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        servers = new AwsTestServers();
        servers.createBucket(LOGS);
        servers.createBucket(REPORTS);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    record Run(int exit, String out, String err) {
    }

    Run backfill(String queue, String... args) {
        BackfillCommand command = new BackfillCommand();
        command.properties = servers.serviceProperties(queue, REPORTS, temp.resolve("state"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setExecutionExceptionHandler(new UserErrorHandler())
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void queuesTheObjectsOfTheDaysThatTheLedgerHasNotReadAsS3Notifications() throws Exception {
        servers.createQueueWithDeadLetterQueue("backfill-queue", 5);
        String before = PREFIX + "2026/11/23/09/before.json.gz";
        String read = PREFIX + "2026/11/24/10/read already.json.gz";
        String wanted = PREFIX + "2026/11/25/11/wanted + 1.json.gz";
        String body = "{\"schemaType\":\"ModelInvocationLog\"}\n";
        servers.upload(LOGS, before, body.getBytes(StandardCharsets.UTF_8));
        String readTag = servers.upload(LOGS, read, body.getBytes(StandardCharsets.UTF_8));
        String wantedTag = servers.upload(LOGS, wanted, "{}\n".getBytes(StandardCharsets.UTF_8));
        servers.upload(LOGS, "AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/24/digest.json.gz", new byte[] {1});
        servers.upload(LOGS, "elsewhere/2026/11/24/other.json.gz", new byte[] {1});
        // a replica read this one before
        try (Claims claims = new Claims(new S3StateStore(() -> servers.s3, REPORTS, ""), ObjectLedger.PREFIX,
                Duration.ofMinutes(1), Clock.systemUTC())) {
            ObjectLedger ledger = new ObjectLedger(claims);
            String key = ObjectLedger.keyOf(new S3NotificationObject(LOGS, read, readTag, null, null));
            assertThat(ledger.claim(key)).isEqualTo(ObjectLedger.CLAIMED);
            ledger.commit(key);
        }

        Run dry = backfill("backfill-queue", "--bucket", LOGS, "--prefix", "AWSLogs/", "--from", "2026-11-24", "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("backfill (dry run, nothing queued): 4 objects listed, 1 to queue, "
                + "1 already done per the ledger, 1 outside the days, 1 not log objects");
        assertThat(servers.messagesIn("backfill-queue")).isZero();

        Run run = backfill("backfill-queue", "--bucket", LOGS, "--prefix", "AWSLogs/", "--from", "2026-11-24", "--to", "2026-11-25");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("backfill done: 4 objects listed, 1 queued, 1 already done per the ledger, "
                + "1 outside the days, 1 not log objects");

        List<String> bodies = new ArrayList<>();
        for (Message message : servers.sqs.receiveMessage(b -> b.queueUrl(servers.queueUrl("backfill-queue"))
                .maxNumberOfMessages(10)).messages()) {
            bodies.add(message.body());
        }
        assertThat(bodies).hasSize(1);
        List<S3NotificationObject> objects = new S3NotificationParser(List.of()).objectsToRead(bodies.get(0));
        assertThat(objects).singleElement().satisfies(object -> {
            assertThat(object.bucket()).isEqualTo(LOGS);
            assertThat(object.key()).as("the key with its space and plus sign").isEqualTo(wanted);
            assertThat(ObjectLedger.keyOf(object)).as("the ledger key a notification from S3 gives")
                    .isEqualTo(ObjectLedger.keyOf(new S3NotificationObject(LOGS, wanted, wantedTag, null, null)));
        });
    }

    @Test
    void aMissingBucketOrQueueOrABadDayIsOneSentence() {
        servers.createQueueWithDeadLetterQueue("backfill-errors", 5);
        Run noBucket = backfill("backfill-errors", "--bucket", "no-such-bucket");
        assertThat(noBucket.exit()).isEqualTo(2);
        assertThat(noBucket.err().strip()).isEqualTo("bedrock-monitor: --bucket no-such-bucket: no such bucket");

        servers.upload(LOGS, PREFIX + "2026/11/26/01/late.json.gz", new byte[] {1});
        Run noQueue = backfill("no-such-queue", "--bucket", LOGS, "--from", "2026-11-26");
        assertThat(noQueue.exit()).isEqualTo(2);
        assertThat(noQueue.err()).contains("queue no-such-queue does not exist").doesNotContain("Exception");

        Run badDay = backfill("backfill-errors", "--bucket", LOGS, "--from", "2026-13-01");
        assertThat(badDay.exit()).isEqualTo(2);
        assertThat(badDay.err().strip()).isEqualTo("bedrock-monitor: --from 2026-13-01 is not a day (YYYY-MM-DD)");
    }
}
