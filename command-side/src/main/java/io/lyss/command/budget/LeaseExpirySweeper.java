package io.lyss.command.budget;

import io.lyss.command.budget.api.ExpireBudgetLeases;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Expires leases whose instance never settled them (it crashed or lost touch), counting them as spent. Knows the
 * budgets with open leases from the grants it sees and, after a restart, from the event store.
 */
@Component
class LeaseExpirySweeper implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseExpirySweeper.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final BudgetProperties properties;
    private final Clock clock = Clock.systemUTC();
    /** Budget id to the earliest instant one of its open leases may be overdue. */
    private final Map<String, Instant> watched = new ConcurrentHashMap<>();

    private ScheduledExecutorService scheduler;

    LeaseExpirySweeper(CommandGateway commands, JdbcTemplate jdbc, BudgetProperties properties) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    void watch(String budgetId, Instant expiresAt) {
        watched.merge(budgetId, expiresAt, (a, b) -> a.isBefore(b) ? a : b);
    }

    void sweep() {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> entry : List.copyOf(watched.entrySet())) {
            if (entry.getValue().isAfter(now)) {
                continue;
            }
            try {
                Instant next = commands.sendAndWait(new ExpireBudgetLeases(entry.getKey(), now));
                if (next == null) {
                    watched.remove(entry.getKey(), entry.getValue());
                } else {
                    watched.put(entry.getKey(), next);
                }
            } catch (RuntimeException e) {
                LOG.warn(
                        "Expiring the leases of {} failed: {}",
                        entry.getKey(),
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void start() {
        Instant now = clock.instant();
        jdbc.queryForList(
                        "SELECT DISTINCT aggregate_identifier FROM lyss_command.domain_event_entry"
                                + " WHERE aggregate_identifier LIKE 'bud\\_%' AND payload_type LIKE '%.BudgetLeaseGranted'",
                        String.class)
                .forEach(budgetId -> watch(budgetId, now));
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("lyss-lease-sweeper").factory());
        long period = properties.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scheduler.shutdownNow();
        scheduler = null;
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
