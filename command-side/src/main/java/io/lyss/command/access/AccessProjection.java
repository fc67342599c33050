package io.lyss.command.access;

import io.lyss.events.LyssEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Keeps {@link AccessView} and {@link ResourceView} current. At start it replays the governance events of the store
 * ({@link GovernanceHistory}: the views need no other) before any request or command can arrive; afterwards a
 * subscribing processor hands it each event in the appending unit of work, and it applies the event once that unit
 * of work has committed: a command that returned is already visible to the next call, and a rolled-back one never is
 * (ADR 0007).
 */
@ProcessingGroup(AccessProjection.PROCESSING_GROUP)
class AccessProjection implements SmartInitializingSingleton {

    static final String PROCESSING_GROUP = "command-access";
    private static final Logger LOG = LoggerFactory.getLogger(AccessProjection.class);

    private final AccessView access;
    private final ResourceView resources;
    private final GovernanceHistory history;

    AccessProjection(AccessView access, ResourceView resources, GovernanceHistory history) {
        this.access = access;
        this.resources = resources;
        this.history = history;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        long count = history.replay(this::applyNow);
        LOG.info(
                "Access view rebuilt from {} stored governance events in {} ms",
                count,
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
