package org.bedrockmonitor.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.logging.LoggingCheck;
import org.bedrockmonitor.security.GeoIp;
import org.bedrockmonitor.security.SecurityAnalytics;
import org.bedrockmonitor.security.SecuritySettings;
import org.bedrockmonitor.windows.Rollups;
import org.bedrockmonitor.windows.WindowStore;

/**
 * The steps of the reports route, each a named verb: which period a scheduled run covers, reading the
 * rollup store, building and rendering a report, addressing and composing its mail. Periods travel as
 * ISO instants in the headers {@code reportFrom} / {@code reportTo}.
 */
public final class ReportService {

    private final ReportSettings settings;
    private final Supplier<PriceLookup> prices;
    private final ReportRenderer renderer;
    private final WindowStore store;
    private final UsageDigests history;
    private final PrincipalNames names;
    private final Function<Period, List<AlertJournal.Entry>> journal;
    private final Map<String, String> recipients;
    private final String sender;
    private final Clock clock;
    private final Supplier<SecurityAnalytics> security;

    /** With the documented security settings and no geography. */
    public ReportService(ReportSettings settings, Supplier<PriceLookup> prices, ReportRenderer renderer, WindowStore store,
                         PrincipalNames names, Function<Period, List<AlertJournal.Entry>> journal,
                         Map<String, String> recipients, String sender, Clock clock) {
        this(settings, prices, renderer, store, names, journal, recipients, sender, clock,
                () -> new SecurityAnalytics(SecuritySettings.documentedDefaults(), GeoIp.off()));
    }

    /**
     * @param prices   asked on every run, so a pricing bean registered after this one is still found
     * @param journal  the alert journal's entries about a period (FIRING and RESOLVED)
     * @param security the security settings and geography of the security report, asked likewise
     */
    public ReportService(ReportSettings settings, Supplier<PriceLookup> prices, ReportRenderer renderer, WindowStore store,
                         PrincipalNames names, Function<Period, List<AlertJournal.Entry>> journal,
                         Map<String, String> recipients, String sender, Clock clock, Supplier<SecurityAnalytics> security) {
        this.settings = settings;
        this.prices = prices;
        this.renderer = renderer;
        this.store = store;
        this.history = new UsageDigests(store);
        this.names = names;
        this.journal = journal;
        this.recipients = Map.copyOf(recipients);
        this.sender = sender;
        this.clock = clock;
        this.security = security;
    }

    public List<String> types() {
        return Arrays.stream(ReportType.values()).map(ReportType::id).toList();
    }

    /**
     * Start of the last complete period of a report type before {@code fireTime} (the schedule's fire
     * time, so that a late run reports the period it was scheduled for), as an ISO instant.
     */
    public String previousFrom(String type, Date fireTime) {
        return previousPeriod(type, fireTime).from().toString();
    }

    public String previousTo(String type, Date fireTime) {
        return previousPeriod(type, fireTime).to().toString();
    }

    private Period previousPeriod(String type, Date fireTime) {
        Instant at = fireTime == null ? clock.instant() : fireTime.toInstant();
        return ReportType.parse(type).previousPeriod(at.atZone(zone()));
    }

    /** The whole days of the report zone that hold [from, to). */
    public Period period(String from, String to) {
        return Period.covering(instant(from, "reportFrom"), instant(to, "reportTo"), zone());
    }

    /** Everything a report of this type needs from the window store (the executive summary also reads the period before). */
    public Rollups readRollups(String type, String from, String to) {
        Period range = ReportBuilder.readRange(ReportType.parse(type), period(from, to));
        return store.read(range.from(), range.to());
    }

    /** One read for all four reports of a period: the executive range (this period and the one before) covers the others. */
    public Rollups readRollupsForAllTypes(String from, String to) {
        return readRollups(ReportType.EXECUTIVE.id(), from, to);
    }

    public RenderedReport produce(Rollups rollups, String type, String from, String to) {
        return renderer.render(model(rollups, ReportType.parse(type), period(from, to)));
    }

    /** The executive summary's figures for a period, as summary.json lists them. */
    public KpiSummary kpis(String from, String to) {
        Period period = period(from, to);
        return KpiSummary.of(model(readRollups(ReportType.EXECUTIVE.id(), from, to), ReportType.EXECUTIVE, period));
    }

    private ReportModel model(Rollups rollups, ReportType type, Period period) {
        // only the executive and cost reports look beyond their period (growth, first seen, the month so far)
        UsageHistory before = type == ReportType.EXECUTIVE || type == ReportType.COST ? history.before(period.to()) : UsageHistory.empty();
        LoggingCheck check = type == ReportType.SECURITY ? LoggingCheck.latest(store.store(), period.to()).orElse(null) : null;
        return new ReportBuilder(settings, prices.get(), names, security.get(), check).build(type, period, rollups, before,
                journal.apply(period), clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Comma-separated recipients of a report type, "" when none are configured. */
    public String recipients(String type) {
        return recipients.getOrDefault(ReportType.parse(type).id(), "").trim();
    }

    /** One message with the text and HTML renderings as alternatives (mail clients show the richest they can). */
    public MimeMessage mail(RenderedReport report, String to) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(sender));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(report.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(report.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(report.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    private ZoneId zone() {
        return settings.zone();
    }

    private static Instant instant(String text, String header) {
        try {
            return Instant.parse(text.trim());
        } catch (RuntimeException e) {
            throw new UserError("header " + header + " must be an ISO instant such as 2026-11-24T00:00:00Z, got '" + text + "'");
        }
    }
}
