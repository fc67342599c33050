package io.lyss.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void parsersAndGeneratorsOnNewVirtualThreadsReuseTheSameBuffers() throws Exception {
        ObjectMapper json = EventJson.newMapper();
        RecyclerPool<?> pool = json.getFactory()._getRecyclerPool();

        for (int request = 0; request < 3; request++) {
            Thread.ofVirtual()
                    .start(() -> {
                        try {
                            byte[] written = json.writeValueAsBytes(Map.of("turn", "t1"));
                            assertThat(json.readTree(written).path("turn").asText())
                                    .isEqualTo("t1");
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    })
                    .join();
            assertThat(pool.pooledCount())
                    .as("one set of buffers, released by each thread and taken by the next")
                    .isEqualTo(1);
        }
    }

    @Test
    void eachMapperHasAPoolOfItsOwn() {
        assertThat(EventJson.newMapper().getFactory()._getRecyclerPool())
                .isNotSameAs(EventJson.newMapper().getFactory()._getRecyclerPool());
    }
}
