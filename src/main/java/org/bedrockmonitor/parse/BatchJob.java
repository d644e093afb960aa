package org.bedrockmonitor.parse;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.arns.Arn;

/**
 * A batch inference job as {@code aws bedrock get-model-invocation-job} describes it: the model its
 * output lines are billed as, when (its end time, else its last change, else its submission) and where
 * (region and account, from its ARN). Batch output lines carry neither.
 */
public record BatchJob(String jobArn, String jobId, String modelId, Instant time, String region, String accountId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The job in a description, or an exception naming what is missing. */
    public static BatchJob parse(byte[] description, String name) throws IOException {
        JsonNode job = JSON.readTree(description);
        String arn = job.path("jobArn").asText("");
        String modelId = job.path("modelId").asText("");
        if (arn.isEmpty() || modelId.isEmpty()) {
            throw new IOException(name + " is not a batch inference job description (no jobArn or modelId)");
        }
        Instant time = null;
        for (String field : new String[] {"endTime", "lastModifiedTime", "submitTime"}) {
            if (time == null && job.path(field).isTextual()) {
                try {
                    time = Instant.parse(job.path(field).asText());
                } catch (DateTimeParseException e) {
                    throw new IOException(name + ": " + field + " '" + job.path(field).asText() + "' is not an ISO-8601 instant");
                }
            }
        }
        if (time == null) {
            throw new IOException(name + " has no endTime, lastModifiedTime or submitTime");
        }
        Arn parsed = Arn.tryFromString(arn).orElse(null);
        String region = parsed == null ? null : parsed.region().orElse(null);
        String account = parsed == null ? null : parsed.accountId().orElse(null);
        String resource = parsed == null ? arn : parsed.resourceAsString();
        String jobId = resource.substring(resource.lastIndexOf('/') + 1);
        return new BatchJob(arn, jobId, modelId, time, region, account);
    }
}
