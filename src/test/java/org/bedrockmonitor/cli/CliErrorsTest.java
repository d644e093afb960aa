package org.bedrockmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator mistakes end with one sentence naming the mistake and exit 2, never a stack trace. */
class CliErrorsTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static void assertOneSentence(Run run, String... mentions) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        for (String mention : mentions) {
            assertThat(run.err()).contains(mention);
        }
    }

    @Test
    void anUnknownFlagIsNamed() {
        Run run = run("analyze", "x", "--out", "y", "--bogus");
        assertOneSentence(run, "--bogus");
    }

    @Test
    void aMissingInputIsNamed() {
        assertOneSentence(run("analyze", dir.resolve("nope").toString(), "--out", dir.resolve("o").toString()),
                "nope", "does not exist");
    }

    @Test
    void aMalformedPricingRowIsNamedWithFileAndLine() throws Exception {
        Path logs = Files.writeString(dir.resolve("log.json"), "");
        Path pricing = Files.writeString(dir.resolve("prices.csv"),
                "model_id,input_per_1k,output_per_1k\nokay,1,1\nbroken,1,lots\n");
        assertOneSentence(run("analyze", logs.toString(), "--out", dir.resolve("o").toString(), "--pricing", pricing.toString()),
                "prices.csv line 3", "output_per_1k 'lots'");
    }

    @Test
    void aMalformedPrincipalNamesFileIsNamedWithFileAndLine() throws Exception {
        Path names = Files.writeString(dir.resolve("names.csv"),
                "arn,name\narn:aws:iam::123456789012:user/dave,Dave\narn:aws:iam::123456789012:role/batch,Nightly,batch\n");
        System.setProperty("monitor.report.principal-names", names.toString());
        try {
            assertOneSentence(run("report", "--type", "executive", "--from", "2026-01-01", "--to", "2026-01-01",
                    "--out", dir.resolve("o").toString()), "monitor.report.principal-names", "names.csv line 3",
                    "expected two columns arn,name, found 3");
        } finally {
            System.clearProperty("monitor.report.principal-names");
        }
    }

    @Test
    void aMissingPricingFileIsNamed() throws Exception {
        Path logs = Files.writeString(dir.resolve("log.json"), "");
        assertOneSentence(run("analyze", logs.toString(), "--out", dir.resolve("o").toString(), "--pricing", "/no/such.csv"),
                "/no/such.csv");
    }

    @Test
    void anOutputFolderThatIsAFileIsNamedBeforeAnythingIsWritten() throws Exception {
        Path logs = Files.writeString(dir.resolve("log.json"), "");
        Path file = Files.writeString(dir.resolve("taken.txt"), "not a folder");

        assertOneSentence(run("analyze", logs.toString(), "--out", file.toString()), "--out " + file + " is a file, not a folder");
        assertOneSentence(run("analyze", logs.toString(), "--out", file.resolve("below").toString()),
                "--out " + file.resolve("below") + " cannot be created as a folder");
        assertOneSentence(run("demo", "--out", file.toString(), "--records", "10"), "--out " + file + " is a file, not a folder");
        assertOneSentence(run("report", "--type", "cost", "--from", "2026-01-01", "--to", "2026-01-31", "--out", file.toString()),
                "--out " + file + " is a file, not a folder");
        assertThat(Files.readString(file)).as("the demo recreates its folder: a file there is never deleted").isEqualTo("not a folder");
    }

    @Test
    void everyCommandPrintsItsHelpAndExitsZero() {
        for (String[] command : new String[][] {{"--help"}, {"service", "--help"}, {"analyze", "--help"}, {"demo", "--help"},
                {"report", "--help"}, {"logging", "--help"}, {"logging", "enable", "--help"}, {"logging", "status", "--help"},
                {"logging", "disable", "--help"}}) {
            Run run = run(command);
            assertThat(run.exit()).as(String.join(" ", command)).isZero();
            assertThat(run.out()).as(String.join(" ", command)).contains("Usage: bedrock-monitor").contains("--help");
            assertThat(run.err()).as(String.join(" ", command)).isEmpty();
        }
        assertThat(run("report", "--help").out()).contains("--type", "--from", "--to", "--rollups", "--out");
    }

    @Test
    void analyzeExitsNonZeroOnlyWhenNothingCouldBeRead() throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"), "{\"schemaType\":\"ModelInvocationLog\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                + "\"requestId\":\"a\",\"operation\":\"Converse\",\"modelId\":\"amazon.nova-lite-v1:0\"}\n");
        Path bad = Files.write(dir.resolve("bad.gz"), new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        assertThat(run("analyze", good.toString(), bad.toString(), "--out", dir.resolve("o1").toString()).exit()).isZero();
        Run onlyBad = run("analyze", bad.toString(), "--out", dir.resolve("o2").toString());
        assertThat(onlyBad.exit()).isEqualTo(1);
        assertThat(onlyBad.out()).contains("bad.gz");
        assertThat(Files.readString(dir.resolve("o2/summary.json"))).contains("bad.gz");
    }
}
