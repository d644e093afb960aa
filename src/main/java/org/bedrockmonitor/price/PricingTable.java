package org.bedrockmonitor.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.parse.InvocationRecord;
import org.bedrockmonitor.price.ModelIds.Kind;
import org.bedrockmonitor.price.RowChoice.Timeline;

/**
 * The pricing table (see {@link PricingCsv} for the file) and the billing rules that turn one
 * {@link InvocationRecord} into a cost: {@link #price(InvocationRecord)}.
 *
 * <p>Which rows apply to a logged model id: rows written for that id exactly; else, for a system
 * inference-profile or foundation-model ARN, the id inside it; for an application inference profile,
 * provisioned, custom or other ARN, the {@code resolves_to} of its own row (or an alias from
 * {@code monitor.pricing.aliases}), else it is unpriced. Then the rows of that id, else of its base id
 * (without the geo or global prefix, whose scope is kept), else of the one id that differs only in its
 * {@code :N} version suffix. {@link RowChoice} picks the row.
 *
 * <p>What a model, region and tier resolve to is cached, so pricing a record is a map look-up and a
 * few multiplications.
 */
public final class PricingTable {

    /** Rows with this model id price guardrail policy units, whatever the model. */
    public static final String GUARDRAIL = "guardrail";
    private static final Pattern VERSION_SUFFIX = Pattern.compile("(:\\d+[a-z]*)+$");
    private static final Set<String> TIERS = Set.of("standard", "flex", "priority", "batch", "latency-optimized", "reserved");
    /** Hostile logs can carry endless distinct model ids; beyond this many, resolutions are not kept. */
    private static final int MAX_CACHED = 4096;

    private final Map<String, List<PriceRow>> groups;
    private final Map<String, String> byRelaxedId = new HashMap<>();
    private final Map<String, String> aliases;
    private final Map<String, ModelEntry> cache = new ConcurrentHashMap<>();
    private final Map<String, List<PriceRow>> guardrailRows;
    private final Map<String, Timeline> guardrailRates = new ConcurrentHashMap<>();

    PricingTable(List<PriceRow> rows, Map<String, String> aliases) {
        Map<String, List<PriceRow>> grouped = new LinkedHashMap<>();
        rows.forEach(row -> grouped.computeIfAbsent(row.modelId(), id -> new ArrayList<>()).add(row));
        grouped.replaceAll((id, list) -> List.copyOf(list));
        this.groups = grouped;
        this.aliases = Map.copyOf(aliases);
        this.guardrailRows = groups.getOrDefault(GUARDRAIL, List.of()).stream()
                .collect(Collectors.groupingBy(PriceRow::unit));
        Map<String, Integer> relaxedCounts = new HashMap<>();
        groups.keySet().forEach(id -> relaxedCounts.merge(relaxed(id), 1, Integer::sum));
        groups.keySet().forEach(id -> {
            if (relaxedCounts.get(relaxed(id)) == 1) {
                byRelaxedId.put(relaxed(id), id);
            }
        });
        groups.values().forEach(this::checkMappings);
    }

    /** The table bundled in the jar, or the operator's file when {@code file} is not blank. */
    public static PricingTable load(String file, String aliases) {
        Map<String, String> aliasMap = parseAliases(aliases);
        if (file == null || file.isBlank()) {
            try (InputStream in = PricingTable.class.getResourceAsStream("/pricing.csv")) {
                return read(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled pricing.csv", aliasMap);
            } catch (IOException e) {
                throw new IllegalStateException("bundled pricing.csv is unreadable", e);
            }
        }
        Path path = Path.of(file.trim());
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader, path.toString(), aliasMap);
        } catch (NoSuchFileException e) {
            throw new UserError("pricing file " + path + " does not exist");
        } catch (IOException e) {
            throw new UserError("pricing file " + path + " cannot be read: " + e.getMessage());
        }
    }

    static PricingTable read(Reader reader, String name, Map<String, String> aliases) throws IOException {
        return new PricingTable(PricingCsv.read(reader, name), aliases);
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

    /** An ARN's rows map it to another model (resolves_to) or price it, never both; the target must be priced. */
    private void checkMappings(List<PriceRow> rows) {
        PriceRow first = rows.get(0);
        boolean provisioned = ModelIds.resolve(first.modelId()).kind() == Kind.PROVISIONED;
        for (PriceRow row : rows) {
            if (row.maps() != first.maps() || !row.resolvesTo().equals(first.resolvesTo())) {
                throw new UserError(row.where() + ": model_id " + row.modelId() + " resolves_to " + describe(row.resolvesTo())
                        + " but " + first.where() + " says " + describe(first.resolvesTo()) + "; one id wraps one model");
            }
            if (provisioned && !row.maps()) {
                throw new UserError(row.where() + ": the provisioned model " + row.modelId() + " needs resolves_to"
                        + " (its records cost 0 per token; its hourly price is a model_unit_hour row)");
            }
        }
        if (first.maps() && priceGroup(ModelIds.resolve(first.resolvesTo()).id()) == null) {
            throw new UserError(first.where() + ": resolves_to " + first.resolvesTo() + " has no price rows in this table");
        }
    }

    private static String describe(String resolvesTo) {
        return resolvesTo.isEmpty() ? "nothing (it is priced itself)" : resolvesTo;
    }

    // ------------------------------------------------------------------------------------------ per record

    /** The cost of one record under the rules and the row valid at its time. */
    public Priced price(InvocationRecord record) {
        ModelRates rates = rates(record.modelId(), record.region(), servedTier(record.billing()));
        Priced priced = rates.price(record);
        if (!record.failed() && !record.billing().guardrailUnits().isEmpty()) {
            double guardrail = guardrailCost(record);
            return new Priced(priced.costUsd(), guardrail, priced.images(), priced.basis(), priced.row(), false);
        }
        return priced;
    }

    /**
     * The tier that served a record: a batch job line is {@code batch}; a response whose
     * {@code performanceConfig} says {@code optimized} is {@code latency-optimized}; else the response's
     * {@code serviceTier}, then the request's, {@code default} (or nothing) being {@code standard}.
     */
    static String servedTier(InvocationRecord.Billing billing) {
        if (billing == InvocationRecord.Billing.NONE) {
            return "standard";
        }
        if (billing.batch()) {
            return "batch";
        }
        if ("optimized".equalsIgnoreCase(billing.responseLatency())) {
            return "latency-optimized";
        }
        String tier = billing.responseServiceTier() != null ? billing.responseServiceTier() : billing.requestServiceTier();
        if (tier == null) {
            return "standard";
        }
        String lower = tier.toLowerCase(Locale.ROOT);
        return TIERS.contains(lower) ? lower : "standard";
    }

    private double guardrailCost(InvocationRecord record) {
        String region = record.region() == null ? "" : record.region();
        double cost = 0;
        for (Map.Entry<String, Long> units : record.billing().guardrailUnits().entrySet()) {
            List<PriceRow> rows = guardrailRows.get(units.getKey());
            if (rows == null) {
                continue;
            }
            String key = region + "\u0000" + units.getKey();
            Timeline timeline = guardrailRates.get(key);
            if (timeline == null) {
                timeline = Timeline.of(rows, "", "", region);
                if (guardrailRates.size() < MAX_CACHED) {
                    guardrailRates.putIfAbsent(key, timeline);
                }
            }
            PriceRow row = timeline.at(record.timestamp());
            if (row != null) {
                cost += Math.max(0, units.getValue()) * row.perUnit();
            }
        }
        return cost;
    }

    /**
     * The rates of a model id in a region at a tier. Records of one object share their region and
     * mostly their tier, so each model id remembers the last rates it gave and is asked for again.
     */
    private ModelRates rates(String modelId, String region, String tier) {
        String key = modelId == null ? "" : modelId;
        String where = region == null ? "" : region;
        ModelEntry entry = cache.get(key);
        if (entry == null) {
            entry = new ModelEntry(target(modelId));
            if (cache.size() < MAX_CACHED) {
                cache.putIfAbsent(key, entry);
            }
        }
        ModelRates last = entry.last;
        if (last != null && last.tier.equals(tier) && last.region.equals(where)) {
            return last;
        }
        ModelEntry resolved = entry;
        ModelRates rates = entry.byRegionAndTier.size() < MAX_CACHED
                ? entry.byRegionAndTier.computeIfAbsent(where + "\u0000" + tier, k -> new ModelRates(resolved.target, where, tier))
                : new ModelRates(entry.target, where, tier);
        entry.last = rates;
        return rates;
    }

    /** One logged model id: what it is billed as, and its rates per region and tier. */
    private static final class ModelEntry {
        final Target target;
        final Map<String, ModelRates> byRegionAndTier = new ConcurrentHashMap<>();
        volatile ModelRates last;

        ModelEntry(Target target) {
            this.target = target;
        }
    }

    /** What a logged id is billed as: {@code group} is null when nothing in the table prices it. */
    private record Target(Kind kind, String group, ModelIds.Scope scope, PriceRow mapping) {
    }

    private Target target(String logged) {
        if (logged == null) {
            return new Target(Kind.MODEL, null, ModelIds.Scope.IN_REGION, null);
        }
        ModelIds.Resolved resolved = ModelIds.resolve(logged);
        List<PriceRow> own = groups.get(logged);
        String id;
        PriceRow mapping = null;
        if (own != null && own.get(0).maps()) {
            mapping = own.get(0);
            id = mapping.resolvesTo();
        } else if (own != null) {
            return new Target(resolved.kind(), logged, resolved.scope(), null);
        } else if (aliases.containsKey(logged)) {
            id = aliases.get(logged);
        } else if (resolved.kind().opaque()) {
            return new Target(resolved.kind(), null, ModelIds.Scope.IN_REGION, null);
        } else {
            id = resolved.id();
        }
        ModelIds.Resolved inner = ModelIds.resolve(id);
        return new Target(resolved.kind(), inner.kind().opaque() ? null : priceGroup(inner.id()), inner.scope(), mapping);
    }

    /** The rows that price an id: its own, its base id's, or the one id that differs only in the version suffix. */
    private String priceGroup(String id) {
        if (id == null) {
            return null;
        }
        if (isPriceGroup(id)) {
            return id;
        }
        String base = ModelIds.withoutScopePrefix(id);
        if (isPriceGroup(base)) {
            return base;
        }
        String relaxed = byRelaxedId.get(relaxed(base));
        return relaxed != null && isPriceGroup(relaxed) ? relaxed : null;
    }

    private boolean isPriceGroup(String id) {
        List<PriceRow> rows = groups.get(id);
        return rows != null && !rows.get(0).maps() && !id.equals(GUARDRAIL);
    }

    static String relaxed(String id) {
        return VERSION_SUFFIX.matcher(id).replaceFirst("");
    }

    /** One logged model id in one region at one tier: its rows, ready to price records at any time. */
    private final class ModelRates {
        private final Target target;
        private final String tier;
        private final String region;
        private final Timeline tokens;
        private final List<PriceRow> imageRows;
        private final CostBasis unpriced;
        private final CostBasis provisioned;
        /** Per stretch of the token timeline: the bases of its row for tokens and for long context. */
        private final CostBasis[][] tokenBases;
        private final Map<PriceRow, CostBasis[]> bases = new ConcurrentHashMap<>();

        ModelRates(Target target, String region, String tier) {
            this.target = target;
            this.tier = tier;
            this.region = region;
            List<PriceRow> rows = target.group() == null ? List.of() : groups.get(target.group());
            String scope = target.scope().wire();
            this.tokens = Timeline.of(rows.stream().filter(r -> r.unit().equals(PriceRow.TOKEN)).toList(), tier, scope, region);
            this.imageRows = rows.stream().filter(r -> r.unit().equals(PriceRow.IMAGE)).toList();
            this.unpriced = new CostBasis("", tier, region, CostBasis.UNPRICED);
            this.provisioned = new CostBasis(target.mapping() == null ? "" : target.mapping().priceBook(), tier, region,
                    CostBasis.PROVISIONED);
            this.tokenBases = new CostBasis[tokens.size()][];
            for (int i = 0; i < tokens.size(); i++) {
                PriceRow row = tokens.row(i);
                tokenBases[i] = row == null ? null : new CostBasis[] {
                        new CostBasis(row.priceBook(), tier, region, CostBasis.TOKENS),
                        new CostBasis(row.priceBook(), tier, region, CostBasis.LONG_CONTEXT)};
            }
        }

        boolean provisioned() {
            return target.kind() == Kind.PROVISIONED && target.group() != null;
        }

        Priced price(InvocationRecord record) {
            if (target.group() == null) {
                return new Priced(0, 0, 0, unpriced, null, false);
            }
            if (provisioned()) {
                return new Priced(0, 0, 0, provisioned, target.mapping(), false);
            }
            Instant at = record.timestamp();
            int stretch = tokens.indexAt(at);
            PriceRow tokenRow = stretch < 0 ? null : tokens.row(stretch);
            InvocationRecord.Billing billing = record.billing();
            boolean generation = !imageRows.isEmpty() && (billing.imageGeneration() || tokens.isEmpty());
            PriceRow imageRow = null;
            long images = 0;
            if (!imageRows.isEmpty()) {
                images = generation ? Math.max(1, billing.imagesRequested()) : Math.max(0, billing.imagesSent());
                imageRow = images == 0 ? null : RowChoice.chooseImage(imageRows, at, tier, target.scope().wire(), region,
                        generation ? longerSide(billing) : 0, generation ? quality(billing) : "");
            }
            if (tokenRow == null && imageRow == null) {
                return new Priced(0, 0, 0, unpriced, null, false);
            }
            if (record.failed()) {
                // shares its window's token row: the tokens it logged are kept apart as unbilled (Stats)
                return new Priced(0, 0, 0, tokenRow == null ? basis(imageRow, CostBasis.FAILED) : tokenBases[stretch][0], null, true);
            }
            double cost = 0;
            PriceRow applied = tokenRow;
            String rule = CostBasis.TOKENS;
            if (tokenRow != null) {
                long write = Math.max(0, record.cacheWriteTokens());
                long write1h = Math.min(write, Math.max(0, billing.cacheWrite1hTokens()));
                long input = Math.max(0, record.inputTokens());
                long read = Math.max(0, record.cacheReadTokens());
                boolean longContext = tokenRow.longContextThreshold() > 0
                        && (double) input + read + write > tokenRow.longContextThreshold();
                TokenRates rates = longContext ? tokenRow.longContextRates() : tokenRow.rates();
                cost = rates.cost(input, Math.max(0, record.outputTokens()), read, write - write1h, write1h);
                rule = longContext ? CostBasis.LONG_CONTEXT : CostBasis.TOKENS;
            }
            if (imageRow != null) {
                cost += images * imageRow.perUnit();
                if (generation || tokenRow == null) {
                    applied = imageRow;
                    rule = imageRow.variant().isEmpty() ? CostBasis.IMAGES : CostBasis.IMAGES + " " + imageRow.variant();
                }
            } else {
                images = 0;
            }
            CostBasis basis = applied == tokenRow ? tokenBases[stretch][rule.equals(CostBasis.TOKENS) ? 0 : 1] : basis(applied, rule);
            return new Priced(cost, 0, images, basis, applied, false);
        }

        /** Bases of image rows, one instance per row and rule (a row has one image variant), so a window's records share their key. */
        private CostBasis basis(PriceRow row, String rule) {
            CostBasis[] known = bases.computeIfAbsent(row, r -> new CostBasis[4]);
            int slot = switch (rule) {
                case CostBasis.TOKENS -> 0;
                case CostBasis.LONG_CONTEXT -> 1;
                case CostBasis.FAILED -> 2;
                default -> 3;
            };
            CostBasis basis = known[slot];
            if (basis == null) {
                basis = new CostBasis(row.priceBook(), tier, region, rule);
                known[slot] = basis;
            }
            return basis;
        }
    }

    private static int longerSide(InvocationRecord.Billing billing) {
        int side = Math.max(billing.imageWidth(), billing.imageHeight());
        return side > 0 ? side : RowChoice.DEFAULT_IMAGE_SIDE;
    }

    private static String quality(InvocationRecord.Billing billing) {
        return billing.imageQuality() == null || billing.imageQuality().isBlank()
                ? RowChoice.DEFAULT_IMAGE_QUALITY : billing.imageQuality().toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------------------------------ list prices

    /**
     * The standard-tier token prices of a model id as logged, now, for any region: what what-if and
     * detection compare. Null when the table cannot price it per token (unpriced, provisioned).
     */
    public ModelPrice find(String modelId) {
        ModelRates rates = rates(modelId, "", "standard");
        if (rates.provisioned()) {
            return null;
        }
        PriceRow row = rates.tokens.at(Instant.now());
        if (row == null) {
            return null;
        }
        TokenRates r = row.rates();
        return new ModelPrice(row.modelId(), r.input(), r.output(), r.cacheRead(), r.cacheWrite(), r.cacheWrite1h());
    }

    public boolean isPriced(String modelId) {
        return find(modelId) != null;
    }

    /**
     * What the tokens (and images) of a rollup row cost under this table, replaying the rule the row was
     * priced with: tokens at the row's tier and region; long-context tokens at this table's long-context
     * rates when its row has them; images at the row's image variant; failed calls and provisioned
     * throughput at 0. A row priced before price books existed is replayed as tokens.
     */
    public Repriced reprice(String modelId, CostBasis basis, Instant at, long input, long output, long cacheRead,
                            long cacheWrite, long cacheWrite1h, long images) {
        String tier = basis.tier().isEmpty() ? "standard" : basis.tier();
        ModelRates rates = rates(modelId, basis.region(), tier);
        if (rates.target.group() == null) {
            return new Repriced(0, "", false);
        }
        if (rates.provisioned()) {
            return new Repriced(0, rates.provisioned.priceBook(), true);
        }
        if (basis.rule().equals(CostBasis.FAILED)) {
            PriceRow row = rates.tokens.at(at);
            return row == null ? new Repriced(0, "", false) : new Repriced(0, row.priceBook(), true);
        }
        String scope = rates.target.scope().wire();
        String imageVariant = basis.imageVariant();
        if (basis.rule().startsWith(CostBasis.IMAGES) || rates.tokens.isEmpty()) {
            int slash = imageVariant.indexOf('/');
            String size = slash < 0 ? imageVariant : imageVariant.substring(0, slash);
            PriceRow image = RowChoice.chooseImage(rates.imageRows, at, tier, scope, rates.region,
                    size.isEmpty() ? 0 : Integer.parseInt(size), slash < 0 ? "" : imageVariant.substring(slash + 1));
            return image == null ? new Repriced(0, "", false) : new Repriced(images * image.perUnit(), image.priceBook(), true);
        }
        PriceRow row = rates.tokens.at(at);
        if (row == null) {
            return new Repriced(0, "", false);
        }
        boolean longContext = basis.rule().equals(CostBasis.LONG_CONTEXT) && row.longContextThreshold() > 0;
        long write1h = Math.min(cacheWrite, cacheWrite1h);
        double cost = (longContext ? row.longContextRates() : row.rates())
                .cost(input, output, cacheRead, cacheWrite - write1h, write1h);
        if (images > 0) {
            PriceRow image = RowChoice.chooseImage(rates.imageRows, at, tier, scope, rates.region, 0, "");
            cost += image == null ? 0 : images * image.perUnit();
        }
        return new Repriced(cost, row.priceBook(), true);
    }

    /** A replayed cost, with the price book of the row that gave it. */
    public record Repriced(double costUsd, String priceBook, boolean priced) {
    }

    /**
     * Provisioned throughput bought, from the table's {@code model_unit_hour} rows valid during
     * [from, to): the model units of each provisioned model and what they cost over the period.
     */
    public List<Commitment> commitments(Instant from, Instant to) {
        List<Commitment> commitments = new ArrayList<>();
        double hours = Duration.between(from, to).toSeconds() / 3600.0;
        groups.values().stream().flatMap(List::stream)
                .filter(r -> r.unit().equals(PriceRow.MODEL_UNIT_HOUR) && (r.validFrom() == null || r.validFrom().isBefore(to)))
                .collect(Collectors.groupingBy(PriceRow::modelId, LinkedHashMap::new,
                        Collectors.maxBy(Comparator.comparing(r -> r.validFrom() == null ? Instant.MIN : r.validFrom()))))
                .values().forEach(row -> row.ifPresent(r -> {
                    int units = r.variant().isEmpty() ? 1 : Integer.parseInt(r.variant());
                    commitments.add(new Commitment(r.modelId(), r.resolvesTo(), units, r.perUnit(), hours,
                            units * r.perUnit() * hours, r.priceBook()));
                }));
        return commitments;
    }

    /** Provisioned throughput: {@code modelUnits} × {@code usdPerUnitHour} for {@code hours}. */
    public record Commitment(String provisionedModel, String modelId, int modelUnits, double usdPerUnitHour, double hours,
                             double commitmentUsd, String priceBook) {
    }
}
