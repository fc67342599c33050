package io.lyss.orchestrator.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SilenceWatchdogTest {

    private static final Duration TIMEOUT = Duration.ofMillis(100);

    private final SilenceWatchdog watchdog = new SilenceWatchdog();
    private final AtomicInteger cancelled = new AtomicInteger();

    @AfterEach
    void stop() {
        watchdog.close();
    }

    @Test
    void anExchangeNotHeardFromIsCancelledOnceAfterItsTimeout() {
        var watch = watchdog.watch(TIMEOUT, cancelled::incrementAndGet);

        await().atMost(Duration.ofSeconds(2)).until(watch::expired);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> cancelled.get() == 1);
    }

    @Test
    void anExchangeHeardFromMoreOftenThanItsTimeoutGoesOn() {
        var watch = watchdog.watch(TIMEOUT, cancelled::incrementAndGet);

        await().pollInterval(Duration.ofMillis(10))
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(1))
                .until(() -> {
                    watch.heard();
                    return !watch.expired();
                });
        assertThat(cancelled).hasValue(0);

        await().atMost(Duration.ofSeconds(2)).until(watch::expired); // once no longer heard from
        assertThat(cancelled).hasValue(1);
    }

    @Test
    void aClosedWatchNeverFires() {
        var watch = watchdog.watch(TIMEOUT, cancelled::incrementAndGet);
        watch.close();

        await().during(Duration.ofMillis(400))
                .atMost(Duration.ofSeconds(1))
                .until(() -> cancelled.get() == 0 && !watch.expired());
    }

    @Test
    void aCancellationThatFailsDoesNotStopTheWatchdog() {
        watchdog.watch(TIMEOUT, () -> {
            throw new IllegalStateException("already closed");
        });
        var next = watchdog.watch(TIMEOUT.multipliedBy(3), cancelled::incrementAndGet);

        await().atMost(Duration.ofSeconds(2)).until(next::expired);
        assertThat(cancelled).hasValue(1);
    }
}
