package io.lyss.command.relay;

import io.lyss.events.EventCatalogue;
import io.lyss.events.EventTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Puts every stored event on Kafka, in global order, at least once. It runs in a tracking processor whose token
 * lives in PostgreSQL: a batch's token is committed only after Kafka acknowledged every record of the batch, so
 * when Kafka is down the processor retries from its last token and nothing is lost. Governance and routing events
 * go to the governance topic as well, in the same batch (docs/adr/0043).
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
class KafkaRelay {

    static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pending";

    private final Producer<String, byte[]> producer;
    private final EventsTopic topic;
    private final GovernanceTopic governance;
    private final EnvelopeWriter writer;

    KafkaRelay(
            Producer<String, byte[]> producer, EventsTopic topic, GovernanceTopic governance, EnvelopeWriter writer) {
        this.producer = producer;
        this.topic = topic;
        this.governance = governance;
        this.writer = writer;
    }

    @EventHandler
    void relay(EventMessage<?> message, TrackingToken token) {
        topic.ensureExists();
        governance.ensureWhole();
        long globalIndex = token.position().orElseThrow();
        ProducerRecord<String, byte[]> record = writer.toRecord(message, globalIndex);
        List<Future<RecordMetadata>> pending = pendingSendsOfThisBatch();
        pending.add(producer.send(record));
        if (EventTopics.onGovernanceTopic(
                EventCatalogue.of(message.getPayloadType()).name())) {
            pending.add(producer.send(governance.copyOf(record)));
        }
    }

    private List<Future<RecordMetadata>> pendingSendsOfThisBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(PENDING_SENDS, key -> {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            unitOfWork.root().onPrepareCommit(u -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private static void awaitAcknowledgements(List<Future<RecordMetadata>> pending) {
        try {
            for (Future<RecordMetadata> send : pending) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new RelayFailedException(
                    "Kafka did not acknowledge an event; the batch will be retried", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailedException("Interrupted while awaiting Kafka; the batch will be retried", e);
        }
    }

    /** The batch failed; its token is not committed, so it is relayed again. */
    static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
