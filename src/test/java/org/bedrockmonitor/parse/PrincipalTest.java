package org.bedrockmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrincipalTest {

    @Test
    void assumedRoleArnsGiveAccountRoleAndSession() {
        Principal p = Principal.of("arn:aws:sts::795142007471:assumed-role/BEDROCKPLAYGROUNDACCESS/uwga");
        assertThat(p).isEqualTo(new Principal("arn:aws:sts::795142007471:assumed-role/BEDROCKPLAYGROUNDACCESS/uwga",
                "795142007471", "assumed-role", "BEDROCKPLAYGROUNDACCESS", "uwga"));
    }

    @Test
    void iamUsersRolesRootAndOddValuesAreClassified() {
        assertThat(Principal.of("arn:aws:iam::111111111111:user/john.doe@example.com"))
                .extracting(Principal::type, Principal::name, Principal::account)
                .containsExactly("iam-user", "john.doe@example.com", "111111111111");
        assertThat(Principal.of("arn:aws:iam::1:user/path/to/bob").name()).isEqualTo("bob");
        assertThat(Principal.of("arn:aws:iam::1:role/service-role/x").type()).isEqualTo("role");
        assertThat(Principal.of("arn:aws:iam::1:root").type()).isEqualTo("root");
        assertThat(Principal.of("<redacted>").type()).isEqualTo("unknown");
        assertThat(Principal.of(null).type()).isEqualTo("unknown");
    }
}
