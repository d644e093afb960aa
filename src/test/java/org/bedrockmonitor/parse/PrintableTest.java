package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "arn:aws:sts::123456789012:assumed-role/Ops/jürgen@example.com 模型 🚀 \\ \"quoted\"";
        assertThat(Printable.of(text)).isSameAs(text);
        assertThat(Printable.of(null)).isNull();
    }

    @Test
    void controlLineBreakAndBidiCharactersBecomeVisibleEscapes() {
        assertThat(Printable.of("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(Printable.of("\u001b[2J\u001b]0;title\u0007")).isEqualTo("\\x1B[2J\\x1B]0;title\\x07");
        assertThat(Printable.of("nul\u0000 del\u007f csi\u009b")).isEqualTo("nul\\x00 del\\x7F csi\\x9B");
        assertThat(Printable.of("ls\u2028ps\u2029")).isEqualTo("ls\\u2028ps\\u2029");
        assertThat(Printable.of("abc\u202edcba\u202c \u2066x\u2069 \u200e\u200f\u061c"))
                .isEqualTo("abc\\u202Edcba\\u202C \\u2066x\\u2069 \\u200E\\u200F\\u061C");
    }

    @Test
    void aLoneSurrogateIsEscapedAndAPairIsKept() {
        assertThat(Printable.of("x\ud83dy")).isEqualTo("x\\uD83Dy");
        assertThat(Printable.of("x\ude80")).isEqualTo("x\\uDE80");
        assertThat(Printable.of("\n\ud83d\ude80")).isEqualTo("\\n\ud83d\ude80");
    }
}
