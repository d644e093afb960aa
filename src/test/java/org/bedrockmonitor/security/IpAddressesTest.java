package org.bedrockmonitor.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.bedrockmonitor.config.UserError;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void addressesParseAndServiceSourcesDoNot() {
        assertThat(IpAddresses.parse("8.1.250.216")).containsExactly(8, 1, (byte) 250, (byte) 216);
        assertThat(IpAddresses.parse("035.249.253.232")).as("zero-padded, read as decimal").containsExactly(35, (byte) 249, (byte) 253, (byte) 232);
        assertThat(IpAddresses.parse("2001:db8::1")).hasSize(16);
        assertThat(IpAddresses.parse("[2001:db8::1]")).hasSize(16);
        assertThat(IpAddresses.parse("fe80::1%eth0")).hasSize(16);
        assertThat(IpAddresses.parse("bedrock.amazonaws.com")).isNull();
        assertThat(IpAddresses.parse("AWS Internal")).isNull();
        assertThat(IpAddresses.parse("256.1.1.1")).isNull();
        assertThat(IpAddresses.parse("1.2.3")).isNull();
        assertThat(IpAddresses.parse("cafe:beef:zz::1")).isNull();
        assertThat(IpAddresses.parse(null)).isNull();
    }

    @Test
    void cidrBlocksMatchOnTheirPrefixBitsOnly() {
        IpAddresses.Cidr v4 = IpAddresses.parseCidr("192.168.16.0/20");
        IpAddresses.Cidr v6 = IpAddresses.parseCidr("2001:db8:abcd::/48");
        IpAddresses.Cidr host = IpAddresses.parseCidr("203.0.113.5");

        assertThat(v4.contains(IpAddresses.parse("192.168.31.255"))).isTrue();
        assertThat(v4.contains(IpAddresses.parse("192.168.32.0"))).isFalse();
        assertThat(v4.contains(IpAddresses.parse("2001:db8:abcd::1"))).as("other family").isFalse();
        assertThat(v6.contains(IpAddresses.parse("2001:db8:abcd:ffff::1"))).isTrue();
        assertThat(v6.contains(IpAddresses.parse("2001:db8:abce::1"))).isFalse();
        assertThat(host.contains(IpAddresses.parse("203.0.113.5"))).isTrue();
        assertThat(host.contains(IpAddresses.parse("203.0.113.6"))).isFalse();
        assertThat(IpAddresses.parseCidr("0.0.0.0/0").contains(IpAddresses.parse("9.9.9.9"))).isTrue();
    }

    @Test
    void aWrongCidrInTheSettingsIsOneSentenceNamingTheProperty() {
        assertThatThrownBy(() -> TestSettings.with(Map.of("monitor.security.unusual-access.allowed-cidrs", "10.0.0.0/8, 10.0.0.0/33")))
                .isInstanceOf(UserError.class)
                .hasMessage("monitor.security.unusual-access.allowed-cidrs: '10.0.0.0/33' is not a CIDR block: the prefix must be 0 to 32");
        assertThatThrownBy(() -> TestSettings.with(Map.of("monitor.security.unusual-access.allowed-cidrs", "office")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'office' is not a CIDR block");
    }
}
