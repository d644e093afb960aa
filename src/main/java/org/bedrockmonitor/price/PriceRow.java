package org.bedrockmonitor.price;

import java.time.Instant;

/**
 * One row of the pricing table, as read from its file.
 *
 * @param modelId        as written (a base id, a prefixed profile id or an ARN)
 * @param unit           {@code token}, {@code image}, {@code model_unit_hour} or a guardrail usage field
 * @param variant        image {@code <size class>/<quality>}; the model units bought for {@code model_unit_hour}
 * @param tier           "" for any tier
 * @param scope          "" for any scope
 * @param region         the record's source region, "" for any
 * @param validFrom      null: valid since always
 * @param longContextThreshold 0 when the row has no long-context rates
 * @param perUnit        USD per image, model unit hour or guardrail unit
 * @param resolvesTo     what an ARN row wraps, "" when the row prices by itself
 */
public record PriceRow(String file, long line, String modelId, String unit, String variant, String tier, String scope,
                       String region, Instant validFrom, TokenRates rates, long longContextThreshold,
                       TokenRates longContextRates, double perUnit, String resolvesTo, String priceBook) {

    public static final String TOKEN = "token";
    public static final String IMAGE = "image";
    public static final String MODEL_UNIT_HOUR = "model_unit_hour";

    /** Where the row is, for messages and the per-record audit: {@code pricing.csv line 12}. */
    public String where() {
        return file + " line " + line;
    }

    boolean validAt(Instant at) {
        return validFrom == null || !validFrom.isAfter(at);
    }

    boolean maps() {
        return !resolvesTo.isEmpty();
    }
}
