package io.lyss.orchestrator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheHeaderTest {

    @Test
    void offAndNoStoreBypassTheCacheSemanticOptsInAndAbsenceDoesNeither() {
        assertThat(CacheHeader.of(" OFF ").bypasses()).isTrue();
        assertThat(CacheHeader.of("no-store").bypasses()).isTrue();
        assertThat(CacheHeader.of("Semantic").allowsSemantic()).isTrue();
        assertThat(CacheHeader.of("semantic").bypasses()).isFalse();
        assertThat(CacheHeader.of(null).bypasses()).isFalse();
        assertThat(CacheHeader.of(null).allowsSemantic()).isFalse();
    }
}
