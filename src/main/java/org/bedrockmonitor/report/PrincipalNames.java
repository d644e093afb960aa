package org.bedrockmonitor.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.parse.Principal;

/**
 * The names readers see for principals instead of raw ARNs. The operator's mapping file
 * ({@code monitor.report.principal-names}: CSV {@code arn,name}, header optional) names ARNs exactly;
 * every other ARN is named from itself: a user by its user name, an assumed role by its session name and
 * role ({@code carol@example.com (DataScience)}, IAM Identity Center roles without their
 * {@code AWSReservedSSO_} prefix and suffix), a role by its name, the root user as {@code root (account)}.
 * ARNs stay the key everywhere; a name is for display only.
 */
public final class PrincipalNames {

    public static final String PROPERTY = "monitor.report.principal-names";
    private static final Pattern SSO_ROLE = Pattern.compile("AWSReservedSSO_(.+)_[0-9a-f]+");
    private static final int MAX_NAME = 200;

    private final Map<String, String> mapped;

    private PrincipalNames(Map<String, String> mapped) {
        this.mapped = Map.copyOf(mapped);
    }

    public static PrincipalNames none() {
        return new PrincipalNames(Map.of());
    }

    public static PrincipalNames of(Map<String, String> mapped) {
        return new PrincipalNames(mapped);
    }

    /** The mapping file, or {@link #none()} when the property is blank; a mistake is one sentence naming the file and line. */
    public static PrincipalNames load(String file) {
        if (file == null || file.isBlank()) {
            return none();
        }
        Path path = Path.of(file.trim());
        if (!Files.isRegularFile(path)) {
            throw new UserError(PROPERTY + ": " + path + " does not exist or is not a file");
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new PrincipalNames(read(reader, path.toString()));
        } catch (IOException e) {
            throw new UserError(PROPERTY + ": " + path + " cannot be read (" + e.getMessage() + ")");
        } catch (UserError e) {
            throw new UserError(PROPERTY + ": " + e.getMessage());
        }
    }

    static Map<String, String> read(Reader reader, String file) throws IOException {
        Map<String, String> names = new TreeMap<>();
        Map<String, Long> lines = new HashMap<>();
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema())
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.TRIM_SPACES)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(reader)) {
            boolean first = true;
            while (it.hasNextValue()) {
                long line = it.getCurrentLocation().getLineNr();
                String[] values;
                try {
                    values = it.nextValue();
                } catch (RuntimeJsonMappingException e) {
                    throw new UserError(file + " line " + line + ": not a CSV row (" + e.getMessage().lines().findFirst().orElse("") + ")");
                }
                if (first && values.length > 0 && values[0].startsWith("\uFEFF")) {
                    values[0] = values[0].substring(1);
                }
                boolean header = first && values.length == 2 && values[0].equalsIgnoreCase("arn") && values[1].equalsIgnoreCase("name");
                first = false;
                if (header || values.length == 1 && values[0].isEmpty()) {
                    continue;
                }
                if (values.length != 2) {
                    throw new UserError(file + " line " + line + ": expected two columns arn,name, found " + values.length
                            + " (quote a name that contains a comma)");
                }
                String arn = values[0];
                String name = values[1];
                if (!arn.startsWith("arn:")) {
                    throw new UserError(file + " line " + line + ": '" + shortened(arn) + "' is not an ARN (the first column is the principal's ARN as logged)");
                }
                if (name.isEmpty() || name.length() > MAX_NAME) {
                    throw new UserError(file + " line " + line + ": the name of " + arn + " must have 1 to " + MAX_NAME + " characters");
                }
                Long earlier = lines.putIfAbsent(arn, line);
                if (earlier != null) {
                    throw new UserError(file + " lines " + earlier + " and " + line + ": " + arn + " is named twice");
                }
                names.put(arn, name);
            }
        } catch (IOException e) {
            throw new UserError(file + ": not CSV (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return names;
    }

    /** The display name of an ARN: the operator's, else the one derived from the ARN. */
    public String nameOf(String arn) {
        if (arn == null || arn.isEmpty()) {
            return "(no principal)";
        }
        String name = mapped.get(arn);
        return name != null ? name : derived(arn);
    }

    /** Names of several ARNs; two ARNs that would read alike (one user name in two accounts) get their account added. */
    public Map<String, String> namesOf(Set<String> arns) {
        Map<String, String> names = new TreeMap<>();
        Map<String, Long> uses = new HashMap<>();
        arns.forEach(arn -> uses.merge(nameOf(arn), 1L, Long::sum));
        for (String arn : arns) {
            String name = nameOf(arn);
            String account = Principal.of(arn).account();
            names.put(arn, uses.get(name) > 1 && !account.isEmpty() && !mapped.containsKey(arn) ? name + " [" + account + "]" : name);
        }
        return names;
    }

    static String derived(String arn) {
        Principal p = Principal.of(arn);
        return switch (p.type()) {
            case "iam-user", "federated-user", "role" -> p.name();
            case "assumed-role" -> {
                String role = p.name();
                Matcher sso = SSO_ROLE.matcher(role);
                if (sso.matches()) {
                    role = sso.group(1);
                }
                yield p.session().isEmpty() ? role : p.session() + " (" + role + ")";
            }
            case "root" -> "root (" + p.account() + ")";
            default -> arn;
        };
    }

    private static String shortened(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
