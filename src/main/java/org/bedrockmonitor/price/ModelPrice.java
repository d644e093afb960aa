package org.bedrockmonitor.price;

/** USD per 1,000 tokens for one model id (a row of the pricing table). */
public record ModelPrice(String modelId, double inputPer1k, double outputPer1k, double cacheReadPer1k,
                         double cacheWritePer1k) {

    public double cost(long input, long output, long cacheRead, long cacheWrite) {
        return (input * inputPer1k + output * outputPer1k + cacheRead * cacheReadPer1k
                + cacheWrite * cacheWritePer1k) / 1000.0;
    }
}
