package org.bedrockmonitor.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.PropertyInject;
import org.apache.camel.TypeConversionException;
import org.apache.camel.support.TypeConverterSupport;
import org.bedrockmonitor.detect.Alert;
import org.bedrockmonitor.price.PricingTable;

/**
 * Beans of the reports box: {@code reportRenderer} (shared by the routes and the command line),
 * {@code rollupStore} and {@code reports} (the steps of routes/reports.camel.yaml). Prices come from the
 * {@code pricing} bean (the core's {@link PricingTable}, or anything implementing {@link PriceLookup}),
 * looked up on every run; alerts from the detection box's
 * {@code alertLog} bean ({@code raised()}) when it is there.
 */
public class ReportConfiguration implements CamelConfiguration {

    @PropertyInject("monitor.environment")
    String environment;
    @PropertyInject("monitor.report.time-zone")
    String timeZone;
    @PropertyInject("monitor.budget.monthly-usd")
    double budgetMonthlyUsd;
    @PropertyInject("monitor.report.sla.success-rate")
    double slaSuccessRate;
    @PropertyInject("monitor.report.sla.latency-p95-ms")
    long slaLatencyP95Ms;
    @PropertyInject("monitor.report.sla.ttft-p95-ms")
    long slaTtftP95Ms;
    @PropertyInject("monitor.report.top")
    int top;
    @PropertyInject("monitor.report.whatif.alternatives")
    String alternatives;
    @PropertyInject("monitor.report.whatif.batch-discount")
    double batchDiscount;
    @PropertyInject("monitor.report.whatif.cache-share")
    double cacheShare;
    @PropertyInject("monitor.report.templates.dir")
    String templatesDir;
    @PropertyInject("monitor.report.rollups.dir")
    String rollupsDir;
    @PropertyInject("monitor.report.remembered-rows")
    long rememberedRows;
    @PropertyInject("monitor.report.sender")
    String sender;
    @PropertyInject("monitor.report.technical.recipients")
    String technicalRecipients;
    @PropertyInject("monitor.report.executive.recipients")
    String executiveRecipients;
    @PropertyInject("monitor.report.security.recipients")
    String securityRecipients;
    @PropertyInject("monitor.report.cost.recipients")
    String costRecipients;

    private CamelContext camelContext;
    private ProducerTemplate alertTemplate;

    @Override
    public void configure(CamelContext camelContext) {
        this.camelContext = camelContext;
        // a composed mail is written as a .eml file by the local outbox and the mail spool
        camelContext.getTypeConverterRegistry().addTypeConverter(InputStream.class, MimeMessage.class, new MimeToStream());
    }

    @BindToRegistry("reportRenderer")
    public ReportRenderer reportRenderer() {
        return ReportRenderer.create(Path.of(templatesDir));
    }

    private WrittenRollups writtenRollups;
    private RollupStore rollupStore;

    /** The rows of the rollups this process wrote (the object-rollup route remembers them). */
    @BindToRegistry("writtenRollups")
    public synchronized WrittenRollups writtenRollups() {
        if (writtenRollups == null) {
            writtenRollups = new WrittenRollups(rememberedRows);
        }
        return writtenRollups;
    }

    @BindToRegistry("rollupStore")
    public synchronized RollupStore rollupStore() {
        if (rollupStore == null) {
            rollupStore = new RollupStore(Path.of(rollupsDir), writtenRollups());
        }
        return rollupStore;
    }

    @BindToRegistry("reports")
    public ReportService reports() {
        ReportSettings settings = new ReportSettings(environment, ReportSettings.parseZone(timeZone), budgetMonthlyUsd,
                slaSuccessRate, slaLatencyP95Ms, slaTtftP95Ms, top, ReportSettings.parseAlternatives(alternatives),
                batchDiscount, cacheShare);
        Map<String, String> recipients = Map.of(
                ReportType.TECHNICAL.id(), technicalRecipients,
                ReportType.EXECUTIVE.id(), executiveRecipients,
                ReportType.SECURITY.id(), securityRecipients,
                ReportType.COST.id(), costRecipients);
        return new ReportService(settings, this::prices, reportRenderer(), rollupStore(), this::raisedAlerts,
                recipients, sender, Clock.systemUTC());
    }

    private PriceLookup prices() {
        Object pricing = camelContext.getRegistry().lookupByName("pricing");
        if (pricing instanceof PriceLookup lookup) {
            return lookup;
        }
        if (pricing instanceof PricingTable table) {
            return new PriceLookup() {
                @Override
                public PriceLookup.ModelPrice priceOf(String modelId) {
                    org.bedrockmonitor.price.ModelPrice row = table.find(modelId);
                    return row == null ? null
                            : new PriceLookup.ModelPrice(row.inputPer1k(), row.outputPer1k(), row.cacheReadPer1k(), row.cacheWritePer1k());
                }

                @Override
                public List<Commitment> commitments(Instant from, Instant to) {
                    return table.commitments(from, to).stream().map(c -> new Commitment(c.provisionedModel(), c.modelId(),
                            c.modelUnits(), c.usdPerUnitHour(), c.hours(), c.commitmentUsd(), c.priceBook())).toList();
                }
            };
        }
        return PriceLookup.NONE;
    }

    @SuppressWarnings("unchecked")
    private List<Alert> raisedAlerts() {
        if (camelContext.getRegistry().lookupByName("alertLog") == null) {
            return List.of();
        }
        return alertTemplate().requestBody("bean:alertLog?method=raised", null, List.class);
    }

    private synchronized ProducerTemplate alertTemplate() {
        if (alertTemplate == null) {
            alertTemplate = camelContext.createProducerTemplate();
            try {
                camelContext.addService(alertTemplate, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the alert template: " + e.getMessage(), e);
            }
        }
        return alertTemplate;
    }

    /** Wire form of a MIME message (RFC 5322), as a mail client would save it. */
    static final class MimeToStream extends TypeConverterSupport {
        @Override
        public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ((MimeMessage) value).writeTo(bytes);
                return type.cast(new ByteArrayInputStream(bytes.toByteArray()));
            } catch (IOException | MessagingException e) {
                throw new TypeConversionException(value, type, e);
            }
        }
    }
}
