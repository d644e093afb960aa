package org.bedrockmonitor.ingest;

/**
 * One object named by an S3 notification: the key is already decoded, {@code eTag}, {@code size} and
 * {@code versionId} are null when the notification did not carry them.
 */
public record S3NotificationObject(String bucket, String key, String eTag, Long size, String versionId) {

    /** The {@code monitorSource} of the object: {@code s3://bucket/key}. */
    public String source() {
        return "s3://" + bucket + "/" + key;
    }

    /** What makes this object version unique: the version id when versioned, else the eTag. */
    public String identity() {
        if (versionId != null && !versionId.isBlank()) {
            return "version:" + versionId;
        }
        // notifications carry the eTag bare, listings in quotes: the same object either way
        return eTag == null || eTag.isBlank() ? "" : "etag:" + eTag.replace("\"", "");
    }
}
