package org.bedrockmonitor.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrincipalNamesTest {

    static final String SSO = "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DataScience_0a1b2c3d4e5f6789/carol@example.com";
    static final String APP = "arn:aws:sts::123456789012:assumed-role/chatbot-prod/i-0abc123";
    static final String USER = "arn:aws:iam::123456789012:user/dave";
    static final String ROLE = "arn:aws:iam::123456789012:role/nightly-batch";

    @TempDir
    Path dir;

    @Test
    void namesComeFromTheArnWhenTheOperatorGaveNone() {
        PrincipalNames names = PrincipalNames.none();

        assertThat(names.nameOf(SSO)).isEqualTo("carol@example.com (DataScience)");
        assertThat(names.nameOf(APP)).isEqualTo("i-0abc123 (chatbot-prod)");
        assertThat(names.nameOf(USER)).isEqualTo("dave");
        assertThat(names.nameOf(ROLE)).isEqualTo("nightly-batch");
        assertThat(names.nameOf("arn:aws:iam::123456789012:root")).isEqualTo("root (123456789012)");
        assertThat(names.nameOf("")).isEqualTo("(no principal)");
    }

    @Test
    void theOperatorsFileNamesArnsExactlyAndTwoAlikeNamesGetTheirAccount() throws IOException {
        Path file = Files.writeString(dir.resolve("names.csv"),
                "\uFEFFarn,name\n" + APP + ",\"Chatbot, production\"\n\n" + USER + ",Dave Smith (finance)\n");
        PrincipalNames names = PrincipalNames.load(file.toString());

        String otherDave = "arn:aws:iam::210987654321:user/dave";
        String thirdDave = "arn:aws:iam::555555555555:user/dave";
        assertThat(names.namesOf(Set.of(APP, USER, otherDave, thirdDave, ROLE))).isEqualTo(Map.of(
                APP, "Chatbot, production",
                USER, "Dave Smith (finance)",
                otherDave, "dave [210987654321]",
                thirdDave, "dave [555555555555]",
                ROLE, "nightly-batch"));
    }

    @Test
    void aMalformedFileIsOneSentenceWithFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("names.csv"), "arn,name\n" + APP + ",Chatbot\n" + USER + ",Dave,finance\n");
        assertThatThrownBy(() -> PrincipalNames.load(file.toString())).isInstanceOf(UserError.class)
                .hasMessage("monitor.report.principal-names: " + file + " line 3: expected two columns arn,name, found 3 "
                        + "(quote a name that contains a comma)");

        Path notArn = Files.writeString(dir.resolve("bad.csv"), "chatbot,Chatbot\n");
        assertThatThrownBy(() -> PrincipalNames.load(notArn.toString())).isInstanceOf(UserError.class)
                .hasMessageContaining(notArn + " line 1: 'chatbot' is not an ARN");

        Path twice = Files.writeString(dir.resolve("twice.csv"), USER + ",Dave\n" + ROLE + ",Batch\n" + USER + ",David\n");
        assertThatThrownBy(() -> PrincipalNames.load(twice.toString())).isInstanceOf(UserError.class)
                .hasMessageContaining(twice + " lines 1 and 3: " + USER + " is named twice");

        assertThatThrownBy(() -> PrincipalNames.load(dir.resolve("missing.csv").toString())).isInstanceOf(UserError.class)
                .hasMessage("monitor.report.principal-names: " + dir.resolve("missing.csv") + " does not exist or is not a file");
    }

    @Test
    void noFileMeansNamesFromArnsOnly() {
        assertThat(PrincipalNames.load(" ").nameOf(USER)).isEqualTo("dave");
    }
}
