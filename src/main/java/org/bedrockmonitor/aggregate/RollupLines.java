package org.bedrockmonitor.aggregate;

import java.util.List;

import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.Rejection;
import org.bedrockmonitor.util.Hashes;

/** Renders an object's rejected records, and the dead-letter record of an object, as JSON lines. */
public final class RollupLines {

    public String rejected(ObjectResult result) {
        return lines(result.rejected());
    }

    /** The dead-letter record of an object that could not be read at all. */
    public String failedObject(String source, Exception failure) {
        return lines(List.of(new Rejection(source, 0, describe(failure), "")));
    }

    public String failedObjectKey(String source) {
        return "objects/" + Hashes.sha256Hex(source, 24) + ".jsonl";
    }

    static String describe(Exception failure) {
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    static String lines(List<Rejection> rejections) {
        StringBuilder out = new StringBuilder();
        for (Rejection rejection : rejections) {
            out.append(Json.MAPPER.valueToTree(rejection).toString()).append('\n');
        }
        return out.toString();
    }
}
