package org.bedrockmonitor.price;

/** USD per 1,000 tokens for one model id (a row of the pricing table); 1-hour cache writes have their own rate. */
public record ModelPrice(String modelId, double inputPer1k, double outputPer1k, double cacheReadPer1k,
                         double cacheWritePer1k, double cacheWrite1hPer1k) {

    public double cost(long input, long output, long cacheRead, long cacheWrite) {
        return (input * inputPer1k + output * outputPer1k + cacheRead * cacheReadPer1k
                + cacheWrite * cacheWritePer1k) / 1000.0;
    }
}
