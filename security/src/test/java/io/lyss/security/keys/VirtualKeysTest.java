package io.lyss.security.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VirtualKeysTest {

    @Test
    void issuedKeysAreUniqueAndRecognisableByTheirHashOnly() {
        var first = VirtualKeys.issue();
        var second = VirtualKeys.issue();

        assertThat(first.plainKey()).startsWith(VirtualKeys.KEY_PREFIX).hasSize(VirtualKeys.KEY_PREFIX.length() + 43);
        assertThat(first.plainKey()).isNotEqualTo(second.plainKey());
        assertThat(VirtualKeys.hash(first.plainKey())).isEqualTo(first.hash()).isNotEqualTo(second.hash());
        assertThat(first.hash()).hasSize(64).doesNotContain(first.plainKey());
        assertThat(first.plainKey()).startsWith(first.visiblePrefix());
        assertThat(first.toString()).doesNotContain(first.plainKey());
    }
}
