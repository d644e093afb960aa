package org.bedrockmonitor.price;

import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.bedrockmonitor.config.UserError;

/**
 * Reads a pricing CSV into {@link PriceRow}s, by header name, and refuses every mistake that would make
 * it price wrongly without a word: a decimal comma, a duplicated column, a value that is not a finite
 * non-negative number (or is absurdly large), an unknown tier, scope or unit, long-context rates without
 * their threshold, and two rows that would tie for the same record. Each refusal is one sentence naming
 * the file and line.
 */
final class PricingCsv {

    static final List<String> REQUIRED = List.of("model_id", "input_per_1k", "output_per_1k");
    static final Set<String> TIERS = Set.of("standard", "flex", "priority", "batch", "latency-optimized");
    static final Set<String> SCOPES = Set.of("global", "geo", "in-region");
    /** A price above this (USD per 1,000 tokens or per unit) is a typo, not a price. */
    static final double MAX_PRICE = 1_000_000;

    private static final Pattern NUMBER = Pattern.compile("(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");
    private static final Pattern GUARDRAIL_UNIT = Pattern.compile("[a-z][A-Za-z]*Units");
    private static final Pattern IMAGE_VARIANT = Pattern.compile("(\\d+)?(/([a-z][a-z-]*))?");
    private static final String EXPECTED = "model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k";

    private final String name;
    private Map<String, Integer> columns;
    private String[] values;
    private long line;

    private PricingCsv(String name) {
        this.name = name;
    }

    static List<PriceRow> read(Reader reader, String name) throws IOException {
        return new PricingCsv(name).rows(reader);
    }

    private List<PriceRow> rows(Reader reader) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<PriceRow> rows = new ArrayList<>();
        Map<String, PriceRow> seen = new HashMap<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema())
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(reader)) {
            while (it.hasNextValue()) {
                long at = it.getCurrentLocation().getLineNr();
                try {
                    values = it.nextValue();
                } catch (RuntimeJsonMappingException | IOException e) {
                    throw new UserError(name + " line " + at + ": malformed row ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                line = at;
                if (columns == null) {
                    header();
                    continue;
                }
                if (blankRow()) {
                    continue;
                }
                PriceRow row = row();
                PriceRow twin = seen.putIfAbsent(tieKey(row), row);
                if (twin != null) {
                    throw new UserError(name + " lines " + twin.line() + " and " + line + ": model_id " + row.modelId()
                            + " appears twice with the same unit, unit_variant, tier, scope, region and valid_from,"
                            + " so no record could choose between them");
                }
                rows.add(row);
            }
        }
        if (columns == null || rows.isEmpty()) {
            throw new UserError(name + " has no pricing rows");
        }
        return rows;
    }

    private void header() {
        columns = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String column = i == 0 && values[i].startsWith("\uFEFF") ? values[i].substring(1).trim() : values[i].trim();
            Integer earlier = columns.putIfAbsent(column, i);
            if (earlier != null && !column.isEmpty()) {
                throw new UserError(name + " line " + line + ": column " + column + " appears twice (columns "
                        + (earlier + 1) + " and " + (i + 1) + "), so it is not clear which one holds the price");
            }
        }
        if (values.length == 1 && values[0].contains(";")) {
            throw new UserError(name + " line " + line + ": the header is separated by ';', not ','"
                    + " (a spreadsheet with decimal commas?): save it as CSV with commas and decimal points");
        }
        for (String column : REQUIRED) {
            if (!columns.containsKey(column)) {
                throw new UserError(name + ": header must contain " + column + " (expected " + EXPECTED + ")");
            }
        }
    }

    private boolean blankRow() {
        for (String value : values) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private PriceRow row() {
        if (values.length > columns.size()) {
            throw new UserError(name + " line " + line + ": " + values.length + " values for " + columns.size()
                    + " columns (a decimal comma such as 0,00025 splits a price in two: write 0.00025)");
        }
        String modelId = text("model_id");
        if (modelId.isEmpty()) {
            throw new UserError(name + " line " + line + ": model_id is empty");
        }
        String unit = text("unit").isEmpty() ? PriceRow.TOKEN : text("unit");
        if (!unit.equals(PriceRow.TOKEN) && !unit.equals(PriceRow.IMAGE) && !unit.equals(PriceRow.MODEL_UNIT_HOUR)
                && !GUARDRAIL_UNIT.matcher(unit).matches()) {
            throw new UserError(name + " line " + line + ": unit '" + unit
                    + "' is not token, image, model_unit_hour or a guardrail usage field such as contentPolicyUnits");
        }
        boolean guardrailUnit = GUARDRAIL_UNIT.matcher(unit).matches();
        if (guardrailUnit != modelId.equals(PricingTable.GUARDRAIL)) {
            throw new UserError(name + " line " + line + ": guardrail usage fields are priced by rows whose model_id is "
                    + PricingTable.GUARDRAIL + ", and those rows price nothing else (unit " + unit + ", model_id " + modelId + ")");
        }
        String tier = oneOf("tier", TIERS);
        String scope = oneOf("scope", SCOPES);
        String region = text("region");
        if (!region.isEmpty() && !REGION.matcher(region).matches()) {
            throw new UserError(name + " line " + line + ": region '" + region + "' is not an AWS region such as us-east-1");
        }
        String resolvesTo = text("resolves_to");
        boolean tokens = unit.equals(PriceRow.TOKEN);
        if (!resolvesTo.isEmpty() && !tokens && !unit.equals(PriceRow.MODEL_UNIT_HOUR)) {
            throw new UserError(name + " line " + line + ": resolves_to is for token and model_unit_hour rows, not " + unit);
        }
        if (resolvesTo.isEmpty() && unit.equals(PriceRow.MODEL_UNIT_HOUR)) {
            throw new UserError(name + " line " + line + ": a model_unit_hour row needs resolves_to, the model its units serve");
        }
        if (!resolvesTo.isEmpty() && tokens) {
            mustBeBlank("resolves_to " + resolvesTo + " gives this row its prices", List.of("input_per_1k",
                    "output_per_1k", "cache_read_per_1k", "cache_write_per_1k", "cache_write_1h_per_1k",
                    "long_context_threshold", "price_per_unit"));
        }
        TokenRates rates = TokenRates.ZERO;
        long threshold = 0;
        TokenRates longContext = TokenRates.ZERO;
        if (tokens && resolvesTo.isEmpty()) {
            rates = rates("");
            threshold = threshold();
            longContext = threshold == 0 ? TokenRates.ZERO : rates("lc_");
            if (threshold > 0) {
                cacheRatesFollowBase(rates);
            }
            mustBeBlank("it is priced per token", List.of("price_per_unit"));
        } else if (!tokens) {
            mustBeBlank("it is priced per " + unit, List.of("input_per_1k", "output_per_1k", "cache_read_per_1k",
                    "cache_write_per_1k", "cache_write_1h_per_1k", "long_context_threshold"));
        }
        if (threshold == 0) {
            mustBeBlank("the row has no long_context_threshold", List.of("lc_input_per_1k", "lc_output_per_1k",
                    "lc_cache_read_per_1k", "lc_cache_write_per_1k", "lc_cache_write_1h_per_1k"));
        }
        double perUnit = tokens ? 0 : required("price_per_unit");
        String variant = variant(unit);
        return new PriceRow(name, line, modelId, unit, variant, tier, scope, region, validFrom(), rates, threshold,
                longContext, perUnit, resolvesTo, text("price_book"));
    }

    private TokenRates rates(String prefix) {
        double input = required(prefix + "input_per_1k");
        double output = required(prefix + "output_per_1k");
        double write = optional(prefix + "cache_write_per_1k");
        String oneHour = text(prefix + "cache_write_1h_per_1k");
        // without its own 1-hour rate a 1-hour write is priced as a 5-minute write
        double write1h = oneHour.isEmpty() ? write : number(prefix + "cache_write_1h_per_1k", oneHour);
        return new TokenRates(input, output, optional(prefix + "cache_read_per_1k"), write, write1h);
    }

    /** A blank long-context cache rate would price long-context cache tokens at 0 while the short rate is not. */
    private void cacheRatesFollowBase(TokenRates base) {
        String[][] pairs = {{"cache_read_per_1k", "lc_cache_read_per_1k"}, {"cache_write_per_1k", "lc_cache_write_per_1k"}};
        for (String[] pair : pairs) {
            if (!text(pair[0]).isEmpty() && optional(pair[0]) > 0 && text(pair[1]).isEmpty()) {
                throw new UserError(name + " line " + line + ": " + pair[1] + " is blank but " + pair[0]
                        + " is not: give the long-context rate too");
            }
        }
        if (!text("cache_write_1h_per_1k").isEmpty() && text("lc_cache_write_1h_per_1k").isEmpty()
                && base.cacheWrite1h() > 0) {
            throw new UserError(name + " line " + line
                    + ": lc_cache_write_1h_per_1k is blank but cache_write_1h_per_1k is not: give the long-context rate too");
        }
    }

    private long threshold() {
        String text = text("long_context_threshold");
        if (text.isEmpty()) {
            return 0;
        }
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(name + " line " + line + ": long_context_threshold '" + text
                + "' is not a positive whole number of tokens");
    }

    private String variant(String unit) {
        String variant = text("unit_variant");
        if (unit.equals(PriceRow.IMAGE)) {
            if (!IMAGE_VARIANT.matcher(variant).matches()) {
                throw new UserError(name + " line " + line + ": unit_variant '" + variant
                        + "' of an image row is not <size class>/<quality> such as 1024/standard");
            }
        } else if (unit.equals(PriceRow.MODEL_UNIT_HOUR)) {
            if (!variant.isEmpty() && !variant.matches("[1-9]\\d{0,5}")) {
                throw new UserError(name + " line " + line + ": unit_variant '" + variant
                        + "' of a model_unit_hour row is not the number of model units bought");
            }
        } else if (!variant.isEmpty()) {
            throw new UserError(name + " line " + line + ": unit_variant is only for image and model_unit_hour rows");
        }
        return variant;
    }

    private Instant validFrom() {
        String text = text("valid_from");
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new UserError(name + " line " + line + ": valid_from '" + text
                    + "' is not a date (2025-11-01) or an instant (2025-11-01T00:00:00Z)");
        }
    }

    private String oneOf(String column, Set<String> allowed) {
        String value = text(column);
        if (!value.isEmpty() && !allowed.contains(value)) {
            throw new UserError(name + " line " + line + ": " + column + " '" + value + "' is not one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + " (or blank for any)");
        }
        return value;
    }

    private void mustBeBlank(String because, List<String> columnsToCheck) {
        for (String column : columnsToCheck) {
            if (!text(column).isEmpty()) {
                throw new UserError(name + " line " + line + ": " + column + " must be blank because " + because);
            }
        }
    }

    private double required(String column) {
        String text = text(column);
        if (text.isEmpty()) {
            throw new UserError(name + " line " + line + ": " + column + " is empty");
        }
        return number(column, text);
    }

    private double optional(String column) {
        String text = text(column);
        return text.isEmpty() ? 0 : number(column, text);
    }

    private double number(String column, String text) {
        if (text.contains(",")) {
            throw new UserError(name + " line " + line + ": " + column + " '" + text
                    + "' has a decimal comma: write it with a decimal point");
        }
        if (text.length() > 1 && text.charAt(0) == '0' && Character.isDigit(text.charAt(1))) {
            throw new UserError(name + " line " + line + ": " + column + " '" + text
                    + "' starts with a zero followed by a digit, like the second half of a decimal comma: write the price with a decimal point");
        }
        double value;
        try {
            value = NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!Double.isFinite(value) || value < 0) {
            throw new UserError(name + " line " + line + ": " + column + " '" + text
                    + "' is not a finite non-negative number (USD per 1,000 tokens, or per unit)");
        }
        if (value > MAX_PRICE) {
            throw new UserError(name + " line " + line + ": " + column + " '" + text
                    + "' is above 1000000 USD, which is not a price");
        }
        return value;
    }

    private String text(String column) {
        Integer index = columns.get(column);
        if (index == null || index >= values.length || values[index] == null) {
            return "";
        }
        return values[index].trim();
    }

    private static String tieKey(PriceRow row) {
        return String.join("\u0000", row.modelId(), row.unit(), row.variant(), row.tier(), row.scope(), row.region(),
                String.valueOf(row.validFrom()));
    }
}
