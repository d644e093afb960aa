package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.parse.AuditLogReader.Counts;
import org.junit.jupiter.api.Test;

class CloudTrailReaderTest {

    private final CloudTrailReader reader = new CloudTrailReader();

    private record Result(Counts counts, List<AuditEvent> events) {
    }

    private Result read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private Result read(InputStream in) throws IOException {
        List<AuditEvent> events = new ArrayList<>();
        Counts counts = reader.read(in, events::add);
        return new Result(counts, events);
    }

    private Result readSample(String relative) throws IOException {
        try (InputStream in = Files.newInputStream(Conformance.file(relative))) {
            return read(in);
        }
    }

    // ---- samples (src/test/resources/conformance): every value below was read from the file itself ----

    @Test
    void stratusGuardrailDeleteIsOneBareEventWithTheSiemTimeFormat() throws IOException {
        Result result = readSample("stratus-red-team/aws.defense-evasion.bedrock-guardrail-delete.json");

        assertThat(result.counts()).isEqualTo(new Counts(1, 1, 0));
        AuditEvent event = result.events().get(0);
        assertThat(event.eventName()).isEqualTo("DeleteGuardrail");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2025-03-26T16:43:57Z"));
        assertThat(event.eventId()).isEqualTo("ee73c230-44bc-4492-8542-cfb189eae287");
        assertThat(event.eventSource()).isEqualTo("bedrock.amazonaws.com");
        assertThat(event.awsRegion()).isEqualTo("us-west-2");
        assertThat(event.accountId()).isEqualTo("847129010505");
        assertThat(event.principalArn())
                .isEqualTo("arn:aws:sts::847129010505:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/ariel.ropek");
        assertThat(event.principalType()).isEqualTo("AssumedRole");
        assertThat(event.sourceIp()).isEqualTo("8.1.250.216");
        assertThat(event.userAgent()).isEqualTo("stratus-red-team_a007fa03-86e2-4130-be03-ee7b7b10edcc");
        assertThat(event.errorCode()).isNull();
        assertThat(event.modelId()).isNull();
        assertThat(event.readOnly()).isFalse();
        assertThat(event.managementEvent()).isTrue();
        assertThat(event.loggingDeliveryEnabled()).isNull();
    }

    @Test
    void stratusLoggingDeleteIsReadWithItsNanosecondTime() throws IOException {
        Result result = readSample("stratus-red-team/aws.defense-evasion.bedrock-model-invocation-logging-delete.json");

        assertThat(result.counts()).isEqualTo(new Counts(1, 1, 0));
        AuditEvent event = result.events().get(0);
        assertThat(event.eventName()).isEqualTo("DeleteModelInvocationLoggingConfiguration");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2025-03-26T17:22:33Z"));
        assertThat(event.principalArn())
                .isEqualTo("arn:aws:sts::847129010505:assumed-role/AWSReservedSSO_DevAdmin_635426549a280cc6/ariel.ropek");
        assertThat(event.sourceIp()).isEqualTo("8.1.250.216");
        assertThat(event.errorCode()).isNull();
        assertThat(event.modelId()).isNull();
    }

    @Test
    void stratusInvokeModelIsAJsonArrayOfFifteenEvents() throws IOException {
        Result result = readSample("stratus-red-team/aws.impact.bedrock-invoke-model.json");

        assertThat(result.counts()).isEqualTo(new Counts(15, 15, 0));
        Map<String, Long> names = result.events().stream()
                .collect(Collectors.groupingBy(AuditEvent::eventName, TreeMap::new, Collectors.counting()));
        assertThat(names).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "CreateFoundationModelAgreement", 1L,
                "GetFoundationModelAvailability", 10L,
                "InvokeModel", 1L,
                "ListFoundationModelAgreementOffers", 1L,
                "PutFoundationModelEntitlement", 1L,
                "PutUseCaseForModelAccess", 1L)));
        assertThat(result.events()).allSatisfy(event -> {
            assertThat(event.principalArn()).isEqualTo("arn:aws:sts::494659789341:assumed-role/test-role/cli");
            assertThat(event.principalType()).isEqualTo("AssumedRole");
            assertThat(event.sourceIp()).isEqualTo("035.249.253.232");
            assertThat(event.accountId()).isEqualTo("494659789341");
            assertThat(event.awsRegion()).isEqualTo("megov-northeast-1r");
            assertThat(event.errorCode()).isNull();
        });
        AuditEvent first = result.events().get(0);
        assertThat(first.eventName()).isEqualTo("PutFoundationModelEntitlement");
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2024-10-17T20:09:52Z"));
        assertThat(first.modelId()).isEqualTo("anthropic.claude-3-sonnet-20240229-v1:0");
        assertThat(first.readOnly()).isFalse();
        AuditEvent useCase = result.events().get(1);
        assertThat(useCase.eventName()).isEqualTo("PutUseCaseForModelAccess");
        assertThat(useCase.modelId()).as("requestParameters is null").isNull();
        AuditEvent invoke = result.events().get(2);
        assertThat(invoke.eventName()).isEqualTo("InvokeModel");
        assertThat(invoke.eventTime()).isEqualTo(Instant.parse("2024-10-17T20:11:24Z"));
        assertThat(invoke.modelId()).isEqualTo("anthropic.claude-3-sonnet-20240229-v1:0");
        assertThat(invoke.readOnly()).isTrue();
    }

    @Test
    void sumoLogicInvokeModelSample() throws IOException {
        Result result = readSample("sumologic-documentation/cloudtrail-bedrock-invokemodel.json");

        assertThat(result.counts()).isEqualTo(new Counts(1, 1, 0));
        AuditEvent event = result.events().get(0);
        assertThat(event.eventName()).isEqualTo("InvokeModel");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-10-01T11:52:37Z"));
        assertThat(event.principalArn()).isEqualTo("arn:aws:iam::956882123456:user/himan");
        assertThat(event.principalType()).isEqualTo("IAMUser");
        assertThat(event.sourceIp()).isEqualTo("182.70.74.235");
        assertThat(event.accountId()).isEqualTo("956882123456");
        assertThat(event.modelId()).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
        assertThat(event.userAgent()).startsWith("Boto3/1.34.162 md/Botocore#1.34.162");
        assertThat(event.eventId()).isEqualTo("a8d388e2-3111-44bf-b78f-b0e263dc3d25");
        assertThat(event.errorCode()).isNull();
        assertThat(event.readOnly()).isTrue();
    }

    @Test
    void aBareEventOnOneLineIsRead() throws IOException {
        Result result = readSample("written/cloudtrail-converse-bare-event.json");

        assertThat(result.counts()).isEqualTo(new Counts(1, 1, 0));
        AuditEvent event = result.events().get(0);
        assertThat(event.eventName()).isEqualTo("Converse");
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2024-10-08T07:58:21Z"));
        assertThat(event.principalArn())
                .isEqualTo("arn:aws:sts::444455556666:assumed-role/report-builder-instance-role/i-0a1b2c3d4e5f60718");
        assertThat(event.sourceIp()).isEqualTo("198.51.100.23");
        assertThat(event.accountId()).isEqualTo("444455556666");
        assertThat(event.modelId()).isEqualTo("anthropic.claude-3-5-sonnet-20240620-v1:0");
        assertThat(event.errorCode()).isNull();
    }

    @Test
    void logFileEnvelopesOfOtherServicesAreReadButHoldNoBedrockEvent() throws IOException {
        assertThat(readSample("written/cloudtrail-envelope-ec2-startinstances.json").counts())
                .isEqualTo(new Counts(1, 0, 0));
        assertThat(readSample("written/cloudtrail-envelope-error-trailnotfound.json").counts())
                .isEqualTo(new Counts(1, 0, 0));
    }

    @Test
    void allSamplesConcatenatedReadAsOneStreamOfMixedShapes() throws IOException {
        List<String> samples = List.of(
                "written/cloudtrail-envelope-ec2-startinstances.json",
                "stratus-red-team/aws.impact.bedrock-invoke-model.json",
                "stratus-red-team/aws.defense-evasion.bedrock-guardrail-delete.json",
                "written/cloudtrail-converse-bare-event.json",
                "written/cloudtrail-envelope-error-trailnotfound.json",
                "sumologic-documentation/cloudtrail-bedrock-invokemodel.json");
        List<InputStream> parts = new ArrayList<>();
        for (String sample : samples) {
            parts.add(new ByteArrayInputStream(Files.readAllBytes(Conformance.file(sample))));
            parts.add(new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8)));
        }
        Result result = read(new SequenceInputStream(Collections.enumeration(parts)));

        assertThat(result.counts()).isEqualTo(new Counts(20, 18, 0));
        assertThat(result.events()).extracting(AuditEvent::eventName).contains("DeleteGuardrail", "Converse", "InvokeModel");
    }

    // ---- generated files ----

    @Test
    void recordsEnvelopeWithRecordsNotFirstKeepsBedrockEventsOnly() throws IOException {
        ObjectNode file = Json.MAPPER.createObjectNode();
        file.put("digest", "ignored").putObject("meta").put("nested", true);
        ArrayNode records = file.putArray("Records");
        records.add(CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").requestModel("amazon.nova-lite-v1:0").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:01Z", "PutObject").source("s3.amazonaws.com").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:02Z", "Converse").failing("AccessDeniedException").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:03Z", "AssumeRole").source("sts.amazonaws.com").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:04Z", "InvokeAgent").source("bedrock-agent-runtime.amazonaws.com").node());
        file.put("trailer", "after Records");

        Result result = read(Json.MAPPER.writeValueAsBytes(file));

        assertThat(result.counts()).isEqualTo(new Counts(5, 3, 0));
        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("InvokeModel", "Converse", "InvokeAgent");
        assertThat(result.events().get(0).modelId()).isEqualTo("amazon.nova-lite-v1:0");
        assertThat(result.events().get(1).errorCode()).isEqualTo("AccessDeniedException");
        assertThat(result.events().get(1).failed()).isTrue();
    }

    @Test
    void oddEventTimeFormatsAreAllRead() throws IOException {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z");
        formats.put("2026-03-02T12:00:00+02:00", "2026-03-02T10:00:00Z");
        formats.put("2026-03-02T05:30:00-0430", "2026-03-02T10:00:00Z");
        formats.put("2026-03-02T10:00:00.123Z", "2026-03-02T10:00:00.123Z");
        formats.put("2026-03-02 10:00:00.000000000", "2026-03-02T10:00:00Z");
        formats.put("2026-03-02 10:00:00", "2026-03-02T10:00:00Z");
        formats.put("2026-03-02T10:00:00.123456789", "2026-03-02T10:00:00.123456789Z");
        StringBuilder lines = new StringBuilder();
        formats.keySet().forEach(time -> lines.append(CloudTrailJson.event(time, "InvokeModel").node()).append('\n'));

        Result result = read(lines.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(result.counts()).isEqualTo(new Counts(formats.size(), formats.size(), 0));
        assertThat(result.events()).extracting(AuditEvent::eventTime)
                .containsExactlyElementsOf(formats.values().stream().map(Instant::parse).toList());
    }

    @Test
    void prettyPrintedBareEventsFollowOneAnother() throws IOException {
        String text = Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(CloudTrailJson.event("2026-03-02T10:00:00Z", "CreateGuardrail").node())
                + "\n" + Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(CloudTrailJson.event("2026-03-02T10:01:00Z", "DeleteGuardrail").node());

        Result result = read(text.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("CreateGuardrail", "DeleteGuardrail");
    }

    @Test
    void malformedEventsAreRejectedAndTheRestFlowsOn() throws IOException {
        ObjectNode file = Json.MAPPER.createObjectNode();
        ArrayNode records = file.putArray("Records");
        records.add(CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").node());
        records.add(42);
        records.add(CloudTrailJson.event("yesterday at noon", "InvokeModel").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:02Z", "InvokeModel").without("eventSource").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:03Z", "InvokeModel").without("eventName").node());
        records.add(CloudTrailJson.event("2026-03-02T10:00:04Z", "Converse").node());

        Result result = read(Json.MAPPER.writeValueAsBytes(file));

        assertThat(result.counts()).isEqualTo(new Counts(6, 2, 4));
        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("InvokeModel", "Converse");
    }

    @Test
    void aTruncatedFileKeepsTheEventsBeforeTheCutAndRejectsTheBrokenOne() throws IOException {
        ObjectNode file = Json.MAPPER.createObjectNode();
        ArrayNode records = file.putArray("Records");
        for (int i = 0; i < 3; i++) {
            records.add(CloudTrailJson.event("2026-03-02T10:00:0" + i + "Z", "InvokeModel").node());
        }
        byte[] whole = Json.MAPPER.writeValueAsBytes(file);
        String text = new String(whole, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf("\"eventName\"");
        byte[] truncated = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);

        Result result = read(truncated);

        assertThat(result.counts()).isEqualTo(new Counts(3, 2, 1));
        assertThat(result.events()).hasSize(2);
    }

    @Test
    void inASequenceOfBareEventsReadingResumesAfterBrokenSyntax() throws IOException {
        String good = CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").node().toString();
        String cut = good.substring(0, good.length() / 2);
        String lines = String.join("\n",
                good,
                cut,
                CloudTrailJson.event("2026-03-02T10:00:01Z", "Converse").node().toString(),
                "this line is not JSON",
                "]",
                CloudTrailJson.event("2026-03-02T10:00:02Z", "ConverseStream").node().toString(),
                "{\"eventSource\":\"bedrock.amazonaws.com\",\"eventName\":\"Invoke",
                CloudTrailJson.event("2026-03-02T10:00:03Z", "InvokeModelWithResponseStream").node().toString());

        Result result = read(lines.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).extracting(AuditEvent::eventName)
                .containsExactly("InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream");
        // the cut event, the two lines of garbage (one broken stretch up to the next line opening an event), the last cut event
        assertThat(result.counts()).isEqualTo(new Counts(7, 4, 3));
    }

    @Test
    void aPrettyPrintedEventMissingItsEndDoesNotTakeTheNextOneWithIt() throws IOException {
        String pretty = Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(CloudTrailJson.event("2026-03-02T10:00:00Z", "CreateGuardrail").node());
        String unclosed = pretty.substring(0, pretty.lastIndexOf('}')).stripTrailing() + ",";
        String text = unclosed + "\n" + Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(CloudTrailJson.event("2026-03-02T10:01:00Z", "DeleteGuardrail").node());

        Result result = read(text.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).extracting(AuditEvent::eventName).containsExactly("DeleteGuardrail");
        assertThat(result.counts()).isEqualTo(new Counts(2, 1, 1));
    }

    @Test
    void resumingWorksFarIntoALongStream() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String event = CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").node().toString();
            lines.append(i % 1000 == 999 ? event.substring(0, 200) : event).append('\n');
        }

        Result result = read(lines.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(lines.length()).isGreaterThan(4 * RewindableInput.RETAINED);
        assertThat(result.counts()).isEqualTo(new Counts(3000, 2997, 3));
    }

    @Test
    void identitiesWithoutArnAndControlPlaneModelFields() throws IOException {
        String lines = String.join("\n",
                CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").serviceIdentity("bedrock.amazonaws.com").node().toString(),
                CloudTrailJson.event("2026-03-02T10:00:01Z", "GetCustomModel").accountIdentity("444455556666")
                        .requestField("modelIdentifier", "arn:aws:bedrock:us-east-1:111122223333:custom-model/abc").node().toString(),
                CloudTrailJson.event("2026-03-02T10:00:02Z", "CreateProvisionedModelThroughput")
                        .requestField("modelArn", "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1").node().toString());

        Result result = read(lines.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).extracting(AuditEvent::principalArn)
                .containsExactly("bedrock.amazonaws.com", "account:444455556666", CloudTrailJson.PRINCIPAL);
        assertThat(result.events()).extracting(AuditEvent::principalType).containsExactly("AWSService", "AWSAccount", "IAMUser");
        assertThat(result.events()).extracting(AuditEvent::modelId).containsExactly(
                CloudTrailJson.MODEL,
                "arn:aws:bedrock:us-east-1:111122223333:custom-model/abc",
                "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1");
    }

    @Test
    void loggingConfigurationChangesSayWhetherDeliveryStaysOn() throws IOException {
        String lines = String.join("\n",
                CloudTrailJson.putLogging("2026-03-02T10:00:00Z", "{\"loggingConfig\":{\"s3Config\":{\"bucketName\":\"logs\"},\"textDataDeliveryEnabled\":true}}"),
                CloudTrailJson.putLogging("2026-03-02T10:00:01Z", "{\"loggingConfig\":{\"textDataDeliveryEnabled\":true}}"),
                CloudTrailJson.putLogging("2026-03-02T10:00:02Z", "{\"loggingConfig\":{\"cloudWatchConfig\":{\"logGroupName\":\"g\"},"
                        + "\"textDataDeliveryEnabled\":false,\"imageDataDeliveryEnabled\":false,\"embeddingDataDeliveryEnabled\":false}}"),
                CloudTrailJson.putLogging("2026-03-02T10:00:03Z", "null"),
                CloudTrailJson.event("2026-03-02T10:00:04Z", "InvokeModel").node().toString());

        Result result = read(lines.getBytes(StandardCharsets.UTF_8));

        assertThat(result.events()).extracting(AuditEvent::loggingDeliveryEnabled).containsExactly(true, false, false, null, null);
    }

    @Test
    void twoHundredThousandEventsStreamWithBoundedMemory() throws IOException {
        int events = 200_000;
        GeneratedRecordsStream stream = new GeneratedRecordsStream(events);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long[] peakGrowth = {0};
        long[] delivered = {0};
        long started = System.nanoTime();

        Counts counts = reader.read(stream, event -> {
            if (++delivered[0] % 50_000 == 0) {
                System.gc();
                peakGrowth[0] = Math.max(peakGrowth[0], memory.getHeapMemoryUsage().getUsed() - baseline);
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(counts).isEqualTo(new Counts(events, events - events / 4, 0));
        assertThat(stream.bytesServed()).isGreaterThan(100L * 1024 * 1024);
        assertThat(peakGrowth[0]).as("heap growth while streaming %d MB", stream.bytesServed() >> 20)
                .isLessThan(32L * 1024 * 1024);
        System.out.printf("streamed %d events (%d MB) in %.1f s, %.0f events/s, peak heap growth %d KB%n",
                events, stream.bytesServed() >> 20, seconds, events / seconds, peakGrowth[0] >> 10);
    }

    /** A {@code {"Records":[...]}} file produced on demand: only one event's bytes exist at a time. */
    private static final class GeneratedRecordsStream extends InputStream {
        private static final String PADDING = "x".repeat(300);
        private final int events;
        private int next;
        private byte[] chunk = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);
        private int position;
        private long served;
        private boolean closed;

        GeneratedRecordsStream(int events) {
            this.events = events;
        }

        long bytesServed() {
            return served;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == chunk.length && !advance()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            served += n;
            return n;
        }

        private boolean advance() {
            if (next < events) {
                String source = next % 4 == 3 ? "s3.amazonaws.com" : "bedrock.amazonaws.com";
                String event = ("%s{\"eventVersion\":\"1.10\",\"eventTime\":\"2026-03-02T%02d:%02d:%02dZ\","
                        + "\"eventSource\":\"%s\",\"eventName\":\"InvokeModel\",\"eventID\":\"e-%d\","
                        + "\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/app/%d\"},"
                        + "\"sourceIPAddress\":\"10.0.%d.%d\",\"userAgent\":\"Boto3/1.35.50\","
                        + "\"requestParameters\":{\"modelId\":\"amazon.nova-lite-v1:0\"},\"additionalEventData\":{\"padding\":\"%s\"}}")
                        .formatted(next == 0 ? "" : ",", next / 3600 % 24, next / 60 % 60, next % 60, source, next,
                                next % 50, next / 256 % 256, next % 256, PADDING);
                chunk = event.getBytes(StandardCharsets.UTF_8);
                next++;
            } else if (!closed) {
                chunk = "]}".getBytes(StandardCharsets.UTF_8);
                closed = true;
            } else {
                return false;
            }
            position = 0;
            return true;
        }
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        byte[] event = CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").node().toString().getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[event.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(event, 0, withBom, 3, event.length);

        assertThat(read(withBom).counts()).isEqualTo(new Counts(1, 1, 0));
    }

    @Test
    void emptyStreamReadsNothing() throws IOException {
        assertThat(read(new byte[0]).counts()).isEqualTo(new Counts(0, 0, 0));
    }

    @Test
    void theCallersStreamIsLeftOpen() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(CloudTrailJson.event("2026-03-02T10:00:00Z", "InvokeModel").node().toString()
                .getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        read(in);
        assertThat(closed[0]).isFalse();
    }
}
