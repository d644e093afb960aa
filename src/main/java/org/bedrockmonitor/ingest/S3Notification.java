package org.bedrockmonitor.ingest;

import java.util.List;

/**
 * What one queue message asks for: the created objects to read, and why anything else in it was
 * acknowledged without reading (deletes, test events, other event types, unknown shapes).
 */
public record S3Notification(List<S3NotificationObject> objects, List<String> ignored) {

    public S3Notification {
        objects = List.copyOf(objects);
        ignored = List.copyOf(ignored);
    }
}
