package io.lyss.standalone.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
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
 * threads instead; each mapper gets a factory of its own, as factories must not be shared between mappers. The
 * event mappers do the same ({@code EventJson}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnThreading(Threading.VIRTUAL)
class SharedJsonBuffers {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer buffersSharedByThreads() {
        return builder -> builder.factory(JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                .build());
    }
}
