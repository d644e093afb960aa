package org.bedrockmonitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderStateStoreTest extends StateStoreContract {

    @TempDir
    Path folder;

    @Override
    StateStore store() {
        return new FolderStateStore(folder);
    }

    @Test
    void keysCannotLeaveTheFolder() {
        assertThatThrownBy(() -> store().put("../outside.json", bytes("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
