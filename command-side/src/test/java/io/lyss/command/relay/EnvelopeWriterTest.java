package io.lyss.command.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventJson;
import io.lyss.events.EventTopics;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.WorkspaceCreated;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

class EnvelopeWriterTest {

    private final ObjectMapper json = EventJson.newMapper();
    private final CountingSerializer storedWith = new CountingSerializer(
            JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build());
    private final EnvelopeWriter writer = new EnvelopeWriter(storedWith);

    @Test
    void aStoredEventIsRelayedWithItsStoredJsonWithoutDeserialisingIt() throws Exception {
        var event = new ApiKeyRevoked("key_1", "ws_1");
        EventMessage<?> stored = readFromStore(
                event,
                "key_1",
                3,
                41,
                "{\"traceId\":\"t1\",\"lyss-actor\":\"USER:u_1\",\"lyss-correlation-id\":\"c_9\",\"nested\":{\"lyss-actor\":\"no\"}}");

        var record = writer.toRecord(stored, 41);

        assertThat(storedWith.deserialised).hasValue(0);
        JsonNode envelope = json.readTree(record.value());
        assertThat(envelope.path("payload")).isEqualTo(json.valueToTree(event));
        assertThat(envelope.path("type").asText()).isEqualTo("governance.ApiKeyRevoked");
        assertThat(envelope.path("workspaceId").asText()).isEqualTo("ws_1");
        assertThat(envelope.path("aggregateId").asText()).isEqualTo("key_1");
        assertThat(envelope.path("aggregateSequence").asLong()).isEqualTo(3);
        assertThat(envelope.path("globalIndex").asLong()).isEqualTo(41);
        assertThat(envelope.path("eventId").asText()).isEqualTo(stored.getIdentifier());
        assertThat(envelope.path("actor").asText()).isEqualTo("USER:u_1");
        assertThat(envelope.path("correlationId").asText()).isEqualTo("c_9");
        assertThat(record.topic()).isEqualTo(EventTopics.EVENTS);
        assertThat(record.key()).isEqualTo("key_1");
    }

    @Test
    void anEventWithoutAWorkspaceTextIsAskedForItsWorkspace() throws Exception {
        EventMessage<?> stored = readFromStore(new WorkspaceCreated(null, "Nameless"), "ws_x", 0, 7, "{}");

        JsonNode envelope = json.readTree(writer.toRecord(stored, 7).value());

        assertThat(envelope.path("actor").asText()).as("no actor recorded").isEqualTo("SYSTEM:command-side");
        assertThat(envelope.path("correlationId").asText()).isEqualTo(stored.getIdentifier());
        assertThat(envelope.path("workspaceId").isNull()).isTrue();
        assertThat(envelope.path("payload").path("name").asText()).isEqualTo("Nameless");
    }

    @Test
    void anEventNotReadFromTheStoreIsSerialisedForTheEnvelope() throws Exception {
        var event = new WorkspaceCreated("ws_2", "Finance");
        DomainEventMessage<?> fresh = new GenericDomainEventMessage<>("Workspace", "ws_2", 0, event);

        JsonNode envelope = json.readTree(writer.toRecord(fresh, 9).value());

        assertThat(envelope.path("payload")).isEqualTo(json.valueToTree(event));
        assertThat(envelope.path("workspaceId").asText()).isEqualTo("ws_2");
    }

    @Test
    void onlyAggregateEventsOfTheCatalogueAreRelayed() {
        assertThatThrownBy(() -> writer.toRecord(GenericEventMessage.asEventMessage("not an event"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> writer.toRecord(GenericEventMessage.asEventMessage(new WorkspaceCreated("ws", "n")), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The event as the JDBC storage engine hands it to a tracking processor: its stored JSON, read lazily. */
    private EventMessage<?> readFromStore(
            Object event, String aggregateId, long sequence, long globalIndex, String metaData) throws Exception {
        var entry = new GenericDomainEventEntry<>(
                "Aggregate",
                aggregateId,
                sequence,
                "event-" + globalIndex,
                Instant.parse("2026-11-27T06:00:00Z"),
                event.getClass().getName(),
                null,
                json.writeValueAsBytes(event),
                metaData.getBytes(StandardCharsets.UTF_8));
        var token = GapAwareTrackingToken.newInstance(globalIndex, List.of());
        List<TrackedEventMessage<?>> read = EventUtils.upcastAndDeserializeTrackedEvents(
                        Stream.of(new TrackedDomainEventData<>(token, entry)), storedWith, NoOpEventUpcaster.INSTANCE)
                .toList();
        return read.getFirst();
    }

    /** The store's serializer, counting the payloads it deserialises. */
    private static final class CountingSerializer implements Serializer {
        private final Serializer delegate;
        final AtomicInteger deserialised = new AtomicInteger();

        CountingSerializer(Serializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
            return delegate.serialize(object, expectedRepresentation);
        }

        @Override
        public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
            return delegate.canSerializeTo(expectedRepresentation);
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            deserialised.incrementAndGet();
            return delegate.deserialize(serializedObject);
        }

        @Override
        public Class classForType(SerializedType type) {
            return delegate.classForType(type);
        }

        @Override
        public SerializedType typeForClass(Class type) {
            return delegate.typeForClass(type);
        }

        @Override
        public Converter getConverter() {
            return delegate.getConverter();
        }
    }
}
