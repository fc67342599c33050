package io.lyss.command.apikey;

import io.lyss.command.apikey.api.ChangeApiKeyModels;
import io.lyss.command.apikey.api.ChangeApiKeySemanticCache;
import io.lyss.command.apikey.api.IssueApiKey;
import io.lyss.command.apikey.api.RevokeApiKey;
import io.lyss.command.apikey.api.RotateApiKey;
import io.lyss.command.scope.ConflictException;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyModelsChanged;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ApiKeyRotated;
import io.lyss.events.governance.ApiKeySemanticCacheChanged;
import java.time.Instant;
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
    void rotatingRecordsTheNewHashUnderTheSameId() {
        fixture.given(ISSUED)
                .when(new RotateApiKey("key_1", "ws_1", "hash2", "lyss-sk-zzzzzz"))
                .expectEvents(new ApiKeyRotated("key_1", "ws_1", "hash2", "lyss-sk-zzzzzz"));
    }

    @Test
    void aRevokedKeyCanBeNeitherRotatedNorRescoped() {
        fixture.given(ISSUED, new ApiKeyRevoked("key_1", "ws_1"))
                .when(new RotateApiKey("key_1", "ws_1", "hash2", "lyss-sk-zzzzzz"))
                .expectException(ConflictException.class)
                .expectNoEvents();
        fixture.given(ISSUED, new ApiKeyRevoked("key_1", "ws_1"))
                .when(new ChangeApiKeyModels("key_1", "ws_1", List.of("other")))
                .expectException(ConflictException.class);
    }

    @Test
    void changingModelsRecordsOnlyARealChange() {
        fixture.given(ISSUED)
                .when(new ChangeApiKeyModels("key_1", "ws_1", List.of("gpt-4o", "fast")))
                .expectEvents(new ApiKeyModelsChanged("key_1", "ws_1", List.of("gpt-4o", "fast")));
        fixture.given(ISSUED)
                .when(new ChangeApiKeyModels("key_1", "ws_1", List.of("gpt-4o-mini")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSemanticCacheSettingRecordsOnlyARealChangeAndNotOnARevokedKey() {
        fixture.given(ISSUED)
                .when(new ChangeApiKeySemanticCache("key_1", "ws_1", true))
                .expectEvents(new ApiKeySemanticCacheChanged("key_1", "ws_1", true));
        fixture.given(ISSUED, new ApiKeySemanticCacheChanged("key_1", "ws_1", true))
                .when(new ChangeApiKeySemanticCache("key_1", "ws_1", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ISSUED)
                .when(new ChangeApiKeySemanticCache("key_1", "ws_1", false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(ISSUED, new ApiKeyRevoked("key_1", "ws_1"))
                .when(new ChangeApiKeySemanticCache("key_1", "ws_1", true))
                .expectException(ConflictException.class);
        fixture.given(ISSUED)
                .when(new ChangeApiKeySemanticCache("key_1", "ws_other", true))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void issuingWithOwnerAndExpiryRecordsBoth() {
        Instant expiry = Instant.parse("2027-01-01T00:00:00Z");
        fixture.givenNoPriorActivity()
                .when(new IssueApiKey("key_1", "ws_1", "ci", "hash", "lyss-sk-abcdef", List.of(), "usr_1", expiry))
                .expectEvents(
                        new ApiKeyIssued("key_1", "ws_1", "ci", "hash", "lyss-sk-abcdef", List.of(), "usr_1", expiry));
    }

    @Test
    void aKeyCannotBeRevokedFromAnotherWorkspace() {
        fixture.given(ISSUED)
                .when(new RevokeApiKey("key_1", "ws_other"))
                .expectException(NotFoundInWorkspaceException.class)
                .expectNoEvents();
    }
}
