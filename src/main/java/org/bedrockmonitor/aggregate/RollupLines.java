package org.bedrockmonitor.aggregate;

import java.util.List;

import org.bedrockmonitor.config.Json;
import org.bedrockmonitor.ingest.LogObjectProcessor;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.parse.Rejection;

/** Renders an object's outputs as the JSON-lines bodies the rollup and rejected sinks store. */
public final class RollupLines {

    public String rollup(ObjectResult result) {
        StringBuilder out = new StringBuilder(256 * (1 + result.windows().size()));
        out.append(RollupCodec.encode(result.summary())).append('\n');
        out.append(RollupCodec.encodeWindows(result.windows()));
        for (var event : result.auditEvents()) {
            out.append(RollupCodec.encode(event)).append('\n');
        }
        return out.toString();
    }

    public String rejected(ObjectResult result) {
        return lines(result.rejected());
    }

    /** The dead-letter record of an object that could not be read at all. */
    public String failedObject(String source, Exception failure) {
        return lines(List.of(new Rejection(source, 0, describe(failure), "")));
    }

    public String failedObjectKey(String source) {
        return "objects/" + LogObjectProcessor.rollupKey(source, null).replace("undated/", "");
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
