package org.bedrockmonitor.aws;

import java.util.Arrays;
import java.util.List;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.bedrockmonitor.config.Settings;
import org.bedrockmonitor.ingest.S3KeyForms;
import org.bedrockmonitor.ingest.S3NotificationParser;
import org.bedrockmonitor.metrics.EmfLines;
import org.bedrockmonitor.metrics.MetricsDrops;
import org.bedrockmonitor.metrics.ObjectMetrics;
import org.bedrockmonitor.metrics.TopPrincipals;
import org.bedrockmonitor.store.StateStore;

/** Beans of AWS mode (notification parsing) and of the metrics box (used locally too). */
public class AwsConfiguration implements CamelConfiguration {

    @PropertyInject("monitor.environment")
    private String environment;
    @PropertyInject("monitor.aws.key-prefixes")
    private String keyPrefixes;
    @PropertyInject("monitor.aws.queue-url")
    private String queueUrl;
    @PropertyInject("monitor.metrics.namespace")
    private String namespace;
    @PropertyInject("monitor.metrics.top-principals")
    private String topPrincipals;

    @Override
    public void configure(CamelContext camelContext) {
        // SQS_QUEUE_URL wins over the queue name when given (a queue in another account needs it)
        if (queueUrl != null && !queueUrl.isBlank()) {
            camelContext.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration().setQueueUrl(queueUrl.trim());
        }
    }

    @BindToRegistry("s3Notifications")
    public S3NotificationParser s3Notifications() {
        return new S3NotificationParser(list(keyPrefixes));
    }

    private MetricsDrops metricsDrops;

    @BindToRegistry("metricsDrops")
    public synchronized MetricsDrops metricsDrops() {
        if (metricsDrops == null) {
            metricsDrops = new MetricsDrops();
        }
        return metricsDrops;
    }

    @BindToRegistry("objectMetrics")
    public ObjectMetrics objectMetrics(StateStore stateStore) {
        return new ObjectMetrics(environment,
                new TopPrincipals(stateStore, Settings.positiveInt("monitor.metrics.top-principals", topPrincipals)),
                metricsDrops());
    }

    /** Swaps an S3 key for its other form before getObject is retried after NoSuchKey (routes/s3-notifications). */
    @BindToRegistry("s3KeyOtherForm")
    public S3KeyForms s3KeyOtherForm() {
        return new S3KeyForms();
    }

    @BindToRegistry("emfLines")
    public EmfLines emfLines() {
        return new EmfLines(namespace);
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
