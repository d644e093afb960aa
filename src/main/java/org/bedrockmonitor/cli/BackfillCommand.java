package org.bedrockmonitor.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.bedrockmonitor.config.MonitorRuntime;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.ingest.Backfill;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Puts the log objects already in a bucket on the notification queue, so the running replicas read them
 * like new ones (in the aws profile, whatever MONITOR_PROFILE says: the queue and the ledger are AWS's).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Queues a notification for each log object of a bucket/prefix/day range the ledger has not read, "
                + "so the running replicas share the backfill.")
final class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "bucket of the log objects")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "key prefix, e.g. AWSLogs/123456789012/BedrockModelInvocationLogs/ (default: the whole bucket)")
    String prefix;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day (UTC) of the objects, from the day in the key, else the day written")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day (UTC), included")
    String to;

    @Option(names = "--queue", paramLabel = "NAME", description = "queue to put the notifications on (default: SQS_QUEUE_NAME)")
    String queue;

    @Option(names = "--dry-run", description = "list and count only; queue nothing")
    boolean dryRun;

    /** Properties of the run over the configuration files (tests point the AWS clients at emulators). */
    Map<String, String> properties = Map.of();

    @Override
    public Integer call() throws Exception {
        LocalDate first = day("--from", from);
        LocalDate last = day("--to", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw new UserError("--to " + to + " is before --from " + from);
        }
        Map<String, String> overrides = new LinkedHashMap<>(properties);
        overrides.put("camel.main.routes-include-pattern", MonitorRuntime.routeLocation("backfill"));
        overrides.put("camel.main.routes-exclude-pattern", "**/disabled-*.camel.yaml");
        overrides.put("monitor.aws.consume", "false");
        overrides.put("monitor.health.enabled", "false");
        if (queue != null) {
            overrides.put("monitor.aws.queue-name", queue);
        }
        PrintWriter out = spec.commandLine().getOut();
        Backfill.Request request = new Backfill.Request(bucket, prefix, first, last, dryRun);
        try (MonitorRuntime runtime = new MonitorRuntime("aws", overrides)) {
            CamelContext camel = runtime.start();
            Backfill backfill = camel.getRegistry().lookupByNameAndType("backfill", Backfill.class);
            String queueName = camel.resolvePropertyPlaceholders("{{monitor.aws.queue-name}}");
            if (!dryRun) {
                requireQueue(camel, queueName);
            }
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
            progress.scheduleAtFixedRate(() -> print(out, "backfill: ", backfill.summary()), 2, 2, TimeUnit.SECONDS);
            try {
                camel.createProducerTemplate().requestBody("direct:backfill", request);
            } catch (CamelExecutionException e) {
                throw explain(e);
            } finally {
                progress.shutdownNow();
            }
            print(out, dryRun ? "backfill (dry run, nothing queued): " : "backfill done: ", backfill.summary());
        }
        return 0;
    }

    private static void print(PrintWriter out, String heading, Backfill.Summary summary) {
        out.printf(Locale.ROOT, "%s%,d objects listed, %,d %s, %,d already done per the ledger, %,d outside the days, %,d not log objects%n",
                heading, summary.listed(), summary.queued(), summary.dryRun() ? "to queue" : "queued", summary.alreadyDone(),
                summary.outsideRange(), summary.notLogObjects());
        out.flush();
    }

    /** The queue must exist before anything is listed: a send to no queue would fail object after object. */
    private static void requireQueue(CamelContext camel, String queueName) {
        try {
            camel.getEndpoint("aws2-sqs:" + queueName, Sqs2Endpoint.class).getClient().getQueueUrl(b -> b.queueName(queueName));
        } catch (QueueDoesNotExistException e) {
            throw new UserError("queue " + queueName + " does not exist (set --queue or SQS_QUEUE_NAME)");
        }
    }

    private Exception explain(CamelExecutionException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchBucketException) {
                return new UserError("--bucket " + bucket + ": no such bucket");
            }
            if (cause instanceof S3Exception s3 && s3.statusCode() == 403) {
                return new UserError("--bucket " + bucket + ": listing is not allowed with these credentials (" + s3.getMessage() + ")");
            }
        }
        return failure;
    }

    private static LocalDate day(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UserError(option + " " + text + " is not a day (YYYY-MM-DD)");
        }
    }
}
