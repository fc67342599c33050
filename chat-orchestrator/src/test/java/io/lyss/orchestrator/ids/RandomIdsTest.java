package io.lyss.orchestrator.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void idsAreRandomVersion4UuidsInTheirUsualTextForm() {
        for (int i = 0; i < 1_000; i++) {
            UUID id = RandomIds.next();
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            String text = RandomIds.nextText();
            assertThat(UUID.fromString(text).toString()).isEqualTo(text);
            String hex = RandomIds.nextHex();
            assertThat(hex).matches("[0-9a-f]{32}");
            UUID fromHex = UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
            assertThat(fromHex.version()).isEqualTo(4);
            assertThat(fromHex.variant()).isEqualTo(2);
        }
    }

    @Test
    void noIdComesTwiceAcrossThreadsThatShareAGenerator() throws Exception {
        Set<UUID> ids = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 64)
                    .forEach(t -> threads.submit(() -> {
                        for (int i = 0; i < 2_000; i++) {
                            ids.add(RandomIds.next());
                        }
                    }));
        }
        assertThat(ids).hasSize(64 * 2_000);
    }

    @Test
    void everyRandomBitVaries() {
        Set<Integer> seenOnes = new HashSet<>();
        Set<Integer> seenZeros = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            UUID id = RandomIds.next();
            for (int bit = 0; bit < 64; bit++) {
                ((id.getMostSignificantBits() >>> bit & 1) == 1 ? seenOnes : seenZeros).add(bit);
                ((id.getLeastSignificantBits() >>> bit & 1) == 1 ? seenOnes : seenZeros).add(64 + bit);
            }
        }
        Set<Integer> fixed = Set.of(12, 13, 14, 15, 64 + 62, 64 + 63); // version and variant bits
        IntStream.range(0, 128).filter(bit -> !fixed.contains(bit)).forEach(bit -> {
            assertThat(seenOnes).contains(bit);
            assertThat(seenZeros).contains(bit);
        });
    }
}
