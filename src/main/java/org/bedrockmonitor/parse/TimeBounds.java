package org.bedrockmonitor.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time range a record or CloudTrail event must fall in to be counted: not before {@code oldest}
 * (Bedrock did not exist before 2023, so an older stamp is a broken clock or a forged line) and not more
 * than {@code maxSkew} after the wall clock. A stamp outside it would file its record under a day no
 * report reads, or stretch a run's period over centuries.
 */
public record TimeBounds(Instant oldest, Duration maxSkew, Clock clock) {

    /** No bounds: every stamp is taken (tests and tools that read historical samples as they are). */
    public static final TimeBounds UNBOUNDED = new TimeBounds(Instant.MIN, null, Clock.systemUTC());

    /** The range for records read now; taken once per object, so the clock is not read per record. */
    public Range now() {
        return new Range(oldest, maxSkew == null ? Instant.MAX : clock.instant().plus(maxSkew));
    }

    /** A fixed range: {@link #problem} says why a stamp is outside it, null when it is inside. */
    public record Range(Instant oldest, Instant newest) {

        public String problem(Instant at) {
            if (at.isBefore(oldest)) {
                return "timestamp before " + oldest + " (monitor.parse.oldest)";
            }
            if (at.isAfter(newest)) {
                return "timestamp after " + newest + " (monitor.parse.max-skew ahead of the clock)";
            }
            return null;
        }
    }
}
