package org.bedrockmonitor.price;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.bedrockmonitor.config.UserError;
import org.bedrockmonitor.parse.InvocationRecord;

/**
 * The per-record cost export ({@code analyze --records-out FILE}): one JSON line per priced record
 * ({@code requestId, modelId, costUsd, guardrailCostUsd, priceBook, rule}), so finance can audit any
 * figure down to the table row that produced it. An object's lines are collected while it is read and
 * appended once it was read whole, so a failed object leaves no lines behind.
 */
public final class CostRecords {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Batch NONE = new Batch(null);

    private final Path file;

    private CostRecords(Path file) {
        this.file = file;
    }

    public static CostRecords off() {
        return new CostRecords(null);
    }

    /** Starts {@code file} afresh (a rerun does not append to the last run's lines). */
    public static CostRecords to(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            throw new UserError("monitor.pricing.records-out " + file + " cannot be written: " + e.getMessage());
        }
        return new CostRecords(file);
    }

    public Batch batch() {
        return file == null ? NONE : new Batch(new StringWriter());
    }

    public synchronized void write(Batch batch) {
        if (batch.lines == null || batch.lines.getBuffer().length() == 0) {
            return;
        }
        try {
            Files.writeString(file, batch.lines.getBuffer(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The lines of one object. */
    public static final class Batch {
        private final StringWriter lines;

        private Batch(StringWriter lines) {
            this.lines = lines;
        }

        public void add(InvocationRecord record, Priced priced) {
            if (lines == null) {
                return;
            }
            try (JsonGenerator g = JSON.createGenerator(lines)) {
                g.writeStartObject();
                g.writeStringField("requestId", record.requestId());
                g.writeStringField("modelId", record.modelId());
                g.writeNumberField("costUsd", priced.costUsd());
                g.writeNumberField("guardrailCostUsd", priced.guardrailCostUsd());
                g.writeStringField("priceBook", priced.priceBook());
                g.writeStringField("rule", priced.rule());
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines.write('\n');
        }
    }
}
