package org.bedrockmonitor.detect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bedrockmonitor.alerts.AlertLifecycle;
import org.bedrockmonitor.security.SecurityState;

/**
 * Everything detection remembers between windows: the history of each model, principal and the
 * account, month-to-date cost, the alert lifecycle and the CloudTrail detectors' history. It is a
 * function of the windows judged so far, in event-time order, and nothing else: saved to the store as
 * a checkpoint after each hour, it lets any replica (or a restart) resume, and lets late rows be judged
 * by replaying from the checkpoint before them. Plain public fields, so it round-trips through JSON.
 */
public final class DetectionState {

    /** Start of the last window judged into this state; null before the first. */
    public Instant lastJudged;
    public TreeMap<String, Series> models = new TreeMap<>();
    public TreeMap<String, Series> principals = new TreeMap<>();
    public Series total = new Series(null, null);
    /** Latest robust anomaly score of each model's tokens per window. */
    public TreeMap<String, Double> anomalyScores = new TreeMap<>();
    /** Month ({@code 2026-11}) to cost judged so far, and the first window of that month. */
    public TreeMap<String, Double> monthCost = new TreeMap<>();
    public TreeMap<String, Instant> monthFirstWindow = new TreeMap<>();
    /** Month to the most severe budget alert raised in it. */
    public TreeMap<String, String> budgetRaised = new TreeMap<>();
    public AlertLifecycle.State lifecycle = new AlertLifecycle.State();
    public SecurityState security = new SecurityState();

    /** One judged window of a series, with the per-window verdicts the sustained rules chain. */
    public record Point(Instant start, long invocations, long failures, long tokens, boolean tokenSpike,
            boolean anomalous, boolean errorBreach) {
    }

    /** The history of one model, one principal or the account total. */
    public static final class Series {
        public String model;
        public String principal;
        public Deque<Point> recent = new ArrayDeque<>();
        /** Hour of the week to {@code [week, tokens]} samples (models only: the anomaly's seasonal baseline). */
        public TreeMap<Integer, Deque<long[]>> hourOfWeek = new TreeMap<>();
        public Instant firstWindow;
        public Instant currentHour;
        public long currentHourTokens;
        public Deque<Long> hourTotals = new ArrayDeque<>();
        public LocalDate currentDay;
        public long dayTokens;
        public Deque<Long> dayTotals = new ArrayDeque<>();
        public LocalDate dailySpikeRaised;

        public Series() {
        }

        Series(String model, String principal) {
            this.model = model;
            this.principal = principal;
        }

        String describe() {
            return model != null ? "Model " + model : "Principal " + principal;
        }

        void remember(Point point, int capacity) {
            if (firstWindow == null) {
                firstWindow = point.start();
            }
            recent.addLast(point);
            while (recent.size() > capacity) {
                recent.removeFirst();
            }
        }

        /** Tokens of the last {@code count} windows, oldest first. */
        double[] baselineTokens(int count) {
            List<Double> newestFirst = new ArrayList<>();
            Iterator<Point> it = recent.descendingIterator();
            while (it.hasNext() && newestFirst.size() < count) {
                newestFirst.add((double) it.next().tokens());
            }
            double[] oldestFirst = new double[newestFirst.size()];
            for (int i = 0; i < oldestFirst.length; i++) {
                oldestFirst[i] = newestFirst.get(oldestFirst.length - 1 - i);
            }
            return oldestFirst;
        }

        /**
         * The {@code count} points right before {@code start}, oldest first, if they are consecutive
         * windows (a gap without traffic breaks a "sustained" run); null otherwise.
         */
        List<Point> consecutiveRun(Instant start, int count, int windowSeconds) {
            List<Point> run = new ArrayList<>();
            Instant expected = start.minusSeconds(windowSeconds);
            Iterator<Point> it = recent.descendingIterator();
            while (run.size() < count) {
                if (!it.hasNext()) {
                    return null;
                }
                Point point = it.next();
                if (!point.start().equals(expected)) {
                    return null;
                }
                run.add(0, point);
                expected = expected.minusSeconds(windowSeconds);
            }
            return run;
        }

        static int hourOfWeek(Instant start) {
            var time = start.atOffset(ZoneOffset.UTC);
            return (time.getDayOfWeek().getValue() - 1) * 24 + time.getHour();
        }

        static long week(Instant start) {
            return Math.floorDiv(start.getEpochSecond(), 7 * 86_400L);
        }

        void rememberHourOfWeek(Instant start, long tokens, int historyWeeks) {
            Deque<long[]> samples = hourOfWeek.computeIfAbsent(hourOfWeek(start), h -> new ArrayDeque<>());
            samples.addLast(new long[] {week(start), tokens});
            long oldest = week(start) - historyWeeks;
            while (!samples.isEmpty() && samples.peekFirst()[0] < oldest) {
                samples.removeFirst();
            }
        }

        boolean usesHourOfWeek(Instant start, DetectionSettings settings) {
            Deque<long[]> samples = hourOfWeek.get(hourOfWeek(start));
            if (samples == null) {
                return false;
            }
            long thisWeek = week(start);
            return samples.stream().filter(s -> s[0] < thisWeek).mapToLong(s -> s[0]).distinct().count()
                    >= settings.anomalyMinWeeks;
        }

        /** Same hour of the week in earlier weeks when enough weeks are known, else the recent windows. */
        double[] anomalyHistory(Instant start, DetectionSettings settings) {
            if (usesHourOfWeek(start, settings)) {
                long thisWeek = week(start);
                return hourOfWeek.get(hourOfWeek(start)).stream().filter(s -> s[0] < thisWeek)
                        .mapToDouble(s -> s[1]).toArray();
            }
            return baselineTokens(settings.anomalyBaselineWindows);
        }
    }
}
