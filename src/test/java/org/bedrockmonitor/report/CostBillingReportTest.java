package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.price.CostBasis;
import org.bedrockmonitor.report.ReportModel.Cost;
import org.bedrockmonitor.windows.Rollups;
import org.junit.jupiter.api.Test;

/** The cost report says how each model was priced, what guardrails cost apart, and what provisioned throughput commits to. */
class CostBillingReportTest {

    static final String PROVISIONED = "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/<b>p9</b>";

    static WindowStats row(String model, CostBasis basis, double cost, double guardrail, boolean priced) {
        Stats s = new Stats();
        s.invocations = 4;
        s.inputTokens = 1000;
        s.costUsd = cost;
        s.guardrailCostUsd = guardrail;
        return new WindowStats(ReportFixtures.at(ReportFixtures.TECHNICAL_DAY, 9, 0), 300, model, "p", "", priced, s, basis);
    }

    final PriceLookup withCommitment = new PriceLookup() {
        @Override
        public ModelPrice priceOf(String modelId) {
            return ReportFixtures.PRICE_TABLE.get(modelId);
        }

        @Override
        public List<Commitment> commitments(Instant from, Instant to) {
            double hours = java.time.Duration.between(from, to).toHours();
            return List.of(new Commitment(PROVISIONED, "amazon.nova-pro-v1:0", 2, 24.5, hours, 2 * 24.5 * hours, "pt"));
        }
    };

    Cost cost(List<WindowStats> rows) {
        return new ReportBuilder(ReportFixtures.settings(), withCommitment).build(ReportType.COST, ReportFixtures.month(),
                new Rollups(rows, List.of(), 1, 0), List.of(), Instant.parse("2026-12-01T08:00:00Z")).cost();
    }

    @Test
    void eachModelListsItsPriceBooksTiersAndRulesAndGuardrailCostIsApart() {
        List<WindowStats> rows = List.of(
                row(ReportFixtures.SONNET, new CostBasis("aws-2025-11", "standard", "us-east-1", CostBasis.TOKENS), 1.5, 0.0003, true),
                row(ReportFixtures.SONNET, new CostBasis("aws-2026-01", "batch", "us-east-1", CostBasis.TOKENS), 0.5, 0, true),
                row(ReportFixtures.SONNET, new CostBasis("aws-2025-11", "standard", "us-east-1", CostBasis.FAILED), 0, 0, true),
                row(PROVISIONED, new CostBasis("pt", "standard", "us-east-1", CostBasis.PROVISIONED), 0, 0, true),
                row("mystery", new CostBasis("", "standard", "us-east-1", CostBasis.UNPRICED), 0, 0, false));

        Cost c = cost(rows);

        assertThat(c.guardrailCostUsd()).isCloseTo(0.0003, within(1e-15));
        assertThat(c.billing().get(0).modelId()).isEqualTo(ReportFixtures.SONNET);
        assertThat(c.billing().get(0).costUsd()).isCloseTo(2.0, within(1e-12));
        assertThat(c.billing().get(0).invocations()).isEqualTo(12);
        assertThat(c.billing().get(0).priceBooks()).containsExactly("aws-2025-11", "aws-2026-01");
        assertThat(c.billing().get(0).tiers()).containsExactly("batch", "standard");
        assertThat(c.billing().get(0).rules()).containsExactly("failed", "tokens");
        assertThat(c.billing()).filteredOn(b -> b.modelId().equals("mystery")).singleElement()
                .satisfies(b -> assertThat(b.priceBooks()).isEmpty());
        // 2 model units · 24.5 USD · 720 hours of November = 35,280
        assertThat(c.provisioned()).singleElement().satisfies(p -> assertThat(p.commitmentUsd()).isCloseTo(35_280, within(1e-6)));
    }

    @Test
    void theRenderedReportShowsThemEscaped() {
        List<WindowStats> rows = List.of(
                row(ReportFixtures.SONNET, new CostBasis("aws-2025-11", "flex", "us-east-1", CostBasis.TOKENS), 1.5, 0.25, true));
        ReportRenderer renderer = ReportRenderer.create(Path.of(ReportRenderer.TEMPLATE_FOLDER));
        RenderedReport report = renderer.render(new ReportBuilder(ReportFixtures.settings(), withCommitment).build(ReportType.COST,
                ReportFixtures.month(), new Rollups(rows, List.of(), 1, 0), List.of(), Instant.parse("2026-12-01T08:00:00Z")));

        assertThat(report.html()).contains("How each model was priced", "aws-2025-11", "flex", "Guardrail policy units cost $0.25",
                "Provisioned throughput", "$35,280.00").contains("&lt;b&gt;p9&lt;/b&gt;").doesNotContain("<b>p9");
        assertThat(report.text()).contains("price book aws-2025-11; tier flex; rule tokens", "2 model unit(s) at $24.50 an hour");
    }
}
