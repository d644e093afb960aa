package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.price.CostBasis;
import org.bedrockmonitor.price.PricingTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A closed period's stored costs against another table: replayed from the rows' token classes and rules. */
class RepricingTest {

    @TempDir
    Path dir;

    static final Period NOVEMBER = Period.of(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 1), ZoneOffset.UTC);
    static final Instant AT = Instant.parse("2025-11-20T10:00:00Z");
    static final String HEADER = "model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k,cache_write_1h_per_1k,"
            + "tier,valid_from,long_context_threshold,lc_input_per_1k,lc_output_per_1k,lc_cache_write_per_1k,lc_cache_write_1h_per_1k,"
            + "price_book\n";

    PricingTable table(String rows) throws IOException {
        Path file = dir.resolve("t" + System.nanoTime() + ".csv");
        Files.writeString(file, HEADER + rows);
        return PricingTable.load(file.toString(), "");
    }

    static WindowStats row(String model, CostBasis basis, long input, long output, long write, long write1h, double stored) {
        Stats s = new Stats();
        s.invocations = 10;
        s.inputTokens = input;
        s.outputTokens = output;
        s.cacheWriteTokens = write;
        s.cacheWrite1hTokens = write1h;
        s.costUsd = stored;
        return new WindowStats(AT, 300, model, "p", "", true, s, basis);
    }

    @Test
    void aCorrectedPriceShowsItsDifferenceAndStoredCostsStayAsTheyWere() throws IOException {
        CostBasis stored = new CostBasis("2025-11", "standard", "us-east-1", CostBasis.TOKENS);
        // stored with 0.001/0.002 per 1k: (10000·0.001 + 5000·0.002) / 1000 = 0.02
        WindowStats row = row("m", stored, 10_000, 5_000, 0, 0, 0.02);
        PricingTable corrected = table("m,0.002,0.004,,,,,,,,,,,2025-11-fixed\n");

        Repricing r = Repricing.of(List.of(row), corrected, NOVEMBER);

        // (10000·0.002 + 5000·0.004) / 1000 = 0.04: 0.02 more
        assertThat(r.repricedUsd()).isCloseTo(0.04, within(1e-15));
        assertThat(r.storedUsd()).isCloseTo(0.02, within(1e-15));
        assertThat(r.differenceUsd()).isCloseTo(0.02, within(1e-15));
        assertThat(r.lines()).singleElement().satisfies(line -> {
            assertThat(line.storedPriceBook()).isEqualTo("2025-11");
            assertThat(line.repricedPriceBook()).isEqualTo("2025-11-fixed");
            assertThat(line.invocations()).isEqualTo(10);
        });
        assertThat(row.stats().costUsd).isEqualTo(0.02);
    }

    @Test
    void aLaterDatedPriceBookDoesNotTouchAClosedPeriod() throws IOException {
        CostBasis stored = new CostBasis("2025-11", "standard", "us-east-1", CostBasis.TOKENS);
        WindowStats row = row("m", stored, 10_000, 5_000, 0, 0, 0.02);
        PricingTable withDecember = table("m,0.001,0.002,,,,,,,,,,,2025-11\nm,0.005,0.005,,,,,2025-12-01,,,,,,2025-12\n");

        Repricing r = Repricing.of(List.of(row), withDecember, NOVEMBER);

        assertThat(r.differenceUsd()).isCloseTo(0, within(1e-15));
        assertThat(r.lines().get(0).repricedPriceBook()).isEqualTo("2025-11");
    }

    @Test
    void rowsAreReplayedWithTheirTierLongContextAndOneHourWritesAndTheTokensOfFailedCallsAreLeftOut() throws IOException {
        PricingTable t = table("m,0.003,0.015,,0.00375,0.006,,,200000,0.006,0.0225,0.0075,0.012,b\n"
                + "m,0.0015,0.0075,,,,batch,,,,,,,b\n");
        WindowStats batch = row("m", new CostBasis("b", "batch", "us-east-1", CostBasis.TOKENS), 2000, 1000, 0, 0, 0);
        WindowStats longContext = row("m", new CostBasis("b", "standard", "us-east-1", CostBasis.LONG_CONTEXT), 300_000, 1000, 0, 0, 0);
        WindowStats cached = row("m", new CostBasis("b", "standard", "us-east-1", CostBasis.TOKENS), 0, 0, 1000, 600, 0);
        WindowStats failed = row("m", new CostBasis("b", "standard", "us-east-1", CostBasis.TOKENS), 5000, 5000, 0, 0, 0);
        failed.stats().unbilledInputTokens = 4000;
        failed.stats().unbilledOutputTokens = 5000;
        WindowStats legacy = row("m", CostBasis.LEGACY, 1000, 0, 0, 0, 0);

        // batch (2000·0.0015 + 1000·0.0075) / 1000 = 0.0105
        assertThat(Repricing.of(List.of(batch), t, NOVEMBER).repricedUsd()).isCloseTo(0.0105, within(1e-15));
        // long context (300000·0.006 + 1000·0.0225) / 1000 = 1.8225
        assertThat(Repricing.of(List.of(longContext), t, NOVEMBER).repricedUsd()).isCloseTo(1.8225, within(1e-12));
        // writes (400·0.00375 + 600·0.006) / 1000 = 0.0051
        assertThat(Repricing.of(List.of(cached), t, NOVEMBER).repricedUsd()).isCloseTo(0.0051, within(1e-15));
        // failed calls logged 4000 of the 5000 input and all the output: 1000·0.003/1000 = 0.003
        assertThat(Repricing.of(List.of(failed), t, NOVEMBER).repricedUsd()).isCloseTo(0.003, within(1e-15));
        // written before price books: tokens at the standard tier, 1000·0.003/1000 = 0.003
        assertThat(Repricing.of(List.of(legacy), t, NOVEMBER).repricedUsd()).isCloseTo(0.003, within(1e-15));
    }

    @Test
    void rowsOutsideThePeriodAreLeftOut() throws IOException {
        WindowStats october = new WindowStats(Instant.parse("2025-10-31T23:55:00Z"), 300, "m", "p", "", true, new Stats(),
                CostBasis.LEGACY);
        assertThat(Repricing.of(List.of(october), table("m,1,1,,,,,,,,,,,b\n"), NOVEMBER).lines()).isEmpty();
    }
}
