package org.bedrockmonitor.security;

import java.time.Instant;

import org.bedrockmonitor.parse.AuditEvent;

/** Builds {@link AuditEvent}s for the detection tests: a successful boto3 InvokeModel unless told otherwise. */
final class Events {

    static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    static final String BOB = "arn:aws:sts::111122223333:assumed-role/app-role/bob";
    static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String BOTO3 = "Boto3/1.35.50 md/Botocore#1.35.50 ua/2.0 os/linux#6.8.0 lang/python#3.12.3";

    private static long sequence;

    private Instant time = Instant.parse("2026-03-02T10:00:00Z");
    private String name = "InvokeModel";
    private String principal = ALICE;
    private String type = "IAMUser";
    private String ip = "198.51.100.10";
    private String agent = BOTO3;
    private String error;
    private String model = MODEL;
    private Boolean delivery;

    static Events event() {
        return new Events();
    }

    Events at(String isoTime) {
        time = Instant.parse(isoTime);
        return this;
    }

    Events at(Instant instant) {
        time = instant;
        return this;
    }

    Events named(String eventName) {
        name = eventName;
        return this;
    }

    Events by(String principalArn) {
        principal = principalArn;
        return this;
    }

    Events asService(String service) {
        principal = service;
        type = "AWSService";
        ip = service;
        agent = service;
        return this;
    }

    Events from(String sourceIp) {
        ip = sourceIp;
        return this;
    }

    Events agent(String userAgent) {
        agent = userAgent;
        return this;
    }

    Events failing(String errorCode) {
        error = errorCode;
        return this;
    }

    Events model(String modelId) {
        model = modelId;
        return this;
    }

    Events delivery(Boolean enabled) {
        delivery = enabled;
        return this;
    }

    AuditEvent build() {
        return new AuditEvent(time, "evt-" + (++sequence), "bedrock.amazonaws.com", name, "us-east-1", "111122223333",
                principal, type, ip, agent, error, error == null ? null : "not authorized", model,
                name.startsWith("Get") || name.startsWith("List") || name.startsWith("Invoke") || name.startsWith("Converse"),
                true, delivery);
    }
}
