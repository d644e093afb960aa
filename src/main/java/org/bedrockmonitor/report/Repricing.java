package org.bedrockmonitor.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bedrockmonitor.aggregate.Stats;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.price.PricingTable;

/**
 * What a period's stored costs would be under another pricing table ({@code report --reprice}): each
 * rollup row's token classes (and images) replayed with the rule, tier and region the row was priced
 * with, at its window's start, against the table's row valid then; the tokens of failed calls, which
 * cost nothing, are left out. Stored costs are never changed; this
 * only shows the difference. Guardrail policy cost is kept as stored: rollups keep its cost, not its
 * units.
 *
 * @param lines per model and price book, largest difference first
 */
public record Repricing(Period period, List<Line> lines, double storedUsd, double repricedUsd, double differenceUsd,
                        double guardrailUsd) {

    /**
     * One model's rows priced with {@code storedPriceBook}, and what the table gives them now.
     *
     * @param repricedPriceBook the current table's price book(s) for them; "" when it cannot price them
     */
    public record Line(String modelId, String storedPriceBook, String repricedPriceBook, long invocations,
                       double storedUsd, double repricedUsd, double differenceUsd) {
    }

    public static Repricing of(List<WindowStats> rows, PricingTable table, Period period) {
        Map<List<String>, double[]> sums = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)).thenComparing(k -> k.get(2)));
        double guardrail = 0;
        for (WindowStats row : rows) {
            if (row.windowStart().isBefore(period.from()) || !row.windowStart().isBefore(period.to())) {
                continue;
            }
            Stats s = row.stats();
            long cacheWrite = s.cacheWriteTokens - s.unbilledCacheWriteTokens;
            PricingTable.Repriced now = table.reprice(row.modelId(), row.costBasis(), row.windowStart(),
                    s.inputTokens - s.unbilledInputTokens, s.outputTokens - s.unbilledOutputTokens,
                    s.cacheReadTokens - s.unbilledCacheReadTokens, cacheWrite, Math.min(cacheWrite, s.cacheWrite1hTokens), s.images);
            double[] sum = sums.computeIfAbsent(List.of(row.modelId(), row.costBasis().priceBook(), now.priceBook()),
                    k -> new double[3]);
            sum[0] += s.invocations;
            sum[1] += s.costUsd;
            sum[2] += now.costUsd();
            guardrail += s.guardrailCostUsd;
        }
        List<Line> lines = new ArrayList<>();
        sums.forEach((key, sum) -> lines.add(new Line(key.get(0), key.get(1), key.get(2), (long) sum[0], sum[1], sum[2],
                sum[2] - sum[1])));
        lines.sort(Comparator.comparingDouble((Line l) -> -Math.abs(l.differenceUsd())).thenComparing(Line::modelId));
        double stored = lines.stream().mapToDouble(Line::storedUsd).sum();
        double repriced = lines.stream().mapToDouble(Line::repricedUsd).sum();
        return new Repricing(period, List.copyOf(lines), stored, repriced, repriced - stored, guardrail);
    }
}
