package io.lyss.command.apikey;

import io.lyss.command.apikey.api.IssueApiKey;
import io.lyss.command.apikey.api.RevokeApiKey;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyRevoked;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final ApiKeyIssued ISSUED =
            new ApiKeyIssued("key_1", "ws_1", "ci", "hash", "lyss-sk-abcdef", List.of("gpt-4o-mini"), null);

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
    }

    @Test
    void issuingRecordsOnlyTheHashAndPrefix() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKey("key_1", "ws_1", "ci", "hash", "lyss-sk-abcdef", List.of("gpt-4o-mini")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ISSUED);
    }

    @Test
    void revokingOnceRecordsIt() {
        fixture.given(ISSUED).when(new RevokeApiKey("key_1", "ws_1")).expectEvents(new ApiKeyRevoked("key_1", "ws_1"));
    }

    @Test
    void revokingAgainChangesNothing() {
        fixture.given(ISSUED, new ApiKeyRevoked("key_1", "ws_1"))
                .when(new RevokeApiKey("key_1", "ws_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aKeyCannotBeRevokedFromAnotherWorkspace() {
        fixture.given(ISSUED)
                .when(new RevokeApiKey("key_1", "ws_other"))
                .expectException(NotFoundInWorkspaceException.class)
                .expectNoEvents();
    }
}
