package io.lyss.command.access;

import io.lyss.events.LyssEvent;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Keeps {@link AccessView} and {@link ResourceView} current. At start it replays the whole event store (before any
 * request or command can arrive); afterwards a subscribing processor hands it each event in the appending unit of
 * work, and it applies the event once that unit of work has committed: a command that returned is already
 * visible to the next call, and a rolled-back one never is (ADR 0007).
 */
@ProcessingGroup(AccessProjection.PROCESSING_GROUP)
class AccessProjection implements SmartInitializingSingleton {

    static final String PROCESSING_GROUP = "command-access";
    private static final Logger LOG = LoggerFactory.getLogger(AccessProjection.class);

    private final AccessView access;
    private final ResourceView resources;
    private final EventStorageEngine storage;

    AccessProjection(AccessView access, ResourceView resources, EventStorageEngine storage) {
        this.access = access;
        this.resources = resources;
        this.storage = storage;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        AtomicLong count = new AtomicLong();
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            events.forEach(message -> {
                if (message.getPayload() instanceof LyssEvent event) {
                    applyNow(event);
                    count.incrementAndGet();
                }
            });
        }
        LOG.info(
                "Access view rebuilt from {} stored events in {} ms",
                count.get(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @EventHandler
    void on(LyssEvent event) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> applyNow(event));
        } else {
            applyNow(event);
        }
    }

    private void applyNow(LyssEvent event) {
        access.apply(event);
        resources.apply(event);
    }
}
