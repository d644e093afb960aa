package org.bedrockmonitor.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.aws2.s3.AWS2S3Endpoint;
import org.bedrockmonitor.aggregate.RollupLines;
import org.bedrockmonitor.aggregate.RunTotals;
import org.bedrockmonitor.ingest.Backfill;
import org.bedrockmonitor.ingest.LogObjectProcessor;
import org.bedrockmonitor.ingest.ObjectLedger;
import org.bedrockmonitor.parse.CloudTrailReader;
import org.bedrockmonitor.parse.InvocationLogReader;
import org.bedrockmonitor.parse.TimeBounds;
import org.bedrockmonitor.price.CostRecords;
import org.bedrockmonitor.price.PricingTable;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.store.S3StateStore;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.windows.RequestClaims;
import org.bedrockmonitor.windows.WindowStore;
import software.amazon.awssdk.services.s3.S3Client;

/** Beans of the core pipeline: the shared store, parsing, pricing, de-duplication, the window store. */
public class MonitorConfiguration implements CamelConfiguration {

    @PropertyInject("monitor.store")
    private String storeKind;
    @PropertyInject("monitor.store.dir")
    private String storeDir;
    @PropertyInject("monitor.store.bucket")
    private String storeBucket;
    @PropertyInject("monitor.store.cached-rows")
    private String cachedRows;
    @PropertyInject("monitor.window.seconds")
    private String windowSeconds;
    @PropertyInject("monitor.pricing.file")
    private String pricingFile;
    @PropertyInject("monitor.pricing.aliases")
    private String pricingAliases;
    @PropertyInject("monitor.pricing.records-out")
    private String recordsOut;
    @PropertyInject("monitor.attribution.application-tags")
    private String applicationTags;
    @PropertyInject("monitor.dedup.batch-records")
    private String dedupBatch;
    @PropertyInject("monitor.ledger.claim-seconds")
    private String claimSeconds;
    @PropertyInject("monitor.rejected.sample-bytes")
    private String sampleBytes;
    @PropertyInject("monitor.parse.max-record-bytes")
    private String maxRecordBytes;
    @PropertyInject("monitor.privacy.bodies-out")
    private String bodiesOut;
    @PropertyInject("monitor.parse.oldest")
    private String oldest;
    @PropertyInject("monitor.parse.max-skew")
    private String maxSkew;

    private volatile CamelContext camelContext;

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    private StateStore stateStore;
    private PricingTable pricing;

    /** The shared state of every replica: a folder locally, the report bucket in AWS mode. */
    @BindToRegistry("stateStore")
    public synchronized StateStore stateStore() {
        if (stateStore == null) {
            stateStore = newStateStore();
        }
        return stateStore;
    }

    private StateStore newStateStore() {
        String kind = storeKind.trim().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "folder" -> new FolderStateStore(Path.of(storeDir.trim()));
            case "s3" -> new S3StateStore(new ComponentS3Client(storeBucket.trim()), storeBucket.trim(), "");
            default -> throw new UserError("monitor.store=" + storeKind + " is not valid (allowed: folder, s3)");
        };
    }

    @BindToRegistry("pricing")
    public synchronized PricingTable pricing() {
        if (pricing == null) {
            pricing = PricingTable.load(pricingFile, pricingAliases);
        }
        return pricing;
    }

    @BindToRegistry("windowStore")
    public WindowStore windowStore() {
        return new WindowStore(stateStore(), Settings.positiveInt("monitor.window.seconds", windowSeconds),
                Settings.positiveLong("monitor.store.cached-rows", cachedRows));
    }

    @BindToRegistry("objectLedger")
    public ObjectLedger objectLedger() {
        Duration claim = Duration.ofSeconds(Settings.positiveLong("monitor.ledger.claim-seconds", claimSeconds));
        return new ObjectLedger(new Claims(stateStore(), ObjectLedger.PREFIX, claim, Clock.systemUTC()));
    }

    /** The backfill command's bean: lists a bucket with the S3 client of the aws2-s3 component. */
    @BindToRegistry("backfill")
    public Backfill backfill() {
        return new Backfill(bucket -> new ComponentS3Client(bucket).get(), objectLedger());
    }

    @BindToRegistry("runTotals")
    public RunTotals runTotals() {
        return new RunTotals();
    }

    @BindToRegistry("rollupLines")
    public RollupLines rollupLines() {
        return new RollupLines();
    }

    @BindToRegistry("logObjects")
    public LogObjectProcessor logObjects() {
        TimeBounds timeBounds = new TimeBounds(Settings.instant("monitor.parse.oldest", oldest),
                Settings.duration("monitor.parse.max-skew", maxSkew), Clock.systemUTC());
        return new LogObjectProcessor(
                new InvocationLogReader(Settings.positiveLong("monitor.parse.max-record-bytes", maxRecordBytes), timeBounds),
                new CloudTrailReader(timeBounds), pricing(), new RequestClaims(stateStore(), RequestClaims.PREFIX),
                Settings.positiveInt("monitor.window.seconds", windowSeconds),
                list(applicationTags),
                Settings.positiveInt("monitor.rejected.sample-bytes", sampleBytes),
                Settings.bool("monitor.privacy.bodies-out", bodiesOut),
                Settings.positiveInt("monitor.dedup.batch-records", dedupBatch),
                recordsOut == null || recordsOut.isBlank() ? CostRecords.off() : CostRecords.to(Path.of(recordsOut.trim())));
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The aws2-s3 component's client (its region, credentials, endpoint and path-style settings), made
     * on first use so that the local profile never creates one.
     */
    private final class ComponentS3Client implements Supplier<S3Client> {
        private final String bucket;
        private S3Client client;

        ComponentS3Client(String bucket) {
            this.bucket = bucket;
        }

        @Override
        public synchronized S3Client get() {
            if (client == null) {
                AWS2S3Endpoint endpoint = camelContext.getEndpoint("aws2-s3://" + bucket, AWS2S3Endpoint.class);
                endpoint.start();
                client = endpoint.getS3Client();
            }
            return client;
        }
    }
}
