package org.bedrockmonitor.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** One test per billing rule; each expected figure is worked out by hand in the comment above it. */
class PricingRulesTest {

    static final String HEADER = "model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k,"
            + "cache_write_1h_per_1k,scope,region,tier,valid_from,long_context_threshold,lc_input_per_1k,lc_output_per_1k,"
            + "lc_cache_read_per_1k,lc_cache_write_per_1k,lc_cache_write_1h_per_1k,unit,unit_variant,price_per_unit,"
            + "resolves_to,price_book\n";
    static final String SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0";

    /** A row with only the columns given; the rest blank. */
    static String row(String modelId, String... columnValues) {
        String[] names = HEADER.trim().split(",");
        String[] values = new String[names.length];
        java.util.Arrays.fill(values, "");
        values[0] = modelId;
        for (String pair : columnValues) {
            int eq = pair.indexOf('=');
            int index = List.of(names).indexOf(pair.substring(0, eq));
            if (index < 0) {
                throw new IllegalArgumentException(pair);
            }
            values[index] = pair.substring(eq + 1);
        }
        return String.join(",", values) + "\n";
    }

    static PricingTable table(String rows) throws Exception {
        return Records.table(HEADER + rows);
    }

    static PricingTable table(String rows, Map<String, String> aliases) throws Exception {
        return Records.table(HEADER + rows, aliases);
    }

    @Test
    void cacheTokensAreAddedToInputNeverCountedInIt() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015", "cache_read_per_1k=0.0003",
                "cache_write_per_1k=0.00375", "price_book=b1"));
        // (1000·0.003 + 200·0.015 + 5000·0.0003 + 400·0.00375) / 1000 = (3 + 3 + 1.5 + 1.5) / 1000 = 0.009
        Priced p = t.price(Records.of("m").tokens(1000, 200).cache(5000, 400).build());
        assertThat(p.costUsd()).isCloseTo(0.009, within(1e-15));
        assertThat(p.priceBook()).isEqualTo("b1");
        assertThat(p.basis().rule()).isEqualTo(CostBasis.TOKENS);
        assertThat(p.rule()).contains("t.csv line 2");
    }

    @Test
    void oneHourCacheWritesAreBilledAtTheOneHourRateAndTheRestAtTheFiveMinuteRate() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015", "cache_write_per_1k=0.00375",
                "cache_write_1h_per_1k=0.006"));
        // 1,000 writes of which 600 with a 1-hour TTL: (400·0.00375 + 600·0.006) / 1000 = (1.5 + 3.6) / 1000 = 0.0051
        assertThat(t.price(Records.of("m").cache(0, 1000).oneHourWrites(600).build()).costUsd()).isCloseTo(0.0051, within(1e-15));
        // no split given: every write at the 5-minute rate, 1000·0.00375 / 1000 = 0.00375
        assertThat(t.price(Records.of("m").cache(0, 1000).build()).costUsd()).isCloseTo(0.00375, within(1e-15));
        // a split larger than the writes logged is capped at them: 1000·0.006 / 1000 = 0.006
        assertThat(t.price(Records.of("m").cache(0, 1000).oneHourWrites(5000).build()).costUsd()).isCloseTo(0.006, within(1e-15));
    }

    @Test
    void aRowWithoutAOneHourRatePricesOneHourWritesAtTheFiveMinuteRate() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015", "cache_write_per_1k=0.00375"));
        // 1000·0.00375 / 1000 = 0.00375, whatever the TTL
        assertThat(t.price(Records.of("m").cache(0, 1000).oneHourWrites(1000).build()).costUsd()).isCloseTo(0.00375, within(1e-15));
    }

    @Test
    void theSourceRegionChoosesTheRegionRowAndABlankRegionIsTheFallback() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=1", "output_per_1k=0")
                + row("m", "input_per_1k=2", "output_per_1k=0", "region=eu-west-1"));
        // 1000 input tokens: 1000·2/1000 = 2 in eu-west-1, 1000·1/1000 = 1 anywhere else
        assertThat(t.price(Records.of("m").tokens(1000, 0).region("eu-west-1").build()).costUsd()).isEqualTo(2.0);
        assertThat(t.price(Records.of("m").tokens(1000, 0).region("us-east-1").build()).costUsd()).isEqualTo(1.0);
        assertThat(t.price(Records.of("m").tokens(1000, 0).region(null).build()).costUsd()).isEqualTo(1.0);
    }

    @Test
    void theIdPrefixSetsTheScopeAndEveryGeoPrefixIsGeo() throws Exception {
        PricingTable t = table(row(SONNET, "input_per_1k=0.0033", "output_per_1k=0")
                + row(SONNET, "input_per_1k=0.003", "output_per_1k=0", "scope=global")
                + row(SONNET, "input_per_1k=0.0036", "output_per_1k=0", "scope=in-region"));
        // 1,000,000 input tokens: global 1e6·0.003/1000 = 3; geo (blank-scope row) 1e6·0.0033/1000 = 3.3; in-region 3.6
        assertThat(t.price(Records.of("global." + SONNET).tokens(1_000_000, 0).build()).costUsd()).isCloseTo(3.0, within(1e-9));
        for (String geo : List.of("us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov.")) {
            assertThat(t.price(Records.of(geo + SONNET).tokens(1_000_000, 0).build()).costUsd()).as(geo).isCloseTo(3.3, within(1e-9));
        }
        assertThat(t.price(Records.of(SONNET).tokens(1_000_000, 0).build()).costUsd()).isCloseTo(3.6, within(1e-9));
        String profileArn = "arn:aws:bedrock:us-east-1:111122223333:inference-profile/global." + SONNET;
        assertThat(t.price(Records.of(profileArn).tokens(1_000_000, 0).build()).costUsd()).isCloseTo(3.0, within(1e-9));
        String modelArn = "arn:aws:bedrock:us-east-1::foundation-model/" + SONNET;
        assertThat(t.price(Records.of(modelArn).tokens(1_000_000, 0).build()).costUsd()).isCloseTo(3.6, within(1e-9));
    }

    @Test
    void aScopeWithoutItsRowAndWithoutABlankRowIsUnpricedNotPricedAtAnotherScope() throws Exception {
        PricingTable t = table(row(SONNET, "input_per_1k=0.003", "output_per_1k=0", "scope=global"));
        Priced p = t.price(Records.of("us." + SONNET).tokens(1000, 0).build());
        assertThat(p.priced()).isFalse();
        assertThat(p.costUsd()).isZero();
        assertThat(p.basis().rule()).isEqualTo(CostBasis.UNPRICED);
    }

    @Test
    void longContextRatesApplyToEveryTokenClassOnlyAboveTheThreshold() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015", "cache_read_per_1k=0.0003",
                "cache_write_per_1k=0.00375", "long_context_threshold=200000", "lc_input_per_1k=0.006",
                "lc_output_per_1k=0.0225", "lc_cache_read_per_1k=0.0006", "lc_cache_write_per_1k=0.0075"));
        // prompt 150,000 + 40,000 read + 10,001 written = 200,001 > 200,000: all at lc rates
        // (150000·0.006 + 2000·0.0225 + 40000·0.0006 + 10001·0.0075) / 1000 = (900 + 45 + 24 + 75.0075) / 1000 = 1.0440075
        Priced above = t.price(Records.of("m").tokens(150_000, 2000).cache(40_000, 10_001).build());
        assertThat(above.costUsd()).isCloseTo(1.0440075, within(1e-12));
        assertThat(above.basis().rule()).isEqualTo(CostBasis.LONG_CONTEXT);
        // exactly 200,000 is not above: (150000·0.003 + 2000·0.015 + 40000·0.0003 + 10000·0.00375) / 1000
        //   = (450 + 30 + 12 + 37.5) / 1000 = 0.5295
        Priced at = t.price(Records.of("m").tokens(150_000, 2000).cache(40_000, 10_000).build());
        assertThat(at.costUsd()).isCloseTo(0.5295, within(1e-12));
        assertThat(at.basis().rule()).isEqualTo(CostBasis.TOKENS);
    }

    @Test
    void aRowWithoutAThresholdHasNoLongContextPremium() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015"));
        // 1,000,000·0.003 / 1000 = 3, however long the prompt
        assertThat(t.price(Records.of("m").tokens(1_000_000, 0).build()).costUsd()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void theTierServedChoosesTheTierRow() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=1", "output_per_1k=0")
                + row("m", "input_per_1k=0.5", "output_per_1k=0", "tier=flex")
                + row("m", "input_per_1k=1.75", "output_per_1k=0", "tier=priority")
                + row("m", "input_per_1k=1.25", "output_per_1k=0", "tier=latency-optimized"));
        // 1000 input tokens at each tier's rate per 1k: flex 0.5, priority 1.75, latency-optimized 1.25, standard 1
        assertThat(t.price(Records.of("m").tokens(1000, 0).requestTier("priority").responseTier("flex").build()).costUsd())
                .as("the response's tier wins over the request's").isEqualTo(0.5);
        assertThat(t.price(Records.of("m").tokens(1000, 0).requestTier("priority").build()).costUsd()).isEqualTo(1.75);
        assertThat(t.price(Records.of("m").tokens(1000, 0).responseTier("default").build()).costUsd()).isEqualTo(1.0);
        assertThat(t.price(Records.of("m").tokens(1000, 0).latency("optimized").build()).costUsd()).isEqualTo(1.25);
        assertThat(t.price(Records.of("m").tokens(1000, 0).latency("standard").build()).costUsd()).isEqualTo(1.0);
        Priced flex = t.price(Records.of("m").tokens(1000, 0).responseTier("FLEX").build());
        assertThat(flex.basis().tier()).isEqualTo("flex");
        assertThat(flex.costUsd()).isEqualTo(0.5);
    }

    @Test
    void aTierWithoutItsOwnRowIsPricedByTheRowThatLeavesTierBlank() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=1", "output_per_1k=0"));
        // 1000·1/1000 = 1 for a flex call of a model that lists no flex price
        assertThat(t.price(Records.of("m").tokens(1000, 0).responseTier("flex").build()).costUsd()).isEqualTo(1.0);
        PricingTable standardOnly = table(row("m", "input_per_1k=1", "output_per_1k=0", "tier=standard"));
        assertThat(standardOnly.price(Records.of("m").tokens(1000, 0).responseTier("flex").build()).priced()).isFalse();
    }

    @Test
    void batchLinesArePricedAtTheBatchRow() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015")
                + row("m", "input_per_1k=0.0015", "output_per_1k=0.0075", "tier=batch"));
        // (2000·0.0015 + 1000·0.0075) / 1000 = (3 + 7.5) / 1000 = 0.0105
        Priced p = t.price(Records.of("m").tokens(2000, 1000).batch().build());
        assertThat(p.costUsd()).isCloseTo(0.0105, within(1e-15));
        assertThat(p.basis().tier()).isEqualTo("batch");
        // a failed batch line: 0
        assertThat(t.price(Records.of("m").tokens(2000, 1000).batch().error("400").build()).costUsd()).isZero();
    }

    @Test
    void imagesArePricedBySmallestSizeClassHoldingTheLongerSideAndQualityTimesTheirNumber() throws Exception {
        String canvas = "amazon.nova-canvas-v1:0";
        PricingTable t = table(row(canvas, "unit=image", "unit_variant=1024/standard", "price_per_unit=0.04")
                + row(canvas, "unit=image", "unit_variant=1024/premium", "price_per_unit=0.06")
                + row(canvas, "unit=image", "unit_variant=2048/standard", "price_per_unit=0.06")
                + row(canvas, "unit=image", "unit_variant=2048/premium", "price_per_unit=0.08"));
        // 3 images of 1280 × 720, premium: 1280 > 1024, so class 2048: 3 · 0.08 = 0.24
        Priced premium = t.price(Records.of(canvas).image(3, 1280, 720, "premium").build());
        assertThat(premium.costUsd()).isCloseTo(0.24, within(1e-15));
        assertThat(premium.images()).isEqualTo(3);
        assertThat(premium.basis().rule()).isEqualTo("images 2048/premium");
        // 512 × 1024 standard, 2 images: class 1024, 2 · 0.04 = 0.08
        assertThat(t.price(Records.of(canvas).image(2, 512, 1024, "standard").build()).costUsd()).isCloseTo(0.08, within(1e-15));
        // nothing given: one image, 1024 × 1024, standard: 0.04
        assertThat(t.price(Records.of(canvas).image(0, 0, 0, null).build()).costUsd()).isCloseTo(0.04, within(1e-15));
        // larger than every class (4096): the largest class, 0.06 for standard
        assertThat(t.price(Records.of(canvas).image(1, 4096, 1024, "standard").build()).costUsd()).isCloseTo(0.06, within(1e-15));
    }

    @Test
    void imagesSentToAnEmbeddingModelArePricedOneByOneOnTopOfItsTokens() throws Exception {
        String embed = "amazon.titan-embed-image-v1";
        PricingTable t = table(row(embed, "input_per_1k=0.0008", "output_per_1k=0")
                + row(embed, "unit=image", "price_per_unit=0.00006"));
        // 500 text tokens and 2 images: 500·0.0008/1000 + 2·0.00006 = 0.0004 + 0.00012 = 0.00052
        Priced p = t.price(Records.of(embed).tokens(500, 0).imagesSent(2).build());
        assertThat(p.costUsd()).isCloseTo(0.00052, within(1e-15));
        assertThat(p.images()).isEqualTo(2);
        assertThat(p.basis().rule()).isEqualTo(CostBasis.TOKENS);
        // text only: 0.0004
        assertThat(t.price(Records.of(embed).tokens(500, 0).build()).costUsd()).isCloseTo(0.0004, within(1e-15));
    }

    @Test
    void imagesSentBeforeTheModelsTokenRowExistsArePricedByTheImageRowAlone() throws Exception {
        String embed = "amazon.titan-embed-image-v1";
        PricingTable t = table(row(embed, "input_per_1k=0.0008", "output_per_1k=0", "valid_from=2026-01-01")
                + row(embed, "unit=image", "price_per_unit=0.00006"));
        // 2 images · 0.00006 = 0.00012; the text tokens have no row yet
        Priced p = t.price(Records.of(embed).tokens(500, 0).imagesSent(2).build());
        assertThat(p.costUsd()).isCloseTo(0.00012, within(1e-15));
        assertThat(p.basis().rule()).isEqualTo(CostBasis.IMAGES);
    }

    @Test
    void failedCallsCostNothingWhateverCountsTheyCarry() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015")
                + row(PricingTable.GUARDRAIL, "unit=contentPolicyUnits", "price_per_unit=0.00015"));
        Priced p = t.price(Records.of("m").tokens(50_000, 9_000).cache(1000, 1000).error("ModelTimeoutException")
                .guardrail(Map.of("contentPolicyUnits", 10L)).build());
        assertThat(p.costUsd()).isZero();
        assertThat(p.guardrailCostUsd()).isZero();
        assertThat(p.priced()).isTrue();
        assertThat(p.failed()).isTrue();
        assertThat(p.rule()).startsWith("failed call");
    }

    @Test
    void aFailedCallSharesItsWindowsTokenRowAndStillSaysItFailed() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015", "price_book=b"));
        Priced throttled = t.price(Records.of("m").tokens(700, 0).error("ThrottlingException").build());
        Priced served = t.price(Records.of("m").tokens(10, 10).build());
        assertThat(throttled.costUsd()).isZero();
        assertThat(throttled.basis()).isSameAs(served.basis());
        assertThat(throttled.rule()).startsWith("failed call");
    }

    @Test
    void aGuardrailBlockedCallCostsItsModelTokensAndItsPolicyUnitsApart() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=0.003", "output_per_1k=0.015")
                + row(PricingTable.GUARDRAIL, "unit=contentPolicyUnits", "price_per_unit=0.00015")
                + row(PricingTable.GUARDRAIL, "unit=topicPolicyUnits", "price_per_unit=0.00015")
                + row(PricingTable.GUARDRAIL, "unit=wordPolicyUnits", "price_per_unit=0"));
        // blocked on input: the model saw no tokens (0 · rates = 0); units: 2·0.00015 + 2·0.00015 + 2·0 = 0.0006
        Priced blocked = t.price(Records.of("m").tokens(0, 0).guardrail(Map.of("contentPolicyUnits", 2L,
                "topicPolicyUnits", 2L, "wordPolicyUnits", 2L, "contextualGroundingPolicyUnits", 3L)).build());
        assertThat(blocked.costUsd()).isZero();
        assertThat(blocked.guardrailCostUsd()).isCloseTo(0.0006, within(1e-15));
        // blocked on output: 70 in, 209 out: (70·0.003 + 209·0.015) / 1000 = (0.21 + 3.135) / 1000 = 0.003345
        Priced output = t.price(Records.of("m").tokens(70, 209).guardrail(Map.of("contentPolicyUnits", 1L)).build());
        assertThat(output.costUsd()).isCloseTo(0.003345, within(1e-15));
        assertThat(output.guardrailCostUsd()).isCloseTo(0.00015, within(1e-15));
    }

    @Test
    void provisionedThroughputCostsNothingPerTokenAndShowsItsHourlyCommitment() throws Exception {
        String arn = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/p9";
        PricingTable t = table(row("amazon.nova-pro-v1:0", "input_per_1k=0.0008", "output_per_1k=0.0032")
                + row(arn, "unit=model_unit_hour", "unit_variant=2", "price_per_unit=24.5", "resolves_to=amazon.nova-pro-v1:0",
                "price_book=pt-2025"));
        Priced p = t.price(Records.of(arn).tokens(10_000, 10_000).build());
        assertThat(p.costUsd()).isZero();
        assertThat(p.priced()).isTrue();
        assertThat(p.basis().rule()).isEqualTo(CostBasis.PROVISIONED);
        assertThat(p.priceBook()).isEqualTo("pt-2025");
        // 2 model units · 24.5 USD an hour · 24 hours = 1176
        List<PricingTable.Commitment> day = t.commitments(Instant.parse("2025-11-20T00:00:00Z"), Instant.parse("2025-11-21T00:00:00Z"));
        assertThat(day).singleElement().satisfies(c -> {
            assertThat(c.modelUnits()).isEqualTo(2);
            assertThat(c.hours()).isEqualTo(24.0);
            assertThat(c.commitmentUsd()).isCloseTo(1176.0, within(1e-9));
            assertThat(c.modelId()).isEqualTo("amazon.nova-pro-v1:0");
        });
        assertThat(t.find(arn)).as("no per-token list price").isNull();
    }

    @Test
    void anApplicationProfileIsPricedAsWhatItResolvesToAndOtherwiseStaysUnpriced() throws Exception {
        String app = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3";
        String other = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/zz";
        PricingTable t = table(row(SONNET, "input_per_1k=0.0033", "output_per_1k=0")
                + row(SONNET, "input_per_1k=0.003", "output_per_1k=0", "scope=global")
                + row(app, "resolves_to=global." + SONNET));
        // wraps the global profile: 1000·0.003/1000 = 0.003
        assertThat(t.price(Records.of(app).tokens(1000, 0).build()).costUsd()).isCloseTo(0.003, within(1e-15));
        Priced unmapped = t.price(Records.of(other).tokens(1000, 0).build());
        assertThat(unmapped.priced()).isFalse();
        assertThat(unmapped.costUsd()).isZero();
        // an alias from monitor.pricing.aliases maps the same way: 1000·0.0033/1000 = 0.0033
        PricingTable aliased = table(row(SONNET, "input_per_1k=0.0033", "output_per_1k=0"), Map.of(other, SONNET));
        assertThat(aliased.price(Records.of(other).tokens(1000, 0).build()).costUsd()).isCloseTo(0.0033, within(1e-15));
    }

    @Test
    void theLatestPriceBookNotAfterTheRecordPricesIt() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=1", "output_per_1k=0", "price_book=2025-01")
                + row("m", "input_per_1k=2", "output_per_1k=0", "valid_from=2025-06-01", "price_book=2025-06")
                + row("m", "input_per_1k=3", "output_per_1k=0", "valid_from=2025-11-01T12:00:00Z", "price_book=2025-11"));
        // 1000 input tokens: 1 before June, 2 from 1 June, 3 from 1 November noon (UTC)
        Priced may = t.price(Records.of("m").tokens(1000, 0).at("2025-05-31T23:59:59Z").build());
        Priced june = t.price(Records.of("m").tokens(1000, 0).at("2025-06-01T00:00:00Z").build());
        Priced november = t.price(Records.of("m").tokens(1000, 0).at("2025-11-01T12:00:00Z").build());
        assertThat(may.costUsd()).isEqualTo(1.0);
        assertThat(may.priceBook()).isEqualTo("2025-01");
        assertThat(june.costUsd()).isEqualTo(2.0);
        assertThat(june.priceBook()).isEqualTo("2025-06");
        assertThat(november.costUsd()).isEqualTo(3.0);
        assertThat(november.priceBook()).isEqualTo("2025-11");
    }

    @Test
    void aRecordOlderThanEveryRowIsUnpricedAndAMoreSpecificRowNotYetValidDoesNotHideAnOlderOne() throws Exception {
        PricingTable dated = table(row("m", "input_per_1k=1", "output_per_1k=0", "valid_from=2025-06-01"));
        assertThat(dated.price(Records.of("m").tokens(1000, 0).at("2025-05-01T00:00:00Z").build()).priced()).isFalse();
        PricingTable t = table(row("m", "input_per_1k=1", "output_per_1k=0")
                + row("m", "input_per_1k=0.9", "output_per_1k=0", "scope=global", "valid_from=2025-10-01"));
        // a global call in September: the global row does not exist yet, so the blank-scope row: 1000·1/1000 = 1
        assertThat(t.price(Records.of("global.m").tokens(1000, 0).at("2025-09-01T00:00:00Z").build()).costUsd()).isEqualTo(1.0);
        // in October: 1000·0.9/1000 = 0.9
        assertThat(t.price(Records.of("global.m").tokens(1000, 0).at("2025-10-02T00:00:00Z").build()).costUsd()).isEqualTo(0.9);
    }

    @Test
    void anUnknownTierFromTheLogIsPricedAsStandard() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=1", "output_per_1k=0", "tier=standard"));
        Priced p = t.price(Records.of("m").tokens(1000, 0).responseTier("turbo-deluxe").build());
        assertThat(p.basis().tier()).isEqualTo("standard");
        assertThat(p.costUsd()).isEqualTo(1.0);
    }

    @Test
    void costsStayFiniteAtTheLargestPriceAndTokenCounts() throws Exception {
        PricingTable t = table(row("m", "input_per_1k=1000000", "output_per_1k=1000000", "cache_read_per_1k=1000000",
                "cache_write_per_1k=1000000"));
        // 10^12 tokens of each class at 10^6 USD per 1k: 4 · 10^12 · 10^6 / 1000 = 4·10^15, finite
        Priced p = t.price(Records.of("m").tokens(1_000_000_000_000L, 1_000_000_000_000L)
                .cache(1_000_000_000_000L, 1_000_000_000_000L).build());
        assertThat(p.costUsd()).isCloseTo(4e15, within(1.0));
        assertThat(Double.isFinite(t.price(Records.of("m").tokens(Long.MAX_VALUE, Long.MAX_VALUE).build()).costUsd())).isTrue();
    }

    @Test
    void servedTierNamesTheTierThatBilledTheRecord() {
        assertThat(PricingTable.servedTier(Records.of("m").build().billing())).isEqualTo("standard");
        assertThat(PricingTable.servedTier(Records.of("m").batch().responseTier("priority").build().billing())).isEqualTo("batch");
        assertThat(PricingTable.servedTier(Records.of("m").latency("optimized").responseTier("flex").build().billing()))
                .isEqualTo("latency-optimized");
        assertThat(PricingTable.servedTier(Records.of("m").requestTier("reserved").build().billing())).isEqualTo("reserved");
    }
}
