package org.bedrockmonitor.report;

import java.util.List;

import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Pages through one day prefix of the S3 rollup store. The aws2-s3 listObjects operation returns one
 * page (at most {@value #PAGE} keys) and drops the truncation flag, so a full page means "ask again
 * after the last key".
 */
public final class RollupListing {

    static final int PAGE = 1000;

    private final String bucket;
    private final String prefix;
    private String marker;
    private boolean more = true;

    public RollupListing(String bucket, String prefix) {
        this.bucket = bucket;
        this.prefix = prefix;
    }

    public boolean hasMore() {
        return more;
    }

    public ListObjectsRequest nextRequest() {
        return ListObjectsRequest.builder().bucket(bucket).prefix(prefix).marker(marker).maxKeys(PAGE).build();
    }

    /** Records a page and returns the keys of its rollup files. */
    public List<String> accept(List<S3Object> page) {
        more = page.size() >= PAGE;
        if (!page.isEmpty()) {
            marker = page.get(page.size() - 1).key();
        }
        return page.stream().map(S3Object::key).filter(key -> key.endsWith(".jsonl")).toList();
    }
}
