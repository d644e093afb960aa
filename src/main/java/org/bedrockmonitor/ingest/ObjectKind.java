package org.bedrockmonitor.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * What a log object holds, decided from its content (the first top-level field names of its first
 * JSON value), never from its name: Bedrock writes invocation logs and CloudTrail writes audit logs
 * into the same bucket, and operators drop both into the same folder. A batch inference job's output
 * folder holds its output lines ({@code *.jsonl.out}: {@code recordId}), its {@code manifest.json.out}
 * and, saved by the operator, its description ({@code jobArn}).
 */
public enum ObjectKind {
    INVOCATION_LOG, CLOUDTRAIL, BATCH_OUTPUT, BATCH_JOB, BATCH_MANIFEST, UNKNOWN, EMPTY;

    private static final int PEEK_BYTES = 1 << 16;
    private static final JsonFactory JSON = new JsonFactory();

    private static final Set<String> INVOCATION_FIELDS = Set.of(
            "schemaType", "schemaVersion", "modelId", "operation", "requestId", "identity", "input", "output");
    private static final Set<String> CLOUDTRAIL_FIELDS = Set.of(
            "Records", "eventVersion", "eventSource", "eventName", "eventTime", "userIdentity", "eventID",
            "requestID", "awsRegion", "sourceIPAddress");
    private static final Set<String> BATCH_OUTPUT_FIELDS = Set.of("recordId", "modelInput", "modelOutput");
    private static final Set<String> BATCH_MANIFEST_FIELDS = Set.of("totalRecordCount", "processedRecordCount",
            "successRecordCount", "errorRecordCount");

    /** Reads at most 64 KB ahead and rewinds, so the caller still reads the whole object. */
    public static ObjectKind sniff(BufferedInputStream in) throws IOException {
        in.mark(PEEK_BYTES);
        byte[] head = in.readNBytes(PEEK_BYTES);
        in.reset();
        return of(head, head.length);
    }

    static ObjectKind of(byte[] head, int length) {
        int start = length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        while (start < length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (start == length) {
            return EMPTY;
        }
        if (head[start] != '{' && head[start] != '[') {
            return UNKNOWN;
        }
        try (JsonParser parser = JSON.createParser(head, start, length - start)) {
            // some exports hold CloudTrail events as a bare JSON array
            if (parser.nextToken() == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.START_OBJECT) {
                return UNKNOWN;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (CLOUDTRAIL_FIELDS.contains(name)) {
                    return CLOUDTRAIL;
                }
                if (BATCH_OUTPUT_FIELDS.contains(name)) {
                    return BATCH_OUTPUT;
                }
                if (BATCH_MANIFEST_FIELDS.contains(name)) {
                    return BATCH_MANIFEST;
                }
                if (name.equals("jobArn")) {
                    return BATCH_JOB;
                }
                if (INVOCATION_FIELDS.contains(name)) {
                    return INVOCATION_LOG;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return token == JsonToken.END_OBJECT ? UNKNOWN : INVOCATION_LOG;
        } catch (IOException cutOrBroken) {
            // the peek ended inside a large value, or the first line is damaged: the line reader decides
            return INVOCATION_LOG;
        }
    }
}
