package org.bedrockmonitor.price;

/** USD per 1,000 tokens of each token class; {@code cacheWrite} is the 5-minute write rate. */
public record TokenRates(double input, double output, double cacheRead, double cacheWrite, double cacheWrite1h) {

    public static final TokenRates ZERO = new TokenRates(0, 0, 0, 0, 0);

    /**
     * The cost of one request's tokens. The terms are added in the order the one-rate-per-class table
     * always added them, so a table without 1-hour writes prices to the same last bit as before.
     */
    public double cost(long input, long output, long cacheRead, long cacheWrite5m, long cacheWrite1h) {
        return (input * this.input + output * this.output + cacheRead * this.cacheRead
                + cacheWrite5m * this.cacheWrite + cacheWrite1h * this.cacheWrite1h) / 1000.0;
    }
}
