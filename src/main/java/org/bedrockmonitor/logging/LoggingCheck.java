package org.bedrockmonitor.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.store.StateStore;
import software.amazon.awssdk.services.bedrock.model.CloudWatchConfig;
import software.amazon.awssdk.services.bedrock.model.LoggingConfig;
import software.amazon.awssdk.services.bedrock.model.S3Config;

/**
 * What one {@code logging status --record} check found Bedrock's model invocation logging to be, kept in
 * the state store ({@code state/compliance/invocation-logging/<day>.json}, the day's last check) as
 * evidence for the security report's compliance status.
 *
 * @param configured whether any configuration exists
 * @param dataTypes  the data types delivered (text, image, embedding, video)
 * @param drift      how it differs from the settings the check expected; empty when it matches
 */
public record LoggingCheck(Instant checkedAt, String region, boolean configured, String bucket, String keyPrefix,
        String logGroup, List<String> dataTypes, List<String> drift) {

    public static final String PREFIX = "state/compliance/invocation-logging/";

    public LoggingCheck {
        dataTypes = dataTypes == null ? List.of() : List.copyOf(dataTypes);
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    public static LoggingCheck of(Instant checkedAt, String region, LoggingConfig config, List<String> drift) {
        if (config == null) {
            return new LoggingCheck(checkedAt, region, false, null, null, null, List.of(), drift);
        }
        S3Config s3 = config.s3Config();
        CloudWatchConfig cloudWatch = config.cloudWatchConfig();
        List<String> types = new ArrayList<>();
        if (Boolean.TRUE.equals(config.textDataDeliveryEnabled())) {
            types.add("text");
        }
        if (Boolean.TRUE.equals(config.imageDataDeliveryEnabled())) {
            types.add("image");
        }
        if (Boolean.TRUE.equals(config.embeddingDataDeliveryEnabled())) {
            types.add("embedding");
        }
        if (Boolean.TRUE.equals(config.videoDataDeliveryEnabled())) {
            types.add("video");
        }
        return new LoggingCheck(checkedAt, region, true, s3 == null ? null : s3.bucketName(),
                s3 == null ? null : s3.keyPrefix(), cloudWatch == null ? null : cloudWatch.logGroupName(), types, drift);
    }

    public void save(StateStore store) {
        try {
            store.put(PREFIX + LocalDate.ofInstant(checkedAt, ZoneOffset.UTC) + ".json", Json.MAPPER.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last check made on or before the day of {@code until} (exclusive end of a period), if any was recorded. */
    public static Optional<LoggingCheck> latest(StateStore store, Instant until) {
        String lastKey = PREFIX + LocalDate.ofInstant(until.minusNanos(1), ZoneOffset.UTC) + ".json";
        List<String> keys = store.list(PREFIX).stream().map(StateStore.Listed::key)
                .filter(key -> key.endsWith(".json") && key.compareTo(lastKey) <= 0).sorted().toList();
        for (int i = keys.size() - 1; i >= 0; i--) {
            Optional<StateStore.Versioned> value = store.get(keys.get(i));
            if (value.isEmpty()) {
                continue;
            }
            try {
                LoggingCheck check = Json.MAPPER.readValue(value.get().content(), LoggingCheck.class);
                if (check.checkedAt() != null && check.checkedAt().isBefore(until)) {
                    return Optional.of(check);
                }
            } catch (IOException damaged) {
                // a damaged record is no evidence: an earlier day's check may still be
            }
        }
        return Optional.empty();
    }
}
