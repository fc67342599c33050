package io.lyss.orchestrator.commandside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantSerializerTest {

    private final ObjectMapper json =
            new ObjectMapper().registerModule(new SimpleModule().addSerializer(new IsoInstantSerializer()));

    @Test
    void writesWhatInstantToStringWrites() throws Exception {
        List<Instant> edges = List.of(
                Instant.EPOCH,
                Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("2024-02-29T12:00:00.100Z"),
                Instant.parse("2026-11-27T13:31:20.123456Z"),
                Instant.parse("2026-11-27T13:31:20.000000001Z"),
                Instant.parse("2026-11-27T13:31:20.000001Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.MIN,
                Instant.MAX);
        for (Instant instant : edges) {
            assertThat(written(instant)).as(instant.toString()).isEqualTo(instant.toString());
        }
        Random random = new Random(7);
        long tenThousandYears = 10_000L * 366 * 86_400;
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-tenThousandYears, tenThousandYears);
            int nanos =
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(written(instant)).as(instant.toString()).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesAJsonString() throws Exception {
        assertThat(json.readTree(json.writeValueAsBytes(Instant.EPOCH)))
                .isEqualTo(new TextNode("1970-01-01T00:00:00Z"));
    }

    private String written(Instant instant) throws Exception {
        return json.readTree(json.writeValueAsBytes(instant)).textValue();
    }
}
