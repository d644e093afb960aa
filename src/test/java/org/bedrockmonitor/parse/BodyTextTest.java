package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyTextTest {

    static final String CANARY = "SecretCanary";
    static final String ENVELOPE = "{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2026-06-01T10:00:00Z\","
            + "\"identity\":{\"arn\":\"arn:aws:iam::1:user/a\"},\"requestId\":\"r-1\"";

    static String sample(String text, boolean bodiesAllowed) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        return BodyText.sample(raw, 0, raw.length, 1024, bodiesAllowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"input", "output", "inputBodyJson", "outputBodyJson", "inputText", "outputText", "prompt",
            "messages", "system", "content", "text", "generation", "completion", "results", "images", "outputs", "choices",
            "embedding", "reasoningContent", "toolUse", "requestMetadata", CANARY})
    void aSampleEndsWhereTheFirstFieldOutsideTheEnvelopeStarts(String field) {
        String record = ENVELOPE + ",\"" + field + "\":{\"x\":\"" + CANARY + " words\"},\"modelId\":\"m\"}";

        assertThat(sample(record, false)).isEqualTo(ENVELOPE + BodyText.WITHHELD).doesNotContain(CANARY);
        assertThat(sample(record, true)).isEqualTo(record);
    }

    @Test
    void aDamagedRecordIsKeptOnlyUpToTheFieldWhereItBreaks() {
        String good = ENVELOPE + ",\"operation\":\"Converse\",\"input\":{\"inputBodyJson\":{\"messages\":[{\"content\":[{\"text\":\""
                + CANARY + " question\"}]}]}}}";
        // a span deleted from inside the request id to inside the prompt: every body marker is gone
        String spanDeleted = good.substring(0, good.indexOf("r-1") + 2) + good.substring(good.indexOf("ext\":\"" + CANARY));
        // a quote deleted: the request id runs on into the prompt as one string
        String quoteDeleted = good.replace("\"r-1\",\"operation\"", "\"r-1,\"operation\"")
                .replace("\"input\":{\"inputBodyJson\":{\"messages\":[{\"content\":[{\"text\":\"", "\"");
        String newlineInId = good.replace("r-1", "r-\n1");

        for (String damaged : List.of(spanDeleted, quoteDeleted, newlineInId)) {
            assertThat(sample(damaged, false)).as(damaged)
                    .isEqualTo(ENVELOPE.substring(0, ENVELOPE.indexOf(",\"requestId\"")) + BodyText.WITHHELD);
        }
        // a span deleted from the identity's ARN: the record closes early and the bodies follow the brace
        String closedEarly = good.replace(":user/a\"}", "\"}");
        assertThat(sample(good.replace("\"identity\":{\"arn\":\"arn:aws:iam::1:user/a\"},", "\"identity\":\"x\"},"), false))
                .isEqualTo("{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2026-06-01T10:00:00Z\",\"identity\":\"x\"}"
                        + BodyText.WITHHELD);
        assertThat(sample(closedEarly, false)).doesNotContain(CANARY);
    }

    @Test
    void aFragmentThatDoesNotStartWithTheRecordsEnvelopeIsWithheldWhole() {
        for (String fragment : List.of("{\"query\":\"" + CANARY + "\"}", "    {\"role\":\"user\",\"q\":\"" + CANARY,
                "\"" + CANARY + "\"", CANARY + " plain words", "{\"inputText\":\"" + CANARY + "\"}", "{", "",
                "{\"schemaType\":\"" + CANARY + " words\"}")) {
            assertThat(sample(fragment, false)).as(fragment).isEqualTo(BodyText.WITHHELD);
        }
    }

    @Test
    void aRecordWithoutBodiesIsKeptAsItIsAndACutOffOneUpToItsLastWholeField() {
        String record = ENVELOPE + ",\"modelId\":\"m\",\"errorCode\":\"ValidationException\"}";
        assertThat(sample(record, false)).isEqualTo(record);
        assertThat(sample(record.substring(0, record.length() - 10), false)).isEqualTo(ENVELOPE + ",\"modelId\":\"m\"" + BodyText.WITHHELD);
    }
}
