package io.lyss.standalone.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class SharedJsonBuffersTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
            .withUserConfiguration(SharedJsonBuffers.class);

    @Test
    void onVirtualThreadsTheApplicationsMappersRecycleBuffersThroughAPoolSharedByThreads() {
        context.withPropertyValues("spring.threads.virtual.enabled=true").run(app -> {
            ObjectMapper mapper = app.getBean(ObjectMapper.class);
            assertThat(mapper.getFactory()._getRecyclerPool())
                    .isInstanceOf(JsonRecyclerPools.ConcurrentDequePool.class);
            assertThat(app.getBean(Jackson2ObjectMapperBuilder.class).build().getFactory())
                    .as("each mapper has a factory of its own")
                    .isNotSameAs(mapper.getFactory());
            assertThat(mapper.readTree("{\"a\":[1,2]}").path("a").size()).isEqualTo(2);
        });
    }

    @Test
    void onPlatformThreadsJacksonsPerThreadRecyclingStays() {
        context.run(
                app -> assertThat(app.getBean(ObjectMapper.class).getFactory()._getRecyclerPool())
                        .isInstanceOf(JsonRecyclerPools.ThreadLocalPool.class));
    }
}
