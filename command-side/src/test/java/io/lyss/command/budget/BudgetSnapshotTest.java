package io.lyss.command.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.events.EventJson;
import io.lyss.events.governance.BudgetPeriod;
import io.lyss.events.governance.BudgetScope;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.usage.BudgetLeaseExpired;
import io.lyss.events.usage.BudgetLeaseGranted;
import io.lyss.events.usage.BudgetLeaseSettled;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A budget survives the JSON round trip its snapshots take through the event store's serializer. */
class BudgetSnapshotTest {

    private final ObjectMapper json = EventJson.newMapper();

    @Test
    void aBudgetReadBackFromItsSnapshotHasTheSameBooks() throws Exception {
        Budget budget = new Budget();
        Instant expiry = Instant.parse("2026-11-26T10:05:00Z");
        budget.on(new BudgetSet(
                "bud_ws_1", "ws_1", BudgetScope.WORKSPACE, "ws_1", 1000L, 9000L, BudgetPeriod.MONTHLY, null));
        budget.on(new BudgetLeaseGranted("bud_ws_1", "ws_1", "lease_1", "i1", 300, 100, "2026-11", expiry));
        budget.on(new BudgetLeaseGranted("bud_ws_1", "ws_1", "lease_2", "i2", 200, 100, "2026-11", expiry));
        budget.on(new BudgetLeaseSettled("bud_ws_1", "ws_1", "lease_1", 40, 12));
        budget.on(new BudgetLeaseExpired("bud_ws_1", "ws_1", "lease_2", 200, 100));

        Budget restored = json.readValue(json.writeValueAsBytes(budget), Budget.class);

        assertThat(BudgetStatus.of(ledgerOf(restored))).isEqualTo(BudgetStatus.of(ledgerOf(budget)));
        assertThat(ledgerOf(restored).expired).containsOnlyKeys("lease_2");
    }

    private static BudgetLedger ledgerOf(Budget budget) throws ReflectiveOperationException {
        var field = Budget.class.getDeclaredField("ledger");
        field.setAccessible(true);
        return (BudgetLedger) field.get(budget);
    }
}
