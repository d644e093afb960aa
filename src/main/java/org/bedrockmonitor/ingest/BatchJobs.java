package org.bedrockmonitor.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.bedrockmonitor.parse.BatchJob;

/**
 * Finds the description of the batch inference job an output object belongs to: {@code job.json}
 * (what {@code aws bedrock get-model-invocation-job --job-identifier <arn>} prints) in the object's
 * folder or the folder above it, where Bedrock writes {@code <output prefix>/<job id>/<input>.jsonl.out}.
 */
final class BatchJobs {

    static final String DESCRIPTION = "job.json";

    private BatchJobs() {
    }

    /** The job of a local output file; an exception with one sentence when there is none. */
    static BatchJob near(String source) {
        Path folder;
        try {
            Path file = Path.of(source);
            folder = Files.isRegularFile(file) ? file.toAbsolutePath().getParent() : null;
        } catch (InvalidPathException notLocal) {
            folder = null;
        }
        for (int up = 0; folder != null && up < 2; up++, folder = folder.getParent()) {
            Path description = folder.resolve(DESCRIPTION);
            if (Files.isRegularFile(description)) {
                try {
                    return BatchJob.parse(Files.readAllBytes(description), description.toString());
                } catch (IOException e) {
                    throw new UnreadableObjectException("batch job description unusable: " + e.getMessage());
                }
            }
        }
        throw new UnreadableObjectException("batch inference output without its job description: save the output of"
                + " 'aws bedrock get-model-invocation-job --job-identifier <job ARN>' as " + DESCRIPTION
                + " next to it, so its lines can be billed as the job's model at the job's time");
    }
}
