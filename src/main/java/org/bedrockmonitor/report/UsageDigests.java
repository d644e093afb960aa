package org.bedrockmonitor.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.util.Hashes;
import org.bedrockmonitor.windows.WindowStore;

/**
 * The store's history for the reports ({@link UsageHistory}), one digest per UTC day of the rollup store,
 * kept beside it ({@code state/usage/<yyyy-MM-dd>.json}). A digest records a fingerprint of the rollup
 * files it was built from (their keys and versions): when a day's files change (a late object, a
 * redelivery, a backfill) the next read rebuilds it from them. So the history is a function of the rollups
 * in the store, the same on every replica, and a report reads each old day once, not on every run.
 */
public final class UsageDigests {

    public static final String PREFIX = "state/usage/";

    private final WindowStore windows;

    public UsageDigests(WindowStore windows) {
        this.windows = windows;
    }

    /** Every day the store holds rows for, up to the day of the instant before {@code to}. */
    public UsageHistory before(Instant to) {
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        List<UsageHistory.Day> days = new ArrayList<>();
        for (String folder : windows.store().folders(WindowStore.ROLLUPS)) {
            LocalDate day = parseDay(folder);
            if (day != null && !day.isAfter(last)) {
                days.add(day(day));
            }
        }
        return UsageHistory.of(days);
    }

    /** One day's digest: the stored one when the day's files are those it was built from, else rebuilt and stored. */
    UsageHistory.Day day(LocalDate day) {
        StateStore store = windows.store();
        String fingerprint = Hashes.sha256Hex(store.list(WindowStore.ROLLUPS + day + "/").stream()
                .map(file -> file.key() + "\t" + file.version()).collect(Collectors.joining("\n")), 32);
        Optional<StateStore.Versioned> stored = store.get(key(day));
        if (stored.isPresent()) {
            UsageHistory.Day known = decode(day, stored.get().content(), fingerprint);
            if (known != null) {
                return known;
            }
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        UsageHistory.Day built = UsageHistory.Day.of(day, windows.read(start, start.plusSeconds(86_400)).windows());
        store.put(key(day), encode(built, fingerprint));
        return built;
    }

    static String key(LocalDate day) {
        return PREFIX + day + ".json";
    }

    static byte[] encode(UsageHistory.Day day, String fingerprint) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("day", day.day().toString());
        node.put("fingerprint", fingerprint);
        ObjectNode principals = node.putObject("principalHours");
        new TreeMap<>(day.principalHours()).forEach(principals::put);
        ArrayNode invocations = node.putArray("invocations");
        Arrays.stream(day.invocations()).forEach(invocations::add);
        ArrayNode cost = node.putArray("costUsd");
        Arrays.stream(day.costUsd()).forEach(c -> cost.add(c.toPlainString()));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The stored digest, or null when it was built from other files or cannot be read (then it is rebuilt). */
    static UsageHistory.Day decode(LocalDate day, byte[] content, String fingerprint) {
        try {
            JsonNode node = Json.MAPPER.readTree(content);
            if (!fingerprint.equals(node.path("fingerprint").asText()) || node.path("invocations").size() != 24
                    || node.path("costUsd").size() != 24) {
                return null;
            }
            Map<String, Integer> principals = new TreeMap<>();
            node.path("principalHours").fields().forEachRemaining(e -> principals.put(e.getKey(), e.getValue().asInt()));
            long[] invocations = new long[24];
            BigDecimal[] cost = new BigDecimal[24];
            for (int h = 0; h < 24; h++) {
                invocations[h] = node.path("invocations").get(h).asLong();
                cost[h] = new BigDecimal(node.path("costUsd").get(h).asText());
            }
            return new UsageHistory.Day(day, principals, invocations, cost);
        } catch (IOException | RuntimeException damaged) {
            return null;
        }
    }

    private static LocalDate parseDay(String folder) {
        try {
            return LocalDate.parse(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
        } catch (RuntimeException notADay) {
            return null;
        }
    }
}
