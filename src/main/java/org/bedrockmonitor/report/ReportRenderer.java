package org.bedrockmonitor.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import com.fasterxml.jackson.core.JsonProcessingException;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.core.TemplateConfiguration;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.bedrockmonitor.config.Json;

/**
 * Renders a {@link ReportModel} with the FreeMarker templates of {@code report-templates/}:
 * {@code <type>.html.ftlh} (HTML output format, so every interpolated value is escaped) and
 * {@code <type>.txt.ftl} ({@link PrintableText}, so every interpolated value is made printable). The operator's folder in the working directory wins over the copy in the jar,
 * so reports can be restyled without a build. A template error throws: a half-rendered report is never sent.
 */
public final class ReportRenderer {

    public static final String TEMPLATE_FOLDER = "report-templates";

    private final Configuration freemarker;

    private ReportRenderer(Configuration freemarker) {
        this.freemarker = freemarker;
    }

    /** Templates from {@code folder} when it exists, otherwise from the classpath folder report-templates/. */
    public static ReportRenderer create(Path folder) {
        Configuration configuration = baseConfiguration();
        if (folder != null && Files.isDirectory(folder)) {
            try {
                configuration.setDirectoryForTemplateLoading(folder.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read report templates in " + folder + ": " + e.getMessage(), e);
            }
        } else {
            configuration.setClassLoaderForTemplateLoading(ReportRenderer.class.getClassLoader(), TEMPLATE_FOLDER);
        }
        return new ReportRenderer(configuration);
    }

    private static Configuration baseConfiguration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputEncoding("UTF-8");
        configuration.setRecognizeStandardFileExtensions(true);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setLocale(Locale.US);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setNumberFormat("0.##");
        configuration.setRegisteredCustomOutputFormats(List.of(PrintableText.INSTANCE));
        TemplateConfiguration plainText = new TemplateConfiguration();
        plainText.setOutputFormat(PrintableText.INSTANCE);
        configuration.setTemplateConfigurations(
                new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.txt.ftl"), plainText));
        return configuration;
    }

    public RenderedReport render(ReportModel model) {
        try {
            String json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(model);
            return new RenderedReport(model, render(model.type() + ".html.ftlh", model), render(model.type() + ".txt.ftl", model), json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report model is not serialisable: " + e.getMessage(), e);
        }
    }

    /** One template applied to a model; the template sees it as {@code report}. */
    public String render(String templateName, ReportModel model) {
        try {
            StringWriter out = new StringWriter();
            freemarker.getTemplate(templateName).process(Map.of("report", model), out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load report template " + templateName + ": " + e.getMessage(), e);
        } catch (TemplateException e) {
            throw new IllegalStateException("report template " + templateName + " failed: " + e.getMessage(), e);
        }
    }
}
