package org.bedrockmonitor.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.parse.InvocationRecord;

/**
 * Seeded synthetic Bedrock traffic, already aggregated into 5-minute rollup rows: a steady, noisy day
 * (Poisson request counts with a mild daily swing, log-normal tokens and latency, about 1% throttles and
 * client errors, a rare server error) across three models and four principals. Anomalies are injected
 * by a {@link Profile} override; the override is the ground truth a scenario test asserts against.
 * Each window's rows come as two objects (split by principal) and the second object of a window arrives
 * after the first object of the next window, as late S3 objects do.
 */
final class TrafficGenerator {

    static final int WINDOW_SECONDS = 300;
    /** A Monday, so hour-of-week tests line up with calendar weeks. */
    static final Instant MONDAY = Instant.parse("2026-11-02T00:00:00Z");

    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String TITAN = "amazon.titan-text-express-v1";
    static final String OPUS = "us.anthropic.claude-3-opus-20240229-v1:0";

    static final String ALICE = "arn:aws:sts::123456789012:assumed-role/app-chat/alice";
    static final String BATCH = "arn:aws:iam::123456789012:role/batch-summariser";
    static final String SEARCH = "arn:aws:sts::123456789012:assumed-role/app-search/search-svc";
    static final String DEV = "arn:aws:iam::123456789012:user/dev-bob";

    static final Map<String, Double> MODEL_SHARE = ordered(HAIKU, 0.5, SONNET, 0.3, TITAN, 0.2);
    static final Map<String, Double> PRINCIPAL_SHARE = ordered(ALICE, 0.4, BATCH, 0.3, SEARCH, 0.2, DEV, 0.1);

    /** How one (window, model, principal) behaves; {@link #STEADY} is the clean day. */
    record Profile(double rateMultiplier, double tokenMultiplier, double latencyMultiplier, double errorProbability,
            double serverErrorProbability, double slowShare) {
        static final Profile STEADY = new Profile(1, 1, 1, 0.01, 0.0005, 0);

        Profile withRate(double m) {
            return new Profile(m, tokenMultiplier, latencyMultiplier, errorProbability, serverErrorProbability, slowShare);
        }

        Profile withTokens(double m) {
            return new Profile(rateMultiplier, m, latencyMultiplier, errorProbability, serverErrorProbability, slowShare);
        }

        Profile withLatency(double m) {
            return new Profile(rateMultiplier, tokenMultiplier, m, errorProbability, serverErrorProbability, slowShare);
        }

        Profile withErrors(double p) {
            return new Profile(rateMultiplier, tokenMultiplier, latencyMultiplier, p, serverErrorProbability, slowShare);
        }

        Profile withServerErrors(double p) {
            return new Profile(rateMultiplier, tokenMultiplier, latencyMultiplier, errorProbability, p, slowShare);
        }

        Profile withSlowShare(double share) {
            return new Profile(rateMultiplier, tokenMultiplier, latencyMultiplier, errorProbability, serverErrorProbability, share);
        }
    }

    /** An injected anomaly: the profile of one (window, model, principal), given the steady one. */
    interface Injection {
        Profile apply(Instant window, String model, String principal, Profile steady);
    }

    static final Injection NONE = (window, model, principal, steady) -> steady;

    /** Requests per window across the account at the daily mean. */
    private final double requestsPerWindow;
    private final Random random;
    private final Map<String, Double> models;
    private final Map<String, Double> principals;

    TrafficGenerator(long seed) {
        this(seed, 200, MODEL_SHARE, PRINCIPAL_SHARE);
    }

    TrafficGenerator(long seed, double requestsPerWindow, Map<String, Double> models, Map<String, Double> principals) {
        this.random = new Random(seed);
        this.requestsPerWindow = requestsPerWindow;
        this.models = models;
        this.principals = principals;
    }

    /** Source objects in arrival order: two per window, the second one arriving a window late. */
    List<List<WindowStats>> objects(Instant from, int windows, Injection injection) {
        List<List<WindowStats>> arrivals = new ArrayList<>();
        List<WindowStats> lateObject = null;
        for (int w = 0; w < windows; w++) {
            Instant start = from.plusSeconds((long) w * WINDOW_SECONDS);
            List<WindowStats> first = new ArrayList<>();
            List<WindowStats> second = new ArrayList<>();
            int p = 0;
            for (String principal : principals.keySet()) {
                for (String model : models.keySet()) {
                    WindowStats row = row(start, model, principal, injection);
                    if (row != null) {
                        (p % 2 == 0 ? first : second).add(row);
                    }
                }
                p++;
            }
            arrivals.add(first);
            if (lateObject != null) {
                arrivals.add(lateObject);
            }
            lateObject = second;
        }
        if (lateObject != null) {
            arrivals.add(lateObject);
        }
        return arrivals;
    }

    private WindowStats row(Instant start, String model, String principal, Injection injection) {
        Profile profile = injection.apply(start, model, principal, Profile.STEADY);
        double hour = (start.getEpochSecond() % 86_400) / 3600.0;
        double daily = 1 + 0.3 * Math.sin(2 * Math.PI * (hour - 8) / 24);
        double mean = requestsPerWindow * models.get(model) * principals.getOrDefault(principal, 0.1) * daily
                * profile.rateMultiplier();
        int requests = poisson(mean);
        if (requests == 0) {
            return null;
        }
        Stats stats = new Stats();
        for (int i = 0; i < requests; i++) {
            stats.add(invocation(start, model, principal, profile), 0);
        }
        stats.costUsd = stats.inputTokens * 0.003 / 1000 + stats.outputTokens * 0.015 / 1000;
        return new WindowStats(start, WINDOW_SECONDS, model, principal, "", true, stats);
    }

    private InvocationRecord invocation(Instant start, String model, String principal, Profile profile) {
        String error = null;
        double draw = random.nextDouble();
        if (draw < profile.serverErrorProbability()) {
            error = "InternalServerException";
        } else if (draw < profile.serverErrorProbability() + profile.errorProbability()) {
            error = random.nextDouble() < 0.6 ? InvocationRecord.THROTTLING : "ValidationException";
        }
        long input = error == null ? Math.round(800 * logNormal(0.25) * profile.tokenMultiplier()) : 0;
        long output = error == null ? Math.round(300 * logNormal(0.25) * profile.tokenMultiplier()) : 0;
        long latency = Math.round(200 * logNormal(0.3) * profile.latencyMultiplier()) * 10;
        if (random.nextDouble() < profile.slowShare()) {
            latency = 90_000 + random.nextInt(10_000);
        }
        return new InvocationRecord(start.plusSeconds(random.nextInt(WINDOW_SECONDS)), "123456789012", "us-east-1",
                Long.toHexString(random.nextLong()), "InvokeModel", model, principal, error, input, output, 0, 0,
                latency, InvocationRecord.UNKNOWN, false, false, Map.of());
    }

    private double logNormal(double sigma) {
        return Math.exp(sigma * random.nextGaussian() - sigma * sigma / 2);
    }

    private int poisson(double mean) {
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private static Map<String, Double> ordered(Object... keysAndShares) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndShares.length; i += 2) {
            map.put((String) keysAndShares[i], (Double) keysAndShares[i + 1]);
        }
        return map;
    }
}
