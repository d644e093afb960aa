package org.bedrockmonitor.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.bedrockmonitor.config.UserError;

/**
 * The pricing table: one row per model id, USD per 1,000 tokens. Columns are read by header name and
 * unknown columns are ignored, so later columns (tier, long-context rates, price-book version) can be
 * added to operator files without breaking them.
 *
 * <p>Lookup of a logged model id: exact id; an operator alias (application inference profiles,
 * provisioned and custom models); the profile id inside a system inference-profile ARN or the model id
 * inside a foundation-model ARN; the id without its geo prefix ({@code us.}, {@code eu.}, {@code global.}
 * …); finally the id with its version suffix relaxed, only when exactly one row shares the relaxed id.
 */
public final class PricingTable {

    static final List<String> REQUIRED = List.of("model_id", "input_per_1k", "output_per_1k");
    private static final Set<String> GEO_PREFIXES = Set.of("us", "eu", "apac", "jp", "au", "ca", "global",
            "us-gov", "sa", "me", "af", "mx", "in", "kr", "tw", "uk");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("(:\\d+[a-z]*)+$");
    private static final Pattern ARN = Pattern.compile("^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:([a-z-]+)/(.+)$");

    private final Map<String, ModelPrice> rows;
    private final Map<String, ModelPrice> byRelaxedId = new HashMap<>();
    private final Map<String, String> aliases;
    private final Map<String, ModelPrice> resolved = new ConcurrentHashMap<>();
    private static final ModelPrice UNPRICED = new ModelPrice("", 0, 0, 0, 0);

    public PricingTable(Map<String, ModelPrice> rows, Map<String, String> aliases) {
        this.rows = Map.copyOf(rows);
        this.aliases = Map.copyOf(aliases);
        Map<String, Integer> relaxedCounts = new HashMap<>();
        rows.keySet().forEach(id -> relaxedCounts.merge(relaxed(id), 1, Integer::sum));
        rows.forEach((id, price) -> {
            if (relaxedCounts.get(relaxed(id)) == 1) {
                byRelaxedId.put(relaxed(id), price);
            }
        });
    }

    /** The table bundled in the jar, or the operator's file when {@code file} is not blank. */
    public static PricingTable load(String file, String aliases) {
        Map<String, String> aliasMap = parseAliases(aliases);
        if (file == null || file.isBlank()) {
            try (InputStream in = PricingTable.class.getResourceAsStream("/pricing.csv")) {
                return new PricingTable(read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled pricing.csv"), aliasMap);
            } catch (IOException e) {
                throw new IllegalStateException("bundled pricing.csv is unreadable", e);
            }
        }
        Path path = Path.of(file.trim());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new PricingTable(read(reader, path.toString()), aliasMap);
        } catch (NoSuchFileException e) {
            throw new UserError("pricing file " + path + " does not exist");
        } catch (IOException e) {
            throw new UserError("pricing file " + path + " cannot be read: " + e.getMessage());
        }
    }

    static Map<String, ModelPrice> read(Reader reader, String name) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        Map<String, ModelPrice> rows = new LinkedHashMap<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema)
                .with(CsvParser.Feature.TRIM_SPACES).with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(reader)) {
            while (it.hasNextValue()) {
                Map<String, String> row;
                try {
                    row = it.nextValue();
                } catch (RuntimeJsonMappingException | IOException e) {
                    throw new UserError(name + " line " + (it.getCurrentLocation().getLineNr())
                            + ": malformed row (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                long line = it.getCurrentLocation().getLineNr() - 1;
                for (String column : REQUIRED) {
                    if (!row.containsKey(column)) {
                        throw new UserError(name + ": header must contain " + column
                                + " (expected model_id,input_per_1k,output_per_1k,cache_read_per_1k,cache_write_per_1k)");
                    }
                }
                String id = row.get("model_id");
                if (id == null || id.isBlank()) {
                    throw new UserError(name + " line " + line + ": model_id is empty");
                }
                if (rows.containsKey(id)) {
                    throw new UserError(name + " line " + line + ": model_id " + id + " appears twice");
                }
                rows.put(id, new ModelPrice(id,
                        price(row, "input_per_1k", name, line), price(row, "output_per_1k", name, line),
                        price(row, "cache_read_per_1k", name, line), price(row, "cache_write_per_1k", name, line)));
            }
        }
        if (rows.isEmpty()) {
            throw new UserError(name + " has no pricing rows");
        }
        return rows;
    }

    private static double price(Map<String, String> row, String column, String name, long line) {
        String text = row.get(column);
        if (text == null || text.isBlank()) {
            if (REQUIRED.contains(column)) {
                throw new UserError(name + " line " + line + ": " + column + " is empty");
            }
            return 0;
        }
        try {
            double value = Double.parseDouble(text);
            if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UserError(name + " line " + line + ": " + column + " '" + text
                    + "' is not a non-negative number (USD per 1,000 tokens)");
        }
    }

    static Map<String, String> parseAliases(String aliases) {
        Map<String, String> map = new HashMap<>();
        if (aliases == null || aliases.isBlank()) {
            return map;
        }
        for (String pair : aliases.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.lastIndexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                throw new UserError("monitor.pricing.aliases entry '" + trimmed + "' must be ARN=modelId");
            }
            map.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
        return map;
    }

    /** The price for a model id as logged, or null when the table cannot price it. */
    public ModelPrice find(String modelId) {
        ModelPrice price = resolved.computeIfAbsent(modelId, this::resolve);
        return price == UNPRICED ? null : price;
    }

    public boolean isPriced(String modelId) {
        return find(modelId) != null;
    }

    public Collection<ModelPrice> rows() {
        return rows.values();
    }

    private ModelPrice resolve(String modelId) {
        ModelPrice price = byId(modelId);
        if (price == null && aliases.containsKey(modelId)) {
            price = byId(aliases.get(modelId));
        }
        if (price == null) {
            var arn = ARN.matcher(modelId);
            if (arn.matches() && (arn.group(1).equals("inference-profile") || arn.group(1).equals("foundation-model"))) {
                price = byId(arn.group(2));
            }
        }
        return price == null ? UNPRICED : price;
    }

    private ModelPrice byId(String id) {
        ModelPrice price = rows.get(id);
        if (price != null) {
            return price;
        }
        int dot = id.indexOf('.');
        if (dot > 0 && GEO_PREFIXES.contains(id.substring(0, dot))) {
            String base = id.substring(dot + 1);
            price = rows.get(base);
            if (price != null) {
                return price;
            }
            return byRelaxedId.get(relaxed(base));
        }
        return byRelaxedId.get(relaxed(id));
    }

    static String relaxed(String id) {
        return VERSION_SUFFIX.matcher(id).replaceFirst("");
    }
}
