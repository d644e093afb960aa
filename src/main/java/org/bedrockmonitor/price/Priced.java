package org.bedrockmonitor.price;

/**
 * The cost of one record: model cost, guardrail policy cost (apart, as AWS bills it), the images it
 * was billed for, how it was priced, and the table row that priced it (null for failed and unpriced
 * records). A failed call keeps the basis of its model's token row, so it shares its window's row;
 * {@code failed} says why it cost nothing.
 */
public record Priced(double costUsd, double guardrailCostUsd, long images, CostBasis basis, PriceRow row, boolean failed) {

    public boolean priced() {
        return basis.priced();
    }

    public String priceBook() {
        return basis.priceBook();
    }

    /** The rule in words, with the row that applied: what finance reads to audit one figure. */
    public String rule() {
        if (failed) {
            return "failed call: costs nothing";
        }
        String applied = switch (basis.rule()) {
            case CostBasis.UNPRICED -> "unpriced: no row of the pricing table applies";
            case CostBasis.PROVISIONED -> "provisioned throughput: 0 per token, billed per model unit and hour";
            default -> basis.rule() + " at tier " + basis.tier();
        };
        return row == null ? applied : applied + " (" + row.where() + ")";
    }
}
