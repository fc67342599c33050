package io.lyss.orchestrator.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateAccountTest {

    private final AtomicLong clock = new AtomicLong(5_000_000_000L);
    private long granted;
    private int calls;

    /** Ten requests per minute in all; 30 s left in the minute. */
    private final RateAccount account = new RateAccount(
            (minRequests, desiredRequests, minTokens, desiredTokens) -> {
                calls++;
                if (10 - granted < minRequests) {
                    throw new QuotaClient.RefusedException("reached", 30);
                }
                long grant = Math.min(desiredRequests, 10 - granted);
                granted += grant;
                return new QuotaClient.Allowance(grant, 0, 30_000);
            },
            clock::get,
            3,
            0);

    @Test
    void admitsLocallyFromAllowancesAndRefusesPastTheLimitWithRetryAfter() {
        for (int i = 0; i < 10; i++) {
            assertThat(account.admit(1, 0)).isZero();
        }
        assertThat(calls).isEqualTo(4);
        assertThat(account.admit(1, 0)).isEqualTo(30);
        assertThat(account.admit(1, 0))
                .as("refused locally until the minute ends")
                .isEqualTo(30);
        assertThat(calls).isEqualTo(5);
    }

    @Test
    void anAllowanceLapsesWithItsMinute() {
        assertThat(account.admit(1, 0)).isZero();
        clock.addAndGet(31_000_000_000L);
        granted = 0;
        assertThat(account.admit(1, 0)).isZero();
        assertThat(calls).isEqualTo(2);
    }
}
