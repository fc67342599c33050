package io.lyss.command.budget;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Budget lease settings of the command side.
 *
 * @param leaseTtl how long a lease lives; an instance settles or drops it well before, a dead one cannot
 * @param sweepInterval how often overdue leases are looked for and expired
 */
@ConfigurationProperties("lyss.budget")
record BudgetProperties(@DefaultValue("5m") Duration leaseTtl, @DefaultValue("5s") Duration sweepInterval) {}
