package io.lyss.command.budget;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the budget lease settings ({@code lyss.budget.*}) and snapshots budgets, whose streams grow with every
 * lease: loading one replays at most {@value #SNAPSHOT_EVERY} events after its latest snapshot.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BudgetProperties.class)
class BudgetConfiguration {

    static final String SNAPSHOT_TRIGGER = "budgetSnapshotTrigger";
    static final int SNAPSHOT_EVERY = 100;

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition budgetSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SNAPSHOT_EVERY);
    }
}
