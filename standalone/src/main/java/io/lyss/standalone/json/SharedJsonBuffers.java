package io.lyss.standalone.json;

import io.lyss.events.EventJson;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson 2 recycles the buffers of its parsers and generators per thread by default. Requests here run on
 * virtual threads, a new one each, so every parser and generator of a request allocated fresh buffers (8-16 KiB
 * each; about a tenth of the bytes the gateway allocated per request, docs/benchmarks.md, stop 15). The
 * application's mappers (Spring MVC's and those the modules are given) recycle through a pool shared by all
 * threads instead, through the same factory as the event mappers ({@link EventJson#newFactory}), a new one per
 * mapper.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnThreading(Threading.VIRTUAL)
class SharedJsonBuffers {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer buffersSharedByThreads() {
        return builder -> builder.factory(EventJson.newFactory());
    }
}
