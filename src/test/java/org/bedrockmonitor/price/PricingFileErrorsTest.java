package org.bedrockmonitor.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake in a pricing file that would price silently wrong is one sentence naming the file and line. */
class PricingFileErrorsTest {

    @TempDir
    Path dir;

    static final String HEADER = "model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k,provider\n";

    PricingTable load(String csv) throws Exception {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return PricingTable.load(file.toString(), "");
    }

    void refused(String csv, String... mentions) {
        assertThatThrownBy(() -> load(csv)).isInstanceOf(UserError.class).satisfies(e -> {
            String message = e.getMessage();
            assertThat(message).contains("p.csv").doesNotContain("\n");
            for (String mention : mentions) {
                assertThat(message).contains(mention);
            }
        });
    }

    @Test
    void aQuotedDecimalCommaIsNamed() {
        refused(HEADER + "a,\"0,00025\",0.00125,0,0,Anthropic\n", "line 2", "input_per_1k '0,00025'", "decimal comma");
    }

    @Test
    void anUnquotedDecimalCommaThatShiftsTheColumnsIsCaught() {
        // 0,00025 splits into 0 and 00025: the values shift one column right and the provider falls off
        refused(HEADER + "a,0,00025,0.00125,0,Anthropic\n", "line 2", "output_per_1k '00025'", "decimal comma");
        // with one value too many for the header
        refused(HEADER + "a,0,00025,0.00125,0,0,Anthropic\n", "line 2", "7 values for 6 columns", "decimal comma");
    }

    @Test
    void aSemicolonSeparatedSpreadsheetExportIsNamed() {
        refused("model_id;input_per_1k;output_per_1k\na;0,1;0,2\n", "line 1", "';'");
    }

    @Test
    void aDuplicatedColumnIsNamedWithBothPositions() {
        refused("model_id,input_per_1k,output_per_1k,input_per_1k\na,1,2,3\n", "line 1", "column input_per_1k appears twice",
                "columns 2 and 4");
    }

    @Test
    void aValueThatIsNotAFiniteNonNegativeNumberIsRefused() {
        for (String value : new String[] {"NaN", "Infinity", "-1", "1e400", "0x10", "1.2.3", "€3"}) {
            refused(HEADER + "a," + value + ",1,0,0,x\n", "line 2", "input_per_1k '" + value + "'", "not a finite non-negative number");
        }
    }

    @Test
    void anAbsurdPriceIsRefused() {
        refused(HEADER + "a,1e308,1,0,0,x\n", "line 2", "input_per_1k '1e308'", "above 1000000 USD");
        refused(HEADER + "a,1000001,1,0,0,x\n", "line 2", "above 1000000 USD");
    }

    @Test
    void twoRowsThatWouldTieNameBothLines() {
        refused(HEADER + "a,1,1,0,0,x\nb,1,1,0,0,x\na,2,2,0,0,x\n", "lines 2 and 4", "model_id a appears twice");
        String dated = "model_id,input_per_1k,output_per_1k,tier,scope,region,valid_from\n";
        refused(dated + "a,1,1,flex,global,eu-west-1,2025-06-01\na,1,1,flex,global,eu-west-1,2025-06-01T00:00:00Z\n",
                "lines 2 and 3");
    }

    @Test
    void rowsThatDifferInAnySelectingColumnDoNotTie() throws Exception {
        String header = "model_id,input_per_1k,output_per_1k,tier,scope,region,valid_from\n";
        PricingTable t = load(header + "a,1,1,,,,\na,1,1,flex,,,\na,1,1,,global,,\na,1,1,,,eu-west-1,\na,1,1,,,,2025-06-01\n");
        assertThat(t.find("a")).isNotNull();
    }

    @Test
    void aByteOrderMarkIsAccepted() throws Exception {
        PricingTable t = load("\uFEFF" + HEADER + "a,0.00025,0.00125,0,0,x\n");
        assertThat(t.find("a").inputPer1k()).isEqualTo(0.00025);
    }

    @Test
    void unknownTiersScopesUnitsAndRegionsAreNamedWithTheAllowedValues() {
        String header = "model_id,input_per_1k,output_per_1k,tier,scope,region,unit,valid_from\n";
        refused(header + "a,1,1,cheap,,,,\n", "line 2", "tier 'cheap'", "batch, flex, latency-optimized, priority, standard");
        refused(header + "a,1,1,,everywhere,,,\n", "scope 'everywhere'", "geo, global, in-region");
        refused(header + "a,1,1,,,Frankfurt,,\n", "region 'Frankfurt'");
        refused(header + "a,1,1,,,,pixel,\n", "unit 'pixel'");
        refused(header + "a,1,1,,,,,yesterday\n", "valid_from 'yesterday'");
    }

    @Test
    void longContextRatesNeedTheirThresholdAndTheThresholdNeedsItsRates() {
        String header = "model_id,input_per_1k,output_per_1k,cache_read_per_1k,long_context_threshold,lc_input_per_1k,"
                + "lc_output_per_1k,lc_cache_read_per_1k\n";
        refused(header + "a,1,1,0,,2,2,\n", "lc_input_per_1k must be blank because the row has no long_context_threshold");
        refused(header + "a,1,1,0,200000,,2,\n", "lc_input_per_1k is empty");
        refused(header + "a,1,1,0.1,200000,2,2,\n", "lc_cache_read_per_1k is blank but cache_read_per_1k is not");
        refused(header + "a,1,1,0,-5,2,2,\n", "long_context_threshold '-5'");
    }

    @Test
    void rowsPricedPerUnitKeepTheTokenColumnsBlankAndNeedTheirPrice() {
        String header = "model_id,input_per_1k,output_per_1k,unit,unit_variant,price_per_unit,resolves_to\n";
        refused(header + "img,1,,image,1024/standard,0.04,\n", "input_per_1k must be blank because it is priced per image");
        refused(header + "img,,,image,1024/standard,,\n", "price_per_unit is empty");
        refused(header + "img,,,image,huge,0.04,\n", "unit_variant 'huge'");
        refused(header + "m,1,1,,,0.5,\n", "price_per_unit must be blank because it is priced per token");
    }

    @Test
    void guardrailUnitsArePricedByGuardrailRowsOnly() {
        String header = "model_id,input_per_1k,output_per_1k,unit,price_per_unit\n";
        refused(header + "m,,,contentPolicyUnits,0.00015\n", "line 2", "model_id is guardrail");
        refused(header + "guardrail,1,1,,\n", "line 2", "model_id is guardrail");
    }

    @Test
    void mappedArnsTakeTheirPricesFromTheTargetOnly() {
        String header = "model_id,input_per_1k,output_per_1k,unit,unit_variant,price_per_unit,resolves_to\n";
        String app = "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1";
        String provisioned = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/p1";
        refused(header + "m,1,1,,,,\n" + app + ",1,1,,,,m\n", "input_per_1k must be blank because resolves_to m gives this row its prices");
        refused(header + "m,1,1,,,,\n" + app + ",,,,,,nothing\n", "resolves_to nothing has no price rows");
        refused(header + "m,1,1,,,,\nn,1,1,,,,\n" + app + ",,,,,,m\n" + app + ",,,model_unit_hour,,2,n\n", "one id wraps one model");
        refused(header + provisioned + ",1,1,,,,\n", "needs resolves_to");
        refused(header + "m,1,1,,,,\n" + provisioned + ",,,model_unit_hour,two,20,m\n", "unit_variant 'two'");
    }
}
