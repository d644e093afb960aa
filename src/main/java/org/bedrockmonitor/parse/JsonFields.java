package org.bedrockmonitor.parse;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/** Walks the fields of a JSON object with a streaming parser: the one loop the log and rollup readers share. */
public final class JsonFields {

    /** Takes one field of an object (true) or leaves it to be skipped (false). */
    @FunctionalInterface
    public interface FieldReader {
        boolean read(String name, JsonToken value) throws IOException;
    }

    private JsonFields() {
    }

    /**
     * Reads the fields of the value that {@code value} starts; a field the reader does not take is
     * skipped whole, and a value that is not an object is skipped.
     */
    public static void forEachField(JsonParser p, JsonToken value, FieldReader reader) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!reader.read(name, v)) {
                p.skipChildren();
            }
        }
    }
}
