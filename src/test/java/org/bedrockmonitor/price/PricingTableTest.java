package org.bedrockmonitor.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricingTableTest {

    @TempDir
    Path dir;

    PricingTable table(String csv, String aliases) throws IOException {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, csv);
        return PricingTable.load(file.toString(), aliases);
    }

    static final String HEADER = "model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k\n";

    @Test
    void bundledTableCoversEveryProviderFamily() {
        PricingTable bundled = PricingTable.load("", "");
        for (String id : new String[] {"anthropic.claude-3-haiku-20240307-v1:0", "amazon.nova-lite-v1:0",
                "amazon.titan-text-express-v1", "meta.llama3-1-70b-instruct-v1:0", "mistral.mistral-large-2407-v1:0",
                "cohere.command-r-v1:0", "ai21.jamba-1-5-mini-v1:0"}) {
            assertThat(bundled.find(id)).as(id).isNotNull();
        }
    }

    @Test
    void costIsTheSumOfEveryTokenKindPricedPerThousand() throws IOException {
        PricingTable t = table(HEADER + "m,0.003,0.015,0.0003,0.00375\n", "");
        assertThat(t.find("m").cost(1000, 2000, 10000, 400)).isCloseTo(0.003 + 0.030 + 0.003 + 0.0015, within(1e-12));
    }

    @Test
    void exactRowWinsOverTheGeoPrefixedBase() throws IOException {
        PricingTable t = table(HEADER + "anthropic.x-v1:0,1,1,0,0\nglobal.anthropic.x-v1:0,2,2,0,0\n", "");
        assertThat(t.find("global.anthropic.x-v1:0").inputPer1k()).isEqualTo(2);
        assertThat(t.find("us.anthropic.x-v1:0").inputPer1k()).isEqualTo(1);
        assertThat(t.find("eu.anthropic.x-v1:0").inputPer1k()).isEqualTo(1);
        assertThat(t.find("apac.anthropic.x-v1:0").inputPer1k()).isEqualTo(1);
        assertThat(t.find("jp.anthropic.x-v1:0").inputPer1k()).isEqualTo(1);
        assertThat(t.find("au.anthropic.x-v1:0").inputPer1k()).isEqualTo(1);
    }

    @Test
    void inferenceProfileAndFoundationModelArnsResolveToTheirModel() throws IOException {
        PricingTable t = table(HEADER + "anthropic.claude-haiku-4-5-20251001-v1:0,0.001,0.005,0,0\n", "");
        assertThat(t.find("arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0"))
                .isNotNull();
        assertThat(t.find("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0")).isNotNull();
    }

    @Test
    void applicationProfilesAndProvisionedModelsArePricedOnlyThroughAliases() throws IOException {
        String app = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3";
        String provisioned = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/p9";
        PricingTable without = table(HEADER + "amazon.nova-pro-v1:0,0.0008,0.0032,0,0\n", "");
        assertThat(without.find(app)).isNull();
        assertThat(without.find(provisioned)).isNull();
        PricingTable with = table(HEADER + "amazon.nova-pro-v1:0,0.0008,0.0032,0,0\n", app + "=amazon.nova-pro-v1:0");
        assertThat(with.find(app).modelId()).isEqualTo("amazon.nova-pro-v1:0");
        assertThat(with.find(provisioned)).isNull();
    }

    @Test
    void minorVersionSuffixIsRelaxedOnlyWhenUnambiguous() throws IOException {
        PricingTable t = table(HEADER + "amazon.titan-embed-text-v2:0,0.00002,0,0,0\nanthropic.claude-v2,8,24,0,0\nanthropic.claude-v2:1,9,25,0,0\n", "");
        assertThat(t.find("amazon.titan-embed-text-v2").modelId()).isEqualTo("amazon.titan-embed-text-v2:0");
        assertThat(t.find("anthropic.claude-3-haiku-20240307-v1:0:48k")).isNull();
        assertThat(t.find("anthropic.claude-v2:1").inputPer1k()).isEqualTo(9);
        assertThat(t.find("anthropic.claude-v2:2")).as("two rows share the relaxed id: no guess").isNull();
        assertThat(t.find("amazon.titan-embed-text-v3")).as("a major version is another model").isNull();
    }

    @Test
    void unknownColumnsAreIgnoredAndColumnOrderIsFree() throws IOException {
        PricingTable t = table("tier,output_per_1k,model_id,price_book,input_per_1k\nstandard,0.5,m,2026-01,0.25\n", "");
        assertThat(t.find("m").inputPer1k()).isEqualTo(0.25);
        assertThat(t.find("m").outputPer1k()).isEqualTo(0.5);
        assertThat(t.find("m").cacheReadPer1k()).isZero();
    }

    @Test
    void malformedRowsNameTheFileLineAndColumn() throws IOException {
        assertThatThrownBy(() -> table(HEADER + "a,1,1,0,0\nb,one,1,0,0\n", ""))
                .isInstanceOf(UserError.class).hasMessageContaining("p.csv line 3").hasMessageContaining("input_per_1k 'one'");
        assertThatThrownBy(() -> table(HEADER + "a,-1,1,0,0\n", "")).isInstanceOf(UserError.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> table("model,input\na,1\n", "")).isInstanceOf(UserError.class).hasMessageContaining("header must contain model_id");
        assertThatThrownBy(() -> table(HEADER + "a,1,1,0,0\na,2,2,0,0\n", "")).isInstanceOf(UserError.class).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> PricingTable.load(dir.resolve("missing.csv").toString(), "")).isInstanceOf(UserError.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> table(HEADER + "a,1,1,0,0\n", "not-a-pair")).isInstanceOf(UserError.class)
                .hasMessageContaining("monitor.pricing.aliases");
    }

    @Test
    void aTableWithOneRowPerModelPricesEveryRecordExactlyAsTheOneRateFormulaDid() throws IOException {
        String[][] rows = {
                {"anthropic.claude-3-5-sonnet-20241022-v2:0", "0.003", "0.015", "0.0003", "0.00375"},
                {"anthropic.claude-3-haiku-20240307-v1:0", "0.00025", "0.00125", "", ""},
                {"amazon.nova-lite-v1:0", "0.00006", "0.00024", "0.000015", "0"},
                {"amazon.titan-embed-text-v2:0", "0.00002", "0", "0", "0"},
                {"meta.llama3-1-70b-instruct-v1:0", "0.00072", "0.00072", "0", "0"}};
        StringBuilder csv = new StringBuilder(HEADER);
        for (String[] row : rows) {
            csv.append(String.join(",", row)).append('\n');
        }
        PricingTable t = table(csv.toString(), "");
        List<String> loggedAs = List.of("", "us.", "eu.", "global.", "apac.",
                "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.",
                "arn:aws:bedrock:us-east-1::foundation-model/");
        Random random = new Random(17);
        for (int i = 0; i < 2000; i++) {
            String[] row = rows[random.nextInt(rows.length)];
            String id = loggedAs.get(random.nextInt(loggedAs.size())) + row[0];
            long input = random.nextInt(300_000);
            long output = random.nextInt(20_000);
            long read = random.nextBoolean() ? random.nextInt(100_000) : 0;
            long write = random.nextBoolean() ? random.nextInt(10_000) : 0;
            // the formula of the one-row table, with its own parse of the row
            double before = (input * rate(row[1]) + output * rate(row[2]) + read * rate(row[3]) + write * rate(row[4])) / 1000.0;
            Priced now = t.price(Records.of(id).tokens(input, output).cache(read, write).build());
            assertThat(now.costUsd()).as(id).isEqualTo(before);
            assertThat(now.priced()).isTrue();
        }
    }

    private static double rate(String text) {
        return text.isEmpty() ? 0 : Double.parseDouble(text);
    }
}
