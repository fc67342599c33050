package io.lyss.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapping every producer and consumer of Lyss events uses. */
public final class EventJson {

    private EventJson() {}

    /**
     * A mapper that writes instants as ISO-8601 text and tolerates fields added by later revisions. Its parsers and
     * generators recycle their buffers through a pool of the mapper's own, shared by all threads: Jackson's default
     * pool is per thread, and requests run on virtual threads, a new one each, so every parser and generator of a
     * request allocated fresh 8-16 KiB buffers (about a tenth of what the gateway allocated per request,
     * docs/benchmarks.md, stop 15). Axon's event serializer, the relay and the event readers use such mappers.
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder(newFactory())
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * A JSON factory whose parsers and generators recycle their buffers through a pool of its own, shared by all
     * threads; one per mapper, as factories must not be shared between mappers.
     */
    public static JsonFactory newFactory() {
        return JsonFactory.builder()
                .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                .build();
    }
}
