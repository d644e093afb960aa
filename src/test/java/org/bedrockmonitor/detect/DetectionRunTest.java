package org.bedrockmonitor.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedrockmonitor.detect.TrafficGenerator.MONDAY;
import static org.bedrockmonitor.detect.TrafficGenerator.SEARCH;
import static org.bedrockmonitor.detect.TrafficGenerator.SONNET;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.bedrockmonitor.aggregate.ObjectSummary;
import org.bedrockmonitor.aggregate.WindowStats;
import org.bedrockmonitor.alerts.Alert;
import org.bedrockmonitor.alerts.AlertJournal;
import org.bedrockmonitor.alerts.AlertNotification;
import org.bedrockmonitor.alerts.AlertNotifier;
import org.bedrockmonitor.alerts.AlertOutbox;
import org.bedrockmonitor.alerts.AlertTypes;
import org.bedrockmonitor.ingest.ObjectKind;
import org.bedrockmonitor.ingest.ObjectResult;
import org.bedrockmonitor.store.Claims;
import org.bedrockmonitor.store.FolderStateStore;
import org.bedrockmonitor.store.StateStore;
import org.bedrockmonitor.windows.WindowStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection is a function of the windows in the store: one corpus (an error burst, a token spike, a
 * budget breach) written in time order, reversed and shuffled, judged once at the end (as analyze does)
 * or by periodic runs while objects arrive (as the service does, late rows replayed from checkpoints),
 * always gives the same alerts, and each is queued for notification once.
 */
class DetectionRunTest {

    static final Instant AT_14 = MONDAY.plus(Duration.ofHours(14));
    static final Instant AT_16 = MONDAY.plus(Duration.ofHours(16));
    static List<List<WindowStats>> corpus;
    static Set<String> expected;

    @TempDir
    Path folder;

    /** A mutable clock, as the service's wall clock moves between runs. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static DetectionSettings settings() {
        DetectionSettings settings = new DetectionSettings();
        settings.monthlyBudgetUsd = 300;
        return settings;
    }

    @BeforeAll
    static void generate() {
        TrafficGenerator.Injection burst = DetectionScenarioTest.during(AT_14, Duration.ofMinutes(30), SONNET, null,
                p -> p.withErrors(0.20));
        TrafficGenerator.Injection spike = DetectionScenarioTest.during(AT_16, Duration.ofHours(1), null, SEARCH,
                p -> p.withTokens(3));
        corpus = new TrafficGenerator(42).objects(MONDAY, DetectionScenarioTest.DAY,
                (window, model, principal, steady) -> spike.apply(window, model, principal, burst.apply(window, model, principal, steady)));
    }

    final class Service implements AutoCloseable {
        final StateStore store;
        final WindowStore windows;
        final AlertJournal journal;
        final AlertOutbox outbox;
        final DetectionRun run;
        final TestClock clock;
        final List<Claims> claims = new ArrayList<>();

        Service(Path dir, TestClock clock) {
            this(new FolderStateStore(dir), clock);
        }

        Service(StateStore store, TestClock clock) {
            this.store = store;
            this.clock = clock;
            this.windows = new WindowStore(store, 300, 100_000);
            this.journal = new AlertJournal(store);
            this.outbox = new AlertOutbox(store, Duration.ofSeconds(60), clock, new AlertNotifier("test", 10), false);
            this.run = new DetectionRun(windows, new WindowEvaluator(settings(), DetectionScenarioTest.PRICES, null), journal,
                    outbox, new AlertNotifier("test", 10), claims("state/jobs/"), clock, 35);
        }

        private Claims claims(String prefix) {
            Claims made = new Claims(store, prefix, Duration.ofSeconds(60), clock);
            claims.add(made);
            return made;
        }

        @Override
        public void close() {
            claims.forEach(Claims::close);
        }

        void write(int index, List<WindowStats> rows) {
            long invocations = rows.stream().mapToLong(r -> r.stats().invocations).sum();
            windows.write(new ObjectResult("s3://logs/object-" + index, "object-" + index, ObjectKind.INVOCATION_LOG,
                    new ObjectSummary("s3://logs/object-" + index, "INVOCATION_LOG", invocations, invocations, 0, 0, 0, 0),
                    rows, List.of(), List.of(), null, null, null));
        }

        Set<String> alerts() {
            return journal.all().stream().map(DetectionRunTest::describe).collect(Collectors.toSet());
        }
    }

    /** What must agree: id, status, type, subject, window and numbers. */
    static String describe(AlertJournal.Entry entry) {
        Alert a = entry.alert();
        return String.join("|", a.id(), entry.status().name(), a.type(), String.valueOf(a.model()), String.valueOf(a.principal()),
                a.window().from() + ".." + a.window().to(), String.format("%.6f", a.observed()), String.format("%.6f", a.threshold()));
    }

    Service service(String name, Instant now) throws Exception {
        return new Service(Files.createDirectories(folder.resolve(name)), new TestClock(now));
    }

    /** Analyze's way: every object written, then one run over the complete input. */
    Set<String> analyze(String name, List<Integer> order) throws Exception {
        try (Service service = service(name, Instant.parse("2030-01-01T00:00:00Z"))) {
            order.forEach(i -> service.write(i, corpus.get(i)));
            service.run.run(true);
            return service.alerts();
        }
    }

    static List<Integer> inOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            order.add(i);
        }
        return order;
    }

    Set<String> expected() throws Exception {
        if (expected == null) {
            expected = analyze("expected", inOrder());
        }
        return expected;
    }

    @Test
    void theCorpusRaisesTheBurstTheSpikeAndTheBudget() throws Exception {
        Set<String> alerts = expected();
        assertThat(alerts).anyMatch(a -> a.contains("|FIRING|" + AlertTypes.HIGH_ERROR_RATE + "|" + SONNET + "|null|" + AT_14));
        assertThat(alerts).anyMatch(a -> a.contains("|RESOLVED|" + AlertTypes.HIGH_ERROR_RATE + Alert.RESOLVED_SUFFIX + "|" + SONNET));
        assertThat(alerts).anyMatch(a -> a.contains("|FIRING|" + AlertTypes.TOKEN_USAGE_SPIKE + "|null|" + SEARCH));
        assertThat(alerts).filteredOn(a -> a.contains("|" + AlertTypes.COST_BUDGET + "|")).hasSize(2);
    }

    @Test
    void anyFileOrderGivesTheSameAlertsWhenJudgedAtTheEnd() throws Exception {
        List<Integer> reversed = inOrder();
        Collections.reverse(reversed);
        List<Integer> shuffled = inOrder();
        Collections.shuffle(shuffled, new Random(7));
        assertThat(analyze("reversed", reversed)).isEqualTo(expected());
        assertThat(analyze("shuffled", shuffled)).isEqualTo(expected());
    }

    @Test
    void periodicRunsWhileObjectsArriveNewestFirstEndWithTheSameAlertsEachQueuedOnce() throws Exception {
        // newest first is the worst order: every run finds rows older than what it judged, and replays
        for (String ordering : List.of("reversed")) {
            List<Integer> order = inOrder();
            Collections.reverse(order);
            // the wall clock just after the corpus: every window is due, and recent enough to be notified
            Instant end = MONDAY.plus(Duration.ofDays(1));
            @SuppressWarnings("resource")
            Service service = service("service-" + ordering, end.plus(Duration.ofMinutes(5)));
            for (int n = 0; n < order.size(); n++) {
                service.write(order.get(n), corpus.get(order.get(n)));
                if (n % 150 == 0) {
                    service.run.run();
                }
            }
            service.run.run();
            assertThat(service.alerts()).as(ordering).isEqualTo(expected());
            assertThat(service.windows.pending()).as("every marker consumed").isEmpty();

            List<AlertNotification> queued = service.outbox.due().stream().map(AlertOutbox.Queued::notification).toList();
            List<String> queuedAlerts = queued.stream().flatMap(n -> n.alerts().stream())
                    .map(a -> a.id() + (a.isResolution() ? "-RESOLVED" : "")).toList();
            assertThat(queuedAlerts).as("no alert queued twice").doesNotHaveDuplicates();
            service.close();
        }
    }

    @Test
    void liveArrivalGivesTheSameAlertsEachQueuedOnceAndThoseSeenOnlyWithLateRowsMarkedLate() throws Exception {
        // objects arrive as they would live: each a few minutes after its window, half of them a window later
        @SuppressWarnings("resource")
        Service service = service("live", MONDAY);
        int next = 0;
        Instant end = MONDAY.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(10));
        for (Instant now = MONDAY; now.isBefore(end); now = now.plusSeconds(20)) {
            service.clock.now = now;
            while (next < corpus.size() && arrival(corpus.get(next)).isBefore(now)) {
                service.write(next, corpus.get(next));
                next++;
            }
            if (now.getEpochSecond() % 300 == 200) {
                service.run.run();
            }
        }
        service.run.run();
        assertThat(service.alerts()).isEqualTo(expected());
        // half of each window's rows come one window later: what they alone complete is raised late, and says so
        assertThat(service.journal.all()).filteredOn(entry -> entry.lateSeconds() != null).isNotEmpty()
                .allMatch(entry -> entry.lateSeconds() <= 600 && entry.alert().message().contains("late"));
        List<String> queuedAlerts = service.outbox.due().stream().flatMap(q -> q.notification().alerts().stream())
                .map(a -> a.id() + (a.isResolution() ? "-RESOLVED" : "")).toList();
        assertThat(queuedAlerts).doesNotHaveDuplicates()
                .hasSize((int) service.journal.all().stream().filter(e -> e.published()).count());
        service.close();
    }

    @Test
    void aFirstRunOverRowsTwoYearsOldReadsOnlyTheHoursThatHoldRowsAndKeepsFewCheckpoints() throws Exception {
        Map<String, Integer> calls = new java.util.concurrent.ConcurrentHashMap<>();
        StateStore folderStore = new FolderStateStore(Files.createDirectories(folder.resolve("old")));
        StateStore counting = (StateStore) java.lang.reflect.Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[] {StateStore.class}, (proxy, method, args) -> {
                    calls.merge(method.getName(), 1, Integer::sum);
                    try {
                        return method.invoke(folderStore, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Service service = new Service(counting, new TestClock(MONDAY.plus(Duration.ofDays(730))))) {
            for (int i = 0; i < 12; i++) {
                service.write(i, corpus.get(i));
            }
            calls.clear();
            DetectionRun.Result result = service.run.run();

            assertThat(result.windowsJudged()).isGreaterThan(200_000);
            // two years of 5-minute windows: a listing per hour that holds rows, not per hour of the stretch
            assertThat(calls.getOrDefault("list", 0)).isLessThan(50);
            // checkpoints as many as are kept (none older than checkpoint-days), not one per hour
            assertThat(calls.getOrDefault("put", 0)).isLessThan(6 * 12 + 48 + 35 + 10);
        }
    }

    @Test
    void atTheServicesPaceEachAlertIsQueuedWithin60SecondsOfTheObjectThatCompletedItsWindow() throws Exception {
        // a run every 20 s; from 13:00 the objects arrive as Bedrock delivers them, minutes after their window
        Instant live = MONDAY.plus(Duration.ofHours(13));
        Instant end = MONDAY.plus(Duration.ofHours(17).plusMinutes(30));
        Map<Instant, Instant> committed = new java.util.HashMap<>();
        Map<String, Instant> queued = new java.util.HashMap<>();
        Map<String, AlertJournal.Entry> entries = new java.util.HashMap<>();
        try (Service service = service("pace", live)) {
            int next = 0;
            for (Instant now = live; now.isBefore(end); now = now.plusSeconds(20)) {
                service.clock.now = now;
                while (next < corpus.size() && !arrival(corpus.get(next)).isAfter(now)) {
                    service.write(next, corpus.get(next));
                    for (WindowStats row : corpus.get(next)) {
                        committed.merge(row.windowStart(), now, (a, b) -> a.isAfter(b) ? a : b);
                    }
                    next++;
                }
                service.run.run();
                for (AlertJournal.Entry entry : service.journal.all()) {
                    if (entry.published() && entry.judgedWindow().isAfter(live)) {
                        String key = entry.alert().id() + "|" + entry.status();
                        queued.putIfAbsent(key, now);
                        entries.putIfAbsent(key, entry);
                    }
                }
            }
        }
        assertThat(queued).as("the burst and the spike fire after 13:00").isNotEmpty();
        queued.forEach((key, at) -> {
            Instant completed = committed.get(entries.get(key).judgedWindow());
            assertThat(Duration.between(completed, at)).as(key).isLessThanOrEqualTo(Duration.ofSeconds(60));
        });
    }

    /** An object's rows cover one window; it is delivered three minutes after that window ends. */
    static Instant arrival(List<WindowStats> rows) {
        Instant latest = rows.stream().map(WindowStats::windowEnd).max(Instant::compareTo).orElse(MONDAY);
        return latest.plus(Duration.ofMinutes(3));
    }
}
