package org.bedrockmonitor.report;

import java.io.IOException;
import java.io.Writer;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import org.bedrockmonitor.parse.Printable;

/**
 * The FreeMarker output format of the plain-text reports (the text part of every mail): like HTML's, it
 * escapes every interpolated value, here with {@link Printable}, so a model id or ARN carrying a newline
 * or an ESC sequence cannot forge lines of the mail or act on the reader's terminal. Template text itself
 * is written as it is.
 */
final class PrintableText extends CommonMarkupOutputFormat<PrintableText.Model> {

    static final PrintableText INSTANCE = new PrintableText();

    private PrintableText() {
    }

    @Override
    public String getName() {
        return "printableText";
    }

    @Override
    public String getMimeType() {
        return "text/plain";
    }

    @Override
    public void output(String textToEsc, Writer out) throws IOException {
        out.write(Printable.of(textToEsc));
    }

    @Override
    public String escapePlainText(String plainTextContent) {
        return Printable.of(plainTextContent);
    }

    @Override
    public boolean isLegacyBuiltInBypassed(String builtInName) {
        return false;
    }

    @Override
    protected Model newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
        return new Model(plainTextContent, markupContent);
    }

    /** A value already in this format (escaped once, never twice). */
    static final class Model extends CommonTemplateMarkupOutputModel<Model> {

        Model(String plainTextContent, String markupContent) {
            super(plainTextContent, markupContent);
        }

        @Override
        public PrintableText getOutputFormat() {
            return INSTANCE;
        }
    }
}
