package org.bedrockmonitor.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.RollupCodec;
import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.parse.AuditEvent;

/**
 * Rollups of November 2026 with known numbers. Costs are computed from {@link #PRICES} the way the
 * pricing box does, so every expected figure in the tests follows from the token counts below.
 * A hostile log value ({@link #XSS}) appears as a model id, principal, application tag, user agent,
 * source IP and alert text.
 */
final class ReportFixtures {

    static final String XSS = "<script>alert(1)</script>";
    static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String APP_ROLE = "arn:aws:iam::123456789012:role/chatbot";
    static final String BATCH_ROLE = "arn:aws:iam::123456789012:role/nightly-batch";
    static final String OLD_ROLE = "arn:aws:iam::123456789012:role/reporting";
    static final String ADMIN = "arn:aws:iam::123456789012:user/admin";

    static final PriceLookup.ModelPrice SONNET_PRICE = new PriceLookup.ModelPrice(0.003, 0.015, 0.0003, 0.00375);
    static final PriceLookup.ModelPrice HAIKU_PRICE = new PriceLookup.ModelPrice(0.00025, 0.00125, 0.00003, 0.0003);
    static final Map<String, PriceLookup.ModelPrice> PRICE_TABLE = Map.of(SONNET, SONNET_PRICE, HAIKU, HAIKU_PRICE);
    static final PriceLookup PRICES = PRICE_TABLE::get;

    /** Token profile of every Sonnet row: 100k input, 20k output, 200k cache read, 10k cache write. */
    static final double SONNET_ROW_COST = SONNET_PRICE.costUsd(100_000, 20_000, 200_000, 10_000);
    static final double HAIKU_ROW_COST = HAIKU_PRICE.costUsd(400_000, 40_000, 0, 0);

    static final ZoneId UTC = ZoneId.of("UTC");
    static final LocalDate TECHNICAL_DAY = LocalDate.of(2026, 11, 18);
    static final LocalDate WEEK_START = LocalDate.of(2026, 11, 16);

    private ReportFixtures() {
    }

    static ReportSettings settings() {
        return new ReportSettings("prod", UTC, 100.0, 0.99, 5000, 1500, 10,
                Map.of(SONNET, HAIKU), 0.5, 0.3, 99.9);
    }

    static Period day() {
        return Period.of(TECHNICAL_DAY, TECHNICAL_DAY.plusDays(1), UTC);
    }

    static Period week() {
        return Period.of(WEEK_START, WEEK_START.plusWeeks(1), UTC);
    }

    static Period month() {
        return Period.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1), UTC);
    }

    /** R1, R2 (technical day, Sonnet), R3 (same day, hostile unpriced model), R4 (same week, Haiku, untagged), R5 (week before), R6 (early November). */
    static List<WindowStats> windows() {
        Stats r1 = sonnet();
        r1.errors = 2;
        r1.throttles = 5;
        r1.invocations = 100;
        r1.errorCodes.put("ValidationException", 2L);
        r1.errorCodes.put("ThrottlingException", 5L);
        r1.guardrailInterventions = 1;
        r1.latencyMs.add(200, 100);
        r1.timeToFirstTokenMs.add(50, 100);

        Stats r2 = sonnet();
        r2.invocations = 100;
        r2.errors = 2;
        r2.serverErrors = 1;
        r2.throttles = 5;
        r2.errorCodes.put("ValidationException", 1L);
        r2.errorCodes.put("InternalServerException", 1L);
        r2.errorCodes.put("ThrottlingException", 5L);
        r2.guardrailInterventions = 2;
        r2.latencyMs.add(300, 95);
        r2.latencyMs.add(6000, 5);
        r2.timeToFirstTokenMs.add(80, 100);

        Stats r3 = new Stats();
        r3.invocations = 10;
        r3.inputTokens = 1_000;
        r3.outputTokens = 100;
        r3.latencyMs.add(250, 10);

        Stats r4 = new Stats();
        r4.invocations = 50;
        r4.inputTokens = 400_000;
        r4.outputTokens = 40_000;
        r4.costUsd = HAIKU_ROW_COST;
        r4.latencyMs.add(400, 50);

        Stats r5 = sonnet();
        r5.invocations = 100;
        r5.latencyMs.add(200, 100);

        Stats r6 = sonnet();
        r6.invocations = 40;

        return List.of(
                new WindowStats(at(TECHNICAL_DAY, 10, 0), 300, SONNET, APP_ROLE, "chatbot", true, r1),
                new WindowStats(at(TECHNICAL_DAY, 10, 5), 300, SONNET, APP_ROLE, "chatbot", true, r2),
                new WindowStats(at(TECHNICAL_DAY, 14, 0), 300, XSS, XSS, XSS, false, r3),
                new WindowStats(at(LocalDate.of(2026, 11, 20), 9, 0), 300, HAIKU, BATCH_ROLE, "", true, r4),
                new WindowStats(at(LocalDate.of(2026, 11, 11), 8, 0), 300, SONNET, APP_ROLE, "chatbot", true, r5),
                new WindowStats(at(LocalDate.of(2026, 11, 2), 8, 0), 300, SONNET, OLD_ROLE, "reporting", true, r6));
    }

    private static Stats sonnet() {
        Stats s = new Stats();
        s.inputTokens = 100_000;
        s.outputTokens = 20_000;
        s.cacheReadTokens = 200_000;
        s.cacheWriteTokens = 10_000;
        s.costUsd = SONNET_ROW_COST;
        return s;
    }

    /** Week of 16 Nov: 1 ok runtime call, 3 denied calls from the hostile principal, a logging deletion, a guardrail creation, a root call; one event the week before. */
    static List<AuditEvent> auditEvents() {
        return List.of(
                audit("e1", at(LocalDate.of(2026, 11, 17), 9, 0), "InvokeModel", APP_ROLE, "AssumedRole", "10.0.0.1",
                        "Boto3/1.34.0 md/Botocore#1.34.0", null, SONNET, true, false),
                audit("e2", at(TECHNICAL_DAY, 11, 0), "InvokeModel", XSS, "IAMUser", XSS, XSS, "AccessDenied", XSS, true, false),
                audit("e3", at(TECHNICAL_DAY, 11, 1), "InvokeModel", XSS, "IAMUser", XSS, XSS, "AccessDenied", XSS, true, false),
                audit("e4", at(TECHNICAL_DAY, 11, 2), "InvokeModel", XSS, "IAMUser", XSS, XSS, "AccessDenied", XSS, true, false),
                audit("e5", at(LocalDate.of(2026, 11, 19), 12, 0), "DeleteModelInvocationLoggingConfiguration", ADMIN, "IAMUser",
                        "198.51.100.7", "aws-cli/2.15.0 Python/3.11", null, null, false, true),
                audit("e6", at(LocalDate.of(2026, 11, 19), 12, 5), "CreateGuardrail", ADMIN, "IAMUser",
                        "198.51.100.7", "signin.amazonaws.com", null, null, false, true),
                audit("e7", at(LocalDate.of(2026, 11, 20), 7, 30), "ListFoundationModels", "arn:aws:iam::123456789012:root", "Root",
                        "192.0.2.44", "console.amazonaws.com", null, null, true, true),
                audit("e0", at(LocalDate.of(2026, 11, 10), 7, 30), "InvokeModel", APP_ROLE, "AssumedRole",
                        "10.0.0.1", "Boto3/1.34.0", null, SONNET, true, false));
    }

    static List<Alert> alerts() {
        return List.of(new Alert("a1", "error-rate", Alert.Severity.CRITICAL, XSS, XSS,
                new Alert.Window(at(TECHNICAL_DAY, 10, 0), at(TECHNICAL_DAY, 10, 10)), 0.07, 0.05,
                "error rate 7.0% over 5.0% for " + XSS));
    }

    static Rollups rollups() {
        return Rollups.of(windows(), auditEvents());
    }

    /**
     * Writes the fixture as the window store does: {@code <dir>/<yyyy-MM-dd>/<HH>/<key>.jsonl}, one file
     * per window row and one per audit event, plus a file holding a broken line and a line of a kind this
     * version does not know.
     */
    static void writeRollups(Path dir) throws IOException {
        int n = 0;
        for (WindowStats row : windows()) {
            Path file = hourFolder(dir, row.windowStart()).resolve("object-" + n++ + ".jsonl");
            Files.createDirectories(file.getParent());
            Files.writeString(file, RollupCodec.encode(row) + "\n");
        }
        for (AuditEvent event : auditEvents()) {
            Path file = hourFolder(dir, event.eventTime()).resolve("trail-" + n++ + ".jsonl");
            Files.createDirectories(file.getParent());
            Files.writeString(file, RollupCodec.encode(event) + "\n");
        }
        Path odd = hourFolder(dir, at(TECHNICAL_DAY, 0, 0)).resolve("odd.jsonl");
        Files.createDirectories(odd.getParent());
        Files.writeString(odd, "{\"kind\":\"sample\",\"future\":true}\n{not json\n");
    }

    private static Path hourFolder(Path dir, Instant at) {
        return dir.resolve(LocalDate.ofInstant(at, ZoneOffset.UTC).toString())
                .resolve(String.format("%02d", at.atZone(ZoneOffset.UTC).getHour()));
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    private static AuditEvent audit(String id, Instant time, String name, String principal, String principalType, String ip,
                                     String agent, String error, String model, boolean readOnly, boolean management) {
        return new AuditEvent(time, id, "bedrock.amazonaws.com", name, "us-east-1", "123456789012", principal, principalType,
                ip, agent, error, error == null ? null : "denied", model, readOnly, management);
    }
}
