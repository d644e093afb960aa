package org.bedrockmonitor.price;

/**
 * How a set of records was priced: the price book, the tier served, the record's source region and the
 * rule applied. A rollup row keeps it, so a new table never reprices a closed period without saying so,
 * and {@code report --reprice} can replay the row's tokens under another table.
 *
 * @param rule one of the constants below; {@code images} carries the image variant ({@code images 1024/premium})
 */
public record CostBasis(String priceBook, String tier, String region, String rule) {

    public static final String TOKENS = "tokens";
    public static final String LONG_CONTEXT = "long-context";
    public static final String IMAGES = "images";
    public static final String PROVISIONED = "provisioned";
    public static final String FAILED = "failed";
    public static final String UNPRICED = "unpriced";

    /** Rows written before price books existed: priced by tokens at the standard tier. */
    public static final CostBasis LEGACY = new CostBasis("", "", "", "");

    public CostBasis {
        priceBook = priceBook == null ? "" : priceBook;
        tier = tier == null ? "" : tier;
        region = region == null ? "" : region;
        rule = rule == null ? "" : rule;
    }

    public boolean priced() {
        return !UNPRICED.equals(rule);
    }

    /** The image variant of an {@code images} rule, "" otherwise. */
    public String imageVariant() {
        return rule.startsWith(IMAGES + " ") ? rule.substring(IMAGES.length() + 1) : "";
    }
}
