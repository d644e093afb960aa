package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

class RollupListingTest {

    @Test
    void aFullPageAsksForTheNextOneAfterItsLastKey() {
        RollupListing listing = new RollupListing("store", "rollups/2026-11-18/");
        List<S3Object> full = IntStream.range(0, RollupListing.PAGE)
                .mapToObj(i -> S3Object.builder().key(String.format("rollups/2026-11-18/%04d.jsonl", i)).build())
                .toList();

        assertThat(listing.nextRequest().marker()).isNull();
        assertThat(listing.accept(full)).hasSize(RollupListing.PAGE);
        assertThat(listing.hasMore()).isTrue();
        assertThat(listing.nextRequest().marker()).isEqualTo("rollups/2026-11-18/0999.jsonl");
        assertThat(listing.nextRequest().prefix()).isEqualTo("rollups/2026-11-18/");
    }

    @Test
    void aShortPageEndsTheListingAndOnlyRollupFilesAreRead() {
        RollupListing listing = new RollupListing("store", "rollups/2026-11-18/");

        List<String> keys = listing.accept(List.of(S3Object.builder().key("rollups/2026-11-18/a.jsonl").build(),
                S3Object.builder().key("rollups/2026-11-18/README").build()));

        assertThat(keys).containsExactly("rollups/2026-11-18/a.jsonl");
        assertThat(listing.hasMore()).isFalse();
    }
}
