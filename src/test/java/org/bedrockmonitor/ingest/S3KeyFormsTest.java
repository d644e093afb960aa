package org.bedrockmonitor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class S3KeyFormsTest {

    @Test
    void anEncodedKeyIsTriedDecodedAndAPlainKeyEncoded() {
        assertThat(S3KeyForms.otherForm("AWSLogs/1/corrupt+upload+%281%29.json.gz")).contains("AWSLogs/1/corrupt upload (1).json.gz");
        assertThat(S3KeyForms.otherForm("AWSLogs/1/corrupt upload (1).json.gz")).contains("AWSLogs/1/corrupt+upload+%281%29.json.gz");
        assertThat(S3KeyForms.otherForm("AWSLogs/1/caf%C3%A9.json")).contains("AWSLogs/1/café.json");
        assertThat(S3KeyForms.otherForm("AWSLogs/1/café.json")).contains("AWSLogs/1/caf%C3%A9.json");
    }

    @Test
    void aKeyThatReadsTheSameBothWaysHasNoOtherForm() {
        assertThat(S3KeyForms.otherForm("AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2025/06/01/10/x_1.json.gz")).isEmpty();
        assertThat(S3KeyForms.otherForm("AWSLogs/1/100%done.json")).as("a % that is not an escape").contains("AWSLogs/1/100%25done.json");
    }

    @Test
    void beforeTheRetryTheKeyAndTheSourceTakeTheOtherFormOnce() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(S3KeyForms.KEY_HEADER, "logs/a+b.json");
        exchange.getMessage().setHeader(S3KeyForms.SOURCE_HEADER, "s3://bucket/logs/a+b.json");
        S3KeyForms forms = new S3KeyForms();

        forms.process(exchange);
        forms.process(exchange);

        assertThat(exchange.getMessage().getHeader(S3KeyForms.KEY_HEADER)).isEqualTo("logs/a b.json");
        assertThat(exchange.getMessage().getHeader(S3KeyForms.SOURCE_HEADER)).isEqualTo("s3://bucket/logs/a b.json");
        assertThat(exchange.getMessage().getHeader(S3KeyForms.FIRST_KEY_HEADER)).isEqualTo("logs/a+b.json");
        assertThat(exchange.getMessage().getHeader(S3KeyForms.TRIED_KEYS_HEADER)).isEqualTo("logs/a+b.json and logs/a b.json");
    }
}
