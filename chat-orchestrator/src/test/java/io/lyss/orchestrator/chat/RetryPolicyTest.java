package io.lyss.orchestrator.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250));

    @ParameterizedTest
    @CsvSource({
        "429, 1, true",
        "500, 1, true",
        "503, 2, true",
        "0, 1, true", // timeout or connection refused
        "503, 3, false", // attempts used up: fall back to the next channel
        "401, 1, false", // the channel's key is wrong: retrying cannot help
        "404, 1, false",
    })
    void retriesOnlyWhatAnotherAttemptMayNotMeet(int status, int attempt, boolean retried) {
        assertThat(policy.retries(new AttemptResult.Failed(status, "x"), attempt))
                .isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource({"1, 100", "2, 200", "3, 250", "30, 250"})
    void backoffDoublesUpToItsCeiling(int attempt, long millis) {
        assertThat(policy.backoffAfter(attempt)).isEqualTo(Duration.ofMillis(millis));
    }
}
