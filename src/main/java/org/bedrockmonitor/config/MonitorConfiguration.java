package org.bedrockmonitor.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.bedrockmonitor.aggregate.RequestLedger;
import org.bedrockmonitor.aggregate.RollupLines;
import org.bedrockmonitor.aggregate.RunTotals;
import org.bedrockmonitor.ingest.LogObjectProcessor;
import org.bedrockmonitor.parse.CloudTrailReader;
import org.bedrockmonitor.parse.InvocationLogReader;
import org.bedrockmonitor.price.CostRecords;
import org.bedrockmonitor.price.PricingTable;

/** Beans of the core pipeline (parsing, pricing, de-duplication, aggregation, rollups). */
public class MonitorConfiguration implements CamelConfiguration {

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
    @PropertyInject("monitor.dedup.capacity")
    private String dedupCapacity;
    @PropertyInject("monitor.dedup.file")
    private String dedupFile;
    @PropertyInject("monitor.rejected.sample-bytes")
    private String sampleBytes;
    @PropertyInject("monitor.parse.max-record-bytes")
    private String maxRecordBytes;
    @PropertyInject("monitor.privacy.bodies-out")
    private String bodiesOut;

    @BindToRegistry("pricing")
    public PricingTable pricing() {
        return PricingTable.load(pricingFile, pricingAliases);
    }

    @BindToRegistry("requestLedger")
    public RequestLedger requestLedger() {
        int capacity = Settings.positiveInt("monitor.dedup.capacity", dedupCapacity);
        return dedupFile == null || dedupFile.isBlank()
                ? RequestLedger.inMemory(capacity)
                : new RequestLedger(capacity, Path.of(dedupFile.trim()));
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
    public LogObjectProcessor logObjects(PricingTable pricing, RequestLedger requestLedger) {
        return new LogObjectProcessor(
                new InvocationLogReader(Settings.positiveLong("monitor.parse.max-record-bytes", maxRecordBytes)),
                new CloudTrailReader(), pricing, requestLedger,
                Settings.positiveInt("monitor.window.seconds", windowSeconds),
                list(applicationTags),
                Settings.positiveInt("monitor.rejected.sample-bytes", sampleBytes),
                Settings.bool("monitor.privacy.bodies-out", bodiesOut),
                recordsOut == null || recordsOut.isBlank() ? CostRecords.off() : CostRecords.to(Path.of(recordsOut.trim())));
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
