package org.bedrockmonitor.parse;

/**
 * What one CloudTrail object contributed: every event read (kept, filtered out or rejected), the Bedrock
 * events handed on, and the events that could not be understood.
 */
public record CloudTrailCounts(long eventsRead, long bedrockEvents, long rejected) {
}
