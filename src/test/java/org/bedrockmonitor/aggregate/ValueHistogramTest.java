package org.bedrockmonitor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ValueHistogramTest {

    @Test
    void percentilesAreNearestRankAndNullWhenEmpty() {
        ValueHistogram h = new ValueHistogram();
        assertThat(h.percentile(50)).isNull();
        for (long v : new long[] {15, 20, 35, 40, 50}) {
            h.add(v);
        }
        assertThat(h.percentile(50)).isEqualTo(35);
        assertThat(h.percentile(95)).isEqualTo(50);
        assertThat(h.percentile(30)).isEqualTo(20);
    }

    @Test
    void mergedHistogramsGiveTheSamePercentilesAsTheRawValues() {
        Random random = new Random(3);
        List<Long> all = new ArrayList<>();
        ValueHistogram merged = new ValueHistogram();
        for (int part = 0; part < 7; part++) {
            ValueHistogram piece = new ValueHistogram();
            for (int i = 0; i < 500; i++) {
                long v = random.nextInt(5000);
                all.add(v);
                piece.add(v);
            }
            merged.merge(ValueHistogram.of(piece.distinctValues(), piece.valueCounts()));
        }
        Collections.sort(all);
        for (int p : new int[] {1, 50, 95, 99, 100}) {
            int rank = (int) Math.ceil(p / 100.0 * all.size());
            assertThat(merged.percentile(p)).as("p" + p).isEqualTo(all.get(rank - 1));
        }
        assertThat(merged.count()).isEqualTo(3500);
    }

    @Test
    void mergingOverlappingAndDisjointDistributionsKeepsEveryValueAndCount() {
        ValueHistogram a = ValueHistogram.of(new long[] {5, 10, 20}, new long[] {1, 2, 3});
        a.merge(ValueHistogram.of(new long[] {1, 10, 30}, new long[] {4, 5, 6}));
        assertThat(a.distinctValues()).containsExactly(1, 5, 10, 20, 30);
        assertThat(a.valueCounts()).containsExactly(4, 1, 7, 3, 6);
        assertThat(a.count()).isEqualTo(21);
        a.merge(ValueHistogram.of(new long[] {1, 5, 10, 20, 30}, new long[] {1, 1, 1, 1, 1}));
        assertThat(a.valueCounts()).containsExactly(5, 2, 8, 4, 7);
        ValueHistogram empty = new ValueHistogram();
        empty.merge(a);
        assertThat(empty.distinctValues()).containsExactly(1, 5, 10, 20, 30);
        a.merge(new ValueHistogram());
        assertThat(a.count()).isEqualTo(26);
    }
}
