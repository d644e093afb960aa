package org.bedrockmonitor.price;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;

import org.bedrockmonitor.parse.InvocationRecord;
import org.bedrockmonitor.parse.InvocationRecord.Billing;

/** Builds the records and tables the pricing tests need, with only the fields a rule looks at. */
final class Records {

    static final Instant T = Instant.parse("2025-11-20T10:00:00Z");

    private Instant at = T;
    private String model;
    private String region = "us-east-1";
    private String error;
    private long input;
    private long output;
    private long cacheRead;
    private long cacheWrite;
    private String requestTier;
    private String responseTier;
    private String latency;
    private long write1h;
    private boolean imageGeneration;
    private int images;
    private int width;
    private int height;
    private String quality;
    private int imagesSent;
    private Map<String, Long> guardrailUnits = Map.of();
    private boolean batch;

    static Records of(String model) {
        Records r = new Records();
        r.model = model;
        return r;
    }

    static PricingTable table(String csv) throws IOException {
        return PricingTable.read(new StringReader(csv), "t.csv", Map.of());
    }

    static PricingTable table(String csv, Map<String, String> aliases) throws IOException {
        return PricingTable.read(new StringReader(csv), "t.csv", aliases);
    }

    Records tokens(long input, long output) {
        this.input = input;
        this.output = output;
        return this;
    }

    Records cache(long read, long write) {
        this.cacheRead = read;
        this.cacheWrite = write;
        return this;
    }

    Records oneHourWrites(long tokens) {
        this.write1h = tokens;
        return this;
    }

    Records at(String instant) {
        this.at = Instant.parse(instant);
        return this;
    }

    Records region(String region) {
        this.region = region;
        return this;
    }

    Records error(String code) {
        this.error = code;
        return this;
    }

    Records requestTier(String tier) {
        this.requestTier = tier;
        return this;
    }

    Records responseTier(String tier) {
        this.responseTier = tier;
        return this;
    }

    Records latency(String latency) {
        this.latency = latency;
        return this;
    }

    Records image(int count, int width, int height, String quality) {
        this.imageGeneration = true;
        this.images = count;
        this.width = width;
        this.height = height;
        this.quality = quality;
        return this;
    }

    Records imagesSent(int count) {
        this.imagesSent = count;
        return this;
    }

    Records guardrail(Map<String, Long> units) {
        this.guardrailUnits = units;
        return this;
    }

    Records batch() {
        this.batch = true;
        return this;
    }

    InvocationRecord build() {
        return new InvocationRecord(at, "111122223333", region, "req-" + System.nanoTime(), "Converse", model,
                "arn:aws:iam::111122223333:user/u", error, input, output, cacheRead, cacheWrite, InvocationRecord.UNKNOWN,
                InvocationRecord.UNKNOWN, false, false, Map.of(),
                new Billing(requestTier, responseTier, latency, write1h, imageGeneration, images, width, height, quality,
                        imagesSent, guardrailUnits, batch));
    }
}
