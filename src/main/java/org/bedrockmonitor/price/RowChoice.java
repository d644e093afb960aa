package org.bedrockmonitor.price;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Which row of a model prices a record. Among the rows of the right unit already valid at the record's
 * time: the record's tier, else rows that leave tier blank; then its scope, exact before blank; then its
 * region, exact before blank; then (images) quality and size class; then the latest {@code valid_from}.
 * Rows that could still tie are refused when the table is read, so the choice is always one row or none.
 */
final class RowChoice {

    /** Image requests that give no size are the models' default, 1024 × 1024. */
    static final int DEFAULT_IMAGE_SIDE = 1024;
    static final String DEFAULT_IMAGE_QUALITY = "standard";

    private RowChoice() {
    }

    static PriceRow choose(List<PriceRow> rows, Instant at, String tier, String scope, String region) {
        List<PriceRow> candidates = narrowed(rows, at, tier, scope, region);
        return latest(candidates);
    }

    /** For an image request: also the quality, then the smallest size class that holds the longer side. */
    static PriceRow chooseImage(List<PriceRow> rows, Instant at, String tier, String scope, String region,
                                int longerSide, String quality) {
        List<PriceRow> candidates = narrowed(rows, at, tier, scope, region);
        candidates = prefer(candidates, RowChoice::quality, quality);
        List<PriceRow> fitting = candidates.stream().filter(r -> size(r) >= longerSide).toList();
        if (!fitting.isEmpty()) {
            int smallest = fitting.stream().mapToInt(RowChoice::size).min().orElseThrow();
            candidates = fitting.stream().filter(r -> size(r) == smallest).toList();
        } else {
            List<PriceRow> anySize = candidates.stream().filter(r -> size(r) == Integer.MAX_VALUE).toList();
            if (!anySize.isEmpty()) {
                candidates = anySize;
            } else {
                // larger than every listed class: the largest one is the nearest AWS price
                int largest = candidates.stream().mapToInt(RowChoice::size).max().orElse(0);
                candidates = candidates.stream().filter(r -> size(r) == largest).toList();
            }
        }
        return latest(candidates);
    }

    private static List<PriceRow> narrowed(List<PriceRow> rows, Instant at, String tier, String scope, String region) {
        List<PriceRow> valid = new ArrayList<>(rows.size());
        for (PriceRow row : rows) {
            if (row.validAt(at)) {
                valid.add(row);
            }
        }
        List<PriceRow> candidates = prefer(valid, PriceRow::tier, tier);
        candidates = prefer(candidates, PriceRow::scope, scope);
        return prefer(candidates, PriceRow::region, region);
    }

    /** The rows whose column equals {@code wanted}; if none, those that leave it blank ("any"). */
    private static List<PriceRow> prefer(List<PriceRow> rows, Function<PriceRow, String> column, String wanted) {
        List<PriceRow> exact = new ArrayList<>();
        List<PriceRow> blank = new ArrayList<>();
        for (PriceRow row : rows) {
            String value = column.apply(row);
            if (value.isEmpty()) {
                blank.add(row);
            } else if (value.equals(wanted)) {
                exact.add(row);
            }
        }
        return exact.isEmpty() ? blank : exact;
    }

    private static PriceRow latest(List<PriceRow> rows) {
        return rows.stream().max(Comparator.comparing(r -> r.validFrom() == null ? Instant.MIN : r.validFrom()))
                .orElse(null);
    }

    static int size(PriceRow row) {
        String variant = row.variant();
        int slash = variant.indexOf('/');
        String size = slash < 0 ? variant : variant.substring(0, slash);
        return size.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(size);
    }

    static String quality(PriceRow row) {
        String variant = row.variant();
        int slash = variant.indexOf('/');
        return slash < 0 ? "" : variant.substring(slash + 1);
    }

    /**
     * The row {@link #choose} gives at every instant, precomputed: the choice only changes where a row
     * becomes valid, so a record needs one comparison per {@code valid_from} of its model (usually none).
     */
    static final class Timeline {
        private final Instant[] from;
        private final PriceRow[] chosen;

        private Timeline(Instant[] from, PriceRow[] chosen) {
            this.from = from;
            this.chosen = chosen;
        }

        static Timeline of(List<PriceRow> rows, String tier, String scope, String region) {
            TreeSet<Instant> starts = new TreeSet<>();
            rows.forEach(r -> starts.add(r.validFrom() == null ? Instant.MIN : r.validFrom()));
            Instant[] from = starts.toArray(new Instant[0]);
            PriceRow[] chosen = new PriceRow[from.length];
            for (int i = 0; i < from.length; i++) {
                chosen[i] = choose(rows, from[i], tier, scope, region);
            }
            return new Timeline(from, chosen);
        }

        /** The row valid at {@code at}, or null. */
        PriceRow at(Instant at) {
            int index = indexAt(at);
            return index < 0 ? null : chosen[index];
        }

        /** Which of the {@link #size()} stretches of time {@code at} falls in; -1 before the first. */
        int indexAt(Instant at) {
            for (int i = from.length - 1; i >= 0; i--) {
                if (!from[i].isAfter(at)) {
                    return i;
                }
            }
            return -1;
        }

        int size() {
            return from.length;
        }

        PriceRow row(int index) {
            return chosen[index];
        }

        boolean isEmpty() {
            for (PriceRow row : chosen) {
                if (row != null) {
                    return false;
                }
            }
            return true;
        }
    }
}
