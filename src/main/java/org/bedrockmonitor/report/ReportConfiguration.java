package org.bedrockmonitor.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.PropertyInject;
import org.apache.camel.TypeConversionException;
import org.apache.camel.support.TypeConverterSupport;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.config.Settings;
import org.bedrockmonitor.security.SecurityConfiguration;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.windows.WindowStore;
import org.bedrockmonitor.price.ModelPrice;
import org.bedrockmonitor.price.PricingTable;

/**
 * Beans of the reports box: {@code reportRenderer} (shared by the routes and the command line),
 * and {@code reports} (the steps of routes/reports.camel.yaml), which read the window store and the alert
 * log. Prices come from the {@code pricing} bean (the core's {@link PricingTable}, or anything
 * implementing {@link PriceLookup}), looked up on every run.
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
    @PropertyInject("monitor.report.sla.availability-percent")
    String slaAvailabilityPercent;
    @PropertyInject(value = PrincipalNames.PROPERTY, defaultValue = "")
    String principalNames;
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
    @PropertyInject("monitor.report.technical.cron")
    String technicalCron;
    @PropertyInject("monitor.report.executive.cron")
    String executiveCron;
    @PropertyInject("monitor.report.security.cron")
    String securityCron;
    @PropertyInject("monitor.report.cost.cron")
    String costCron;
    @PropertyInject("monitor.jobs.claim-seconds")
    long jobClaimSeconds;
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

    @BindToRegistry("reportJobs")
    public ReportJobs reportJobs(StateStore stateStore) {
        return new ReportJobs(stateStore,
                new Claims(stateStore, "state/jobs/report/", Duration.ofSeconds(jobClaimSeconds), Clock.systemUTC()),
                Map.of(ReportType.TECHNICAL.id(), technicalCron, ReportType.EXECUTIVE.id(), executiveCron,
                        ReportType.SECURITY.id(), securityCron, ReportType.COST.id(), costCron),
                ReportSettings.parseZone(timeZone), Clock.systemUTC());
    }

    @BindToRegistry("reports")
    public ReportService reports(WindowStore windowStore, AlertJournal alertJournal) {
        ReportSettings settings = new ReportSettings(environment, ReportSettings.parseZone(timeZone), budgetMonthlyUsd,
                slaSuccessRate, slaLatencyP95Ms, slaTtftP95Ms, top, ReportSettings.parseAlternatives(alternatives),
                batchDiscount, cacheShare,
                Settings.fraction("monitor.report.sla.availability-percent", slaAvailabilityPercent, 0.001, 100));
        Map<String, String> recipients = Map.of(
                ReportType.TECHNICAL.id(), technicalRecipients,
                ReportType.EXECUTIVE.id(), executiveRecipients,
                ReportType.SECURITY.id(), securityRecipients,
                ReportType.COST.id(), costRecipients);
        return new ReportService(settings, this::prices, reportRenderer(), windowStore, PrincipalNames.load(principalNames),
                period -> journal(alertJournal, period), recipients, sender, Clock.systemUTC(),
                () -> SecurityConfiguration.analytics(camelContext));
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
                            : new PriceLookup.ModelPrice(row.inputPer1k(), row.outputPer1k(), row.cacheReadPer1k(),
                                    row.cacheWritePer1k(), row.cacheWrite1hPer1k());
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

    /**
     * The alert log about the period: judged up to a day either side (an alert's window may start before
     * it, a condition raised before it may be resolved in it).
     */
    private static List<AlertJournal.Entry> journal(AlertJournal journal, Period period) {
        return journal.read(period.from().minus(Duration.ofDays(1)), period.to().plus(Duration.ofDays(1)));
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
