package org.bedrockmonitor.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.FailedToStartRouteException;

/**
 * Which YAML route files Camel loads, and from where: a file in the operator's folder ({@code ./routes})
 * replaces only the bundled file of the same name, a file there with a new name is added, and every other
 * bundled file comes from the jar. So copying one route file out to edit it keeps every other flow.
 */
public record RouteFiles(Path folder, List<String> replaced, List<String> added, List<String> fromJar) {

    public static final String SUFFIX = ".camel.yaml";

    /**
     * The route files the jar carries, by name. Named one by one because a wildcard on the class path makes
     * Camel walk every entry of the 45 MB jar (about 1.5 s of each start); a test keeps this list equal to
     * the files in routes/.
     */
    public static final List<String> BUNDLED = List.of("alerts", "analysis", "backfill", "detect", "errors", "local-files",
            "log-objects", "metrics", "reports", "s3-notifications");

    public RouteFiles {
        replaced = List.copyOf(replaced);
        added = List.copyOf(added);
        fromJar = List.copyOf(fromJar);
    }

    /**
     * The route files for an operator folder (which may be absent). A file there that looks like a route
     * file but is not named {@code <name>.camel.yaml} is a mistake: it would be ignored silently.
     */
    public static RouteFiles of(Path folder) {
        List<String> replaced = new ArrayList<>();
        List<String> added = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            for (String file : fileNames(folder)) {
                String lower = file.toLowerCase(Locale.ROOT);
                if (lower.endsWith(SUFFIX) && file.endsWith(SUFFIX)) {
                    String name = file.substring(0, file.length() - SUFFIX.length());
                    (BUNDLED.contains(name) ? replaced : added).add(name);
                } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                    throw new UserError(folder.resolve(file) + " is not loaded: route files are named <name>" + SUFFIX
                            + " (the bundled ones: " + String.join(", ", BUNDLED) + ")");
                }
            }
        }
        List<String> fromJar = BUNDLED.stream().filter(name -> !replaced.contains(name)).toList();
        return new RouteFiles(folder, replaced, added, fromJar);
    }

    private static List<String> fileNames(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the route folder " + folder, e);
        }
    }

    /** Where Camel loads one route file from, by its name without {@code .camel.yaml}. */
    public String location(String name) {
        return replaced.contains(name) || added.contains(name)
                ? "file:" + folder.resolve(name + SUFFIX)
                : bundled(name);
    }

    /** The class path location of one bundled route file. */
    public static String bundled(String name) {
        return "classpath:routes/" + name + SUFFIX;
    }

    /** {@code camel.main.routes-include-pattern}: every route file, each from where it comes. */
    public String includePattern() {
        return Stream.of(fromJar, replaced, added).flatMap(List::stream).map(this::location)
                .collect(Collectors.joining(","));
    }

    /** The start-up line that tells an operator where each route file came from. */
    public String describe() {
        if (replaced.isEmpty() && added.isEmpty()) {
            return "Route files: all " + fromJar.size() + " from the jar (no " + folder + " folder or no route file in it)";
        }
        StringBuilder line = new StringBuilder("Route files from ").append(folder.toAbsolutePath().normalize()).append(": ");
        List<String> local = new ArrayList<>();
        replaced.forEach(name -> local.add(name + SUFFIX + " (replaces the jar's)"));
        added.forEach(name -> local.add(name + SUFFIX + " (added)"));
        line.append(String.join(", ", local));
        line.append("; from the jar: ").append(fromJar.isEmpty() ? "none" : String.join(", ", fromJar));
        return line.toString();
    }

    /**
     * One sentence naming the route file behind a failed start, when the failure is in a route file: YAML
     * that does not parse or uses an unknown field (Camel names the file and line), two files defining one
     * route id (the usual result of a misspelt file name, which adds a file instead of replacing one), or a
     * route of the operator's files that cannot be created. Empty for any other failure.
     */
    public Optional<UserError> explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            Matcher mark = YAML_MARK.matcher(message);
            String location = null;
            String line = null;
            while (mark.find()) {
                location = mark.group(1);
                line = mark.group(2);
            }
            if (location != null) {
                return Optional.of(new UserError(operatorName(location) + " line " + line + ": " + problem(message)));
            }
            Matcher duplicate = DUPLICATE_IDS.matcher(message);
            if (duplicate.find()) {
                String id = duplicate.group(1).split(",")[0].trim();
                return Optional.of(new UserError("route id " + id + " is defined in " + String.join(" and in ", filesDefining(id))
                        + ": a file in " + folder + " replaces only the bundled file of the same name (bundled: "
                        + String.join(", ", BUNDLED) + "), so rename the file or give its routes other ids"));
            }
            if (cause instanceof FailedToCreateRouteException || cause instanceof FailedToStartRouteException) {
                String routeId = cause instanceof FailedToCreateRouteException created ? created.getRouteId()
                        : ((FailedToStartRouteException) cause).getRouteId();
                List<String> files = filesDefining(routeId).stream().filter(file -> !file.startsWith(JAR)).toList();
                if (files.size() == 1) {
                    return Optional.of(new UserError(files.get(0) + ", route " + routeId + ": " + rootMessage(cause)));
                }
            }
        }
        return Optional.empty();
    }

    private static final String JAR = "the jar's ";
    private static final Pattern YAML_MARK = Pattern.compile("\\bin ((?:file|classpath):\\S+?\\.camel\\.yaml), line (\\d+)");
    private static final Pattern DUPLICATE_IDS = Pattern.compile("Duplicate route ids detected: ([^.]+)");

    private String operatorName(String location) {
        if (location.startsWith("file:")) {
            return location.substring("file:".length());
        }
        return JAR + location.substring("classpath:".length());
    }

    /** Every route file, operator's or bundled, with a route of this id. */
    private List<String> filesDefining(String routeId) {
        Pattern idLine = Pattern.compile("(?m)^\\s*id:\\s*[\"']?" + Pattern.quote(routeId) + "[\"']?\\s*$");
        List<String> files = new ArrayList<>();
        for (String name : Stream.of(replaced, added, fromJar).flatMap(List::stream).toList()) {
            boolean local = replaced.contains(name) || added.contains(name);
            String text = local ? readLocal(name) : readBundled(name);
            if (idLine.matcher(text).find()) {
                files.add(local ? folder.resolve(name + SUFFIX).toString() : JAR + "routes/" + name + SUFFIX);
            }
        }
        return files;
    }

    private String readLocal(String name) {
        try {
            return Files.readString(folder.resolve(name + SUFFIX));
        } catch (IOException e) {
            return "";
        }
    }

    private static String readBundled(String name) {
        try (InputStream in = RouteFiles.class.getResourceAsStream("/routes/" + name + SUFFIX)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A YAML parser's message without its position marks and source excerpts (the indented lines). */
    private static String problem(String message) {
        return message.lines().filter(text -> !text.isBlank() && !Character.isWhitespace(text.charAt(0)))
                .collect(Collectors.joining(": "));
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(String.valueOf(root.getMessage()));
    }
}
