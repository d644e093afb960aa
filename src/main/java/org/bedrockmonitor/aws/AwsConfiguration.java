package org.bedrockmonitor.aws;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.aws2.sqs.Sqs2Component;
import org.bedrockmonitor.config.Settings;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.ingest.ObjectLedger;
import org.bedrockmonitor.ingest.ObjectLedgerFolderStore;
import org.bedrockmonitor.ingest.ObjectLedgerS3Store;
import org.bedrockmonitor.ingest.S3KeyForms;
import org.bedrockmonitor.ingest.ObjectLedgerStore;
import org.bedrockmonitor.ingest.S3NotificationParser;
import org.bedrockmonitor.metrics.EmfLines;
import org.bedrockmonitor.metrics.MetricsDrops;
import org.bedrockmonitor.metrics.ObjectMetrics;
import org.bedrockmonitor.metrics.TopPrincipals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Beans of AWS mode: notification parsing, the object ledger and the metrics box (used locally too). */
public class AwsConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AwsConfiguration.class);

    @PropertyInject("monitor.environment")
    private String environment;
    @PropertyInject("monitor.aws.key-prefixes")
    private String keyPrefixes;
    @PropertyInject("monitor.aws.queue-url")
    private String queueUrl;
    @PropertyInject("monitor.aws.ledger.store")
    private String ledgerStore;
    @PropertyInject("monitor.aws.ledger.claim-seconds")
    private String claimSeconds;
    @PropertyInject("monitor.aws.ledger.key-prefix")
    private String ledgerPrefix;
    @PropertyInject("monitor.aws.report-bucket")
    private String reportBucket;
    @PropertyInject("monitor.state.dir")
    private String stateDir;
    @PropertyInject("monitor.metrics.namespace")
    private String namespace;
    @PropertyInject("monitor.metrics.top-principals")
    private String topPrincipals;

    private volatile CamelContext camelContext;

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
        // SQS_QUEUE_URL wins over the queue name when given (a queue in another account needs it)
        if (queueUrl != null && !queueUrl.isBlank()) {
            camelContext.getComponent("aws2-sqs", Sqs2Component.class).getConfiguration().setQueueUrl(queueUrl.trim());
        }
    }

    @BindToRegistry("s3Notifications")
    public S3NotificationParser s3Notifications() {
        return new S3NotificationParser(list(keyPrefixes));
    }

    @BindToRegistry("objectLedger")
    public ObjectLedger objectLedger() {
        Duration claim = Duration.ofSeconds(Settings.positiveLong("monitor.aws.ledger.claim-seconds", claimSeconds));
        String kind = ledgerStore.trim().toLowerCase(Locale.ROOT);
        ObjectLedgerStore store = switch (kind) {
            case "s3" -> new ObjectLedgerS3Store(new LazyProducer(), "aws2-s3://" + reportBucket.trim(), ledgerPrefix);
            case "folder" -> new ObjectLedgerFolderStore(Path.of(stateDir, "objects"));
            default -> throw new UserError("monitor.aws.ledger.store=" + ledgerStore + " is not valid (allowed: s3, folder)");
        };
        return new ObjectLedger(store, claim, Clock.systemUTC());
    }

    @BindToRegistry("metricsDrops")
    public MetricsDrops metricsDrops() {
        return new MetricsDrops();
    }

    @BindToRegistry("objectMetrics")
    public ObjectMetrics objectMetrics(MetricsDrops metricsDrops) {
        return new ObjectMetrics(environment,
                new TopPrincipals(Settings.positiveInt("monitor.metrics.top-principals", topPrincipals)),
                metricsDrops, this::anomalyScores);
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

    /** Scores from the detection box's {@code alertEngine} bean when it is installed, else none. */
    private Map<String, Double> anomalyScores() {
        Object engine = camelContext == null ? null : camelContext.getRegistry().lookupByName("alertEngine");
        if (engine == null) {
            return Map.of();
        }
        try {
            Method method = engine.getClass().getMethod("anomalyScores");
            if (!(method.invoke(engine) instanceof Map<?, ?> scores)) {
                return Map.of();
            }
            Map<String, Double> byModel = new HashMap<>();
            scores.forEach((model, score) -> {
                if (model != null && score instanceof Number n) {
                    byModel.put(model.toString(), n.doubleValue());
                }
            });
            return byModel;
        } catch (ReflectiveOperationException e) {
            LOG.warn("alertEngine has no usable anomalyScores(): AnomalyScore is not published ({})", e.toString());
            return Map.of();
        }
    }

    /** The ledger writes through the aws2-s3 component; its template exists once Camel is up. */
    private final class LazyProducer implements Supplier<ProducerTemplate> {
        private ProducerTemplate template;

        @Override
        public synchronized ProducerTemplate get() {
            if (template == null) {
                template = camelContext.createProducerTemplate();
            }
            return template;
        }
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
