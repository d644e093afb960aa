package org.bedrockmonitor.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bedrockmonitor.ingest.S3Notification;
import org.bedrockmonitor.ingest.S3NotificationObject;
import org.bedrockmonitor.ingest.S3NotificationParser;
import org.bedrockmonitor.parse.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every S3, SNS and EventBridge message of the conformance samples, with the bucket and key each names. */
class S3NotificationParserTest {

    static final Path CONFORMANCE = Conformance.dir();
    final S3NotificationParser parser = new S3NotificationParser(List.of());

    static Stream<Arguments> conformanceFiles() {
        return Stream.of(
                created("aws-lambda-go/s3-event.json", "sourcebucket", "Happy Face.jpg", "d41d8cd98f00b204e9800998ecf8427e", "version"),
                created("aws-lambda-go/s3-event-with-decoded.json", "sourcebucket", "Happy Face.jpg", "d41d8cd98f00b204e9800998ecf8427e", "version"),
                ignored("aws-lambda-go/s3-lifecycle-event.json", "s3:LifecycleTransition"),
                ignored("aws-lambda-go/sns-event.json", "not JSON"),
                ignored("aws-lambda-go/sqs-event.json", "not JSON"),
                created("powertools-lambda-python/s3Event.json", "lambda-artifacts-deafc19498e3f2df", "b21b84d653bb07b05b1e6b33684dc11b", "b21b84d653bb07b05b1e6b33684dc11b", null),
                created("powertools-lambda-python/s3EventBridgeNotificationObjectCreatedEvent.json", "example-bucket", "IMG_m7fzo3.jpg", "4e68adba0abe2dc8653dc3354e14c01d", null),
                ignored("powertools-lambda-python/s3EventBridgeNotificationObjectDeletedEvent.json", "Object Deleted"),
                created("powertools-lambda-python/s3EventDecodedKey.json", "sourcebucket", "Happy Face.jpg", "d41d8cd98f00b204e9800998ecf8427e", "version"),
                ignored("powertools-lambda-python/s3EventDeleteObject.json", "ObjectRemoved:Delete"),
                created("powertools-lambda-python/s3SqsEvent.json", "xxx", "test.pdf", "2e3ad1e983318bbd8e73b080e2997980", "yd3d4HaWOT2zguDLvIQLU6ptDTwKBnQV"),
                ignored("powertools-lambda-python/snsSqsEvent.json", "not an S3, SNS or EventBridge notification"),
                created("powertools-lambda-python/unwrap-branch_eventbridge-s3-object-created.json", "s3-eb-unwrap-sourcebucket-7mop1gqlyrzu", "s3-eb-template.yaml", "e56e21b1610dd94e9907f82b8d05b934", null),
                created("powertools-lambda-python/unwrap-branch_sns-lambda-event_s3-put.json", "s3-sns-unwrap-bucket-683517028648", "samconfig.toml", "551277913a5ad93e0db069e673f23376", null),
                created("powertools-lambda-python/unwrap-branch_sqs-body_eventbridge-s3-object-created.json", "s3-eb-unwrap-sourcebucket-7mop1gqlyrzu", "__init__.py", "d41d8cd98f00b204e9800998ecf8427e", null),
                created("powertools-lambda-python/unwrap-branch_sqs-body_raw-sns-s3-put.json", "unwraptestevents-bucket-683517028648", "samconfig.toml", "9cc7da5febb07868706f59ab70d89981", null),
                created("powertools-lambda-python/unwrap-branch_sqs-body_s3-put.json", "sqs-s3-unwrap-bucket-683517028648", "samconfig.toml", "8f6c039f567cc53694be2a275e452743", null),
                created("powertools-lambda-python/unwrap-branch_sqs-body_sns-wrapped-s3-put.json", "unwraptestevents-bucket-683517028648", "firehose-s3-template.json", "e77dffcd1756d6e8e5123ef1e0ce7c54", null),
                created("powertools-lambda-python/unwrap-branch_sqs-lambda-event_eventbridge-s3-object-created.json", "s3-eb-unwrap-sourcebucket-7mop1gqlyrzu", "__init__.py", "d41d8cd98f00b204e9800998ecf8427e", null),
                created("powertools-lambda-python/unwrap-branch_sqs-lambda-event_raw-sns-s3-put.json", "unwraptestevents-bucket-683517028648", "samconfig.toml", "9cc7da5febb07868706f59ab70d89981", null),
                created("powertools-lambda-python/unwrap-branch_sqs-lambda-event_s3-put.json", "sqs-s3-unwrap-bucket-683517028648", "samconfig.toml", "8f6c039f567cc53694be2a275e452743", null),
                created("powertools-lambda-python/unwrap-branch_sqs-lambda-event_sns-wrapped-s3-put.json", "unwraptestevents-bucket-683517028648", "firehose-s3-template.json", "e77dffcd1756d6e8e5123ef1e0ce7c54", null),
                created("sekoia-automation-library/sqs-body-s3-objectcreated-put-cloudtrail-key-1.json", "aws-cloudtrail-111111111111-3abc4c4f",
                        "AWSLogs/111111111111/CloudTrail/eu-west-2/2022/02/21/111111111111_CloudTrail_eu-west-2_20220221T1020Z_nTGkKkyO0OcwEIvv.json.gz", "0cdef8885755dff42b6fbd91732ae506", null),
                created("sekoia-automation-library/sqs-body-s3-objectcreated-put-cloudtrail-key-2.json", "aws-cloudtrail-111111111111-3abc4c4f",
                        "AWSLogs/111111111111/CloudTrail/eu-west-2/2022/02/21/111111111111_CloudTrail_eu-west-2_20220221T1055Z_YhegGgxhib9WTAx8.json.gz", "54a88e9fdedaeda828710cd3ad23a83c", null),
                ignored("sekoia-automation-library/sqs-body-s3-testevent.json", "s3:TestEvent"),
                created("written/s3-eventbridge-object-created.json", "example-invocation-logs",
                        "AWSLogs/666677778888/BedrockModelInvocationLogs/eu-north-1/2024/03/19/12/20240319T123000Z_0a1b2c3d4e5f6071.json.gz",
                        "9a0364b9e99bb480dd25e1f0284c8555", "Wq7Ex3mpleVersionId.0001"),
                ignored("written/s3-eventbridge-object-deleted.json", "Object Deleted"));
    }

    static Arguments created(String file, String bucket, String key, String eTag, String versionId) {
        return Arguments.of(file, java.util.Collections.singletonList(new String[] {bucket, key, eTag, versionId}), null);
    }

    static Arguments ignored(String file, String reason) {
        return Arguments.of(file, List.of(), reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conformanceFiles")
    void readsTheObjectsEachConformanceMessageNames(String file, List<String[]> expected, String ignoredReason)
            throws IOException {
        S3Notification notification = parser.parse(Files.readString(CONFORMANCE.resolve(file)));

        assertThat(notification.objects()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            S3NotificationObject object = notification.objects().get(i);
            assertThat(new String[] {object.bucket(), object.key(), object.eTag(), object.versionId()})
                    .containsExactly(expected.get(i));
        }
        if (ignoredReason != null) {
            assertThat(notification.ignored()).anySatisfy(reason -> assertThat(reason).contains(ignoredReason));
        }
    }

    @Test
    void everyS3SnsOrEventBridgeFileOfTheConformanceSetIsCovered() throws IOException {
        List<String> covered = conformanceFiles().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Stream.of("aws-lambda-go", "powertools-lambda-python", "sekoia-automation-library", "written")
                .flatMap(dir -> list(CONFORMANCE.resolve(dir)))) {
            List<String> messages = files
                    .filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("cloudtrail-"))
                    .filter(p -> !p.getFileName().toString().toLowerCase().startsWith("cloudwatch"))
                    .map(p -> CONFORMANCE.relativize(p).toString()).toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(messages);
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void decodesFormStyleKeysAndReadsEveryRecordOfAMessage() {
        String event = """
                {"Records":[
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"logs"},"object":{"key":"AWSLogs/a+b%3Dc.json.gz","size":12,"eTag":"e1"}}},
                 {"eventName":"ObjectCreated:CompleteMultipartUpload","s3":{"bucket":{"name":"logs"},"object":{"key":"AWSLogs/x%2By.json","eTag":"e2"}}},
                 {"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"logs"},"object":{"key":"AWSLogs/gone.json"}}}]}""";

        S3Notification notification = parser.parse(event);

        assertThat(notification.objects()).extracting(S3NotificationObject::key)
                .containsExactly("AWSLogs/a b=c.json.gz", "AWSLogs/x+y.json");
        assertThat(notification.objects().get(0).size()).isEqualTo(12L);
        assertThat(notification.ignored()).containsExactly("ObjectRemoved:Delete s3://logs/AWSLogs/gone.json");
    }

    @Test
    void eventBridgeKeysAreTakenAsTheyAre() {
        String event = """
                {"source":"aws.s3","detail-type":"Object Created","detail":{"bucket":{"name":"b"},"object":{"key":"a+b%20c","etag":"e"}}}""";

        assertThat(parser.parse(event).objects()).extracting(S3NotificationObject::key).containsExactly("a+b%20c");
    }

    @Test
    void keysOutsideThePrefixesAndOffloadedBodiesAreAcknowledgedUnread() {
        S3NotificationParser scoped = new S3NotificationParser(List.of("AWSLogs/"));
        String event = """
                {"Records":[
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"other/x.json"}}},
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"AWSLogs/1/BedrockModelInvocationLogs/us-east-1/2024/01/01/10/data/body.json.gz"}}},
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"AWSLogs/1/BedrockModelInvocationLogs/us-east-1/2024/01/01/10/log.json.gz"}}}]}""";

        S3Notification notification = scoped.parse(event);

        assertThat(notification.objects()).extracting(S3NotificationObject::key)
                .containsExactly("AWSLogs/1/BedrockModelInvocationLogs/us-east-1/2024/01/01/10/log.json.gz");
        assertThat(notification.ignored()).hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("outside the configured prefixes"))
                .anySatisfy(r -> assertThat(r).startsWith("offloaded request/response body"));
    }

    @Test
    void garbageIsIgnoredNotThrown() {
        assertThat(parser.parse("not json {").objects()).isEmpty();
        assertThat(parser.parse("[1,2]").ignored()).containsExactly("not a JSON object: not an S3 notification");
        assertThat(parser.parse("{\"Records\":[{\"foo\":1}]}").ignored()).containsExactly("record is not an S3 event record");
    }
}
