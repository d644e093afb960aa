package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;

class SecuritySettingsTest {

    @Test
    void theDocumentedDefaultsAreRead() {
        SecuritySettings settings = TestSettings.defaults();

        assertThat(settings.failedAuthThreshold()).isEqualTo(10);
        assertThat(settings.failedAuthWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.allowedCidrs()).isEmpty();
        assertThat(settings.newIpDetection()).isTrue();
        assertThat(settings.learningPeriod()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.learningMinEvents()).isEqualTo(50);
        assertThat(settings.isAuthFailure("AccessDeniedException")).isTrue();
        assertThat(settings.isAuthFailure("accessdenied")).as("case-insensitive").isTrue();
        assertThat(settings.isAuthFailure("ExpiredTokenException")).isTrue();
        assertThat(settings.isAuthFailure("ThrottlingException")).isFalse();
        assertThat(settings.isAuthFailure(null)).isFalse();
    }

    @Test
    void aFamilyPatternEndingInStarMatchesAPrefix() {
        SecuritySettings settings = TestSettings.defaults();

        assertThat(settings.isAllowedAgentFamily(UserAgents.SDK_GO)).isTrue();
        assertThat(settings.isAllowedAgentFamily(UserAgents.SDK_OTHER)).isTrue();
        assertThat(settings.isAllowedAgentFamily(UserAgents.CONSOLE)).isTrue();
        assertThat(settings.isAllowedAgentFamily(UserAgents.OTHER)).isFalse();
        assertThat(settings.isAllowedAgentFamily(UserAgents.UNKNOWN)).isFalse();
    }

    @Test
    void aWrongValueIsOneSentenceNamingItsKey() {
        assertThatThrownBy(() -> TestSettings.with(Map.of("monitor.security.failed-auth.threshold", "ten")))
                .isInstanceOf(UserError.class)
                .hasMessage("monitor.security.failed-auth.threshold=ten is not valid (allowed: a whole number, 0 or more)");
        assertThatThrownBy(() -> TestSettings.with(Map.of("monitor.security.failed-auth.window-seconds", "0")))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("monitor.security.failed-auth.window-seconds=0 is not valid");
        assertThatThrownBy(() -> TestSettings.with(Map.of("monitor.security.unusual-access.new-ip", "maybe")))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("monitor.security.unusual-access.new-ip=maybe is not valid");
    }
}
