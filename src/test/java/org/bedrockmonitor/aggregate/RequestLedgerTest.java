package org.bedrockmonitor.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestLedgerTest {

    @TempDir
    Path dir;

    @Test
    void anIdClaimedByAnotherObjectIsADuplicateButTheSameObjectMayReclaimIt() {
        RequestLedger ledger = RequestLedger.inMemory(10);
        assertThat(ledger.claim("r1", "a")).isTrue();
        assertThat(ledger.claim("r1", "b")).isFalse();
        assertThat(ledger.claim("r1", "a")).as("redelivery of the same object").isTrue();
    }

    @Test
    void releasedClaimsOfAFailedObjectCountAgain() {
        RequestLedger ledger = RequestLedger.inMemory(10);
        ledger.claim("r1", "a");
        ledger.release("a", List.of("r1"));
        assertThat(ledger.claim("r1", "b")).isTrue();
    }

    @Test
    void memoryIsBoundedByForgettingTheOldestIds() {
        RequestLedger ledger = RequestLedger.inMemory(3);
        for (String id : List.of("1", "2", "3", "4")) {
            ledger.claim(id, "a");
        }
        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.claim("1", "b")).as("forgotten").isTrue();
        assertThat(ledger.claim("4", "b")).isFalse();
    }

    @Test
    void committedClaimsSurviveARestartAndUncommittedOnesDoNot() {
        Path file = dir.resolve("ledger.txt");
        RequestLedger first = new RequestLedger(100, file);
        first.claim("r1", "obj-a");
        first.claim("r2", "obj-a");
        first.commit("obj-a", List.of("r1", "r2"));
        first.claim("r3", "obj-b");
        RequestLedger restarted = new RequestLedger(100, file);
        assertThat(restarted.claim("r1", "obj-c")).isFalse();
        assertThat(restarted.claim("r2", "obj-a")).isTrue();
        assertThat(restarted.claim("r3", "obj-c")).isTrue();
    }
}
