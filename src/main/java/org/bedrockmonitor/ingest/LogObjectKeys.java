package org.bedrockmonitor.ingest;

import java.util.regex.Pattern;

/** What the name of a log object tells before it is read. */
public final class LogObjectKeys {

    /**
     * Bedrock writes bodies too large for the log line as separate objects in a {@code data/} folder
     * beside the hourly log files; they are not log records.
     */
    private static final Pattern OFFLOADED_BODY = Pattern.compile(
            "(BedrockModelInvocationLogs/.*/data/|(^|/)\\d{4}/\\d{2}/\\d{2}/\\d{2}/data/)");
    private static final Pattern CLOUDTRAIL_DIGEST = Pattern.compile("(^|/)CloudTrail-Digest/");

    private LogObjectKeys() {
    }

    public static boolean isOffloadedBody(String key) {
        return OFFLOADED_BODY.matcher(key).find();
    }

    /** CloudTrail digest files hold hashes of log files, not events. */
    public static boolean isCloudTrailDigest(String key) {
        return CLOUDTRAIL_DIGEST.matcher(key).find();
    }
}
