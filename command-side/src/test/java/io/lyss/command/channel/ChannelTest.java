package io.lyss.command.channel;

import io.lyss.command.channel.api.AddChannel;
import io.lyss.command.channel.api.CircuitTrialDecision;
import io.lyss.command.channel.api.ClaimCircuitTrial;
import io.lyss.command.channel.api.DisableChannel;
import io.lyss.command.channel.api.EnableChannel;
import io.lyss.command.channel.api.RecordCircuitChange;
import io.lyss.command.channel.api.RotateChannelSecret;
import io.lyss.command.channel.api.UpdateChannel;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelDisabled;
import io.lyss.events.governance.ChannelEnabled;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import io.lyss.events.routing.ChannelCircuitClosed;
import io.lyss.events.routing.ChannelCircuitOpened;
import io.lyss.events.routing.ChannelCircuitTrialClaimed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private final AggregateTestFixture<Channel> fixture = new AggregateTestFixture<>(Channel.class);
    private final SealedSecret sealed = new SealedSecret("mk-1", "bm9uY2U=", "Y2lwaGVy");

    @Test
    void addingAChannelRecordsItWithItsSealedSecret() {
        fixture.givenNoPriorActivity()
                .when(new AddChannel(
                        "ch_1",
                        "ws_1",
                        "main",
                        ProviderType.OPENAI,
                        "https://api.openai.com/v1",
                        List.of("gpt-4o-mini"),
                        10,
                        3,
                        sealed))
                .expectEvents(new ChannelAdded(
                        "ch_1",
                        "ws_1",
                        "main",
                        ProviderType.OPENAI,
                        "https://api.openai.com/v1",
                        List.of("gpt-4o-mini"),
                        10,
                        3,
                        sealed));
    }

    @Test
    void aChannelServesAtLeastOneModelWithAPositiveWeight() {
        fixture.givenNoPriorActivity()
                .when(new AddChannel("ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of(), 0, 1, sealed))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new AddChannel(
                        "ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of("m"), 0, 0, sealed))
                .expectException(IllegalArgumentException.class);
    }

    private final ChannelAdded added =
            new ChannelAdded("ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of("m"), 0, 1, sealed);

    @Test
    void updatingKeepsWhatIsNotGivenAndRecordsOnlyRealChanges() {
        fixture.given(added)
                .when(new UpdateChannel("ch_1", "ws_1", null, List.of("m", "n"), 5, null))
                .expectEvents(new ChannelUpdated("ch_1", "ws_1", "https://x", List.of("m", "n"), 5, 1));
        fixture.given(added)
                .when(new UpdateChannel("ch_1", "ws_1", "https://x", null, 0, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(added)
                .when(new UpdateChannel("ch_1", "ws_1", null, List.of(), null, null))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void disablingAndEnablingAreIdempotent() {
        fixture.given(added).when(new DisableChannel("ch_1", "ws_1")).expectEvents(new ChannelDisabled("ch_1", "ws_1"));
        fixture.given(added, new ChannelDisabled("ch_1", "ws_1"))
                .when(new DisableChannel("ch_1", "ws_1"))
                .expectNoEvents();
        fixture.given(added).when(new EnableChannel("ch_1", "ws_1")).expectNoEvents();
        fixture.given(added, new ChannelDisabled("ch_1", "ws_1"))
                .when(new EnableChannel("ch_1", "ws_1"))
                .expectEvents(new ChannelEnabled("ch_1", "ws_1"));
    }

    @Test
    void aSecretRotationRecordsOnlyTheSealedSecretAndStaysInItsWorkspace() {
        var resealed = new SealedSecret("mk-2", "bm9uY2Uy", "Y2lwaGVyMg==");
        fixture.given(added)
                .when(new RotateChannelSecret("ch_1", "ws_1", resealed, ChannelSecretRotated.Reason.MASTER_KEY))
                .expectEvents(
                        new ChannelSecretRotated("ch_1", "ws_1", resealed, ChannelSecretRotated.Reason.MASTER_KEY));
        fixture.given(added)
                .when(new DisableChannel("ch_1", "ws_other"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void circuitChangesAreRecordedOncePerInstanceAndOnlyWhenTheyChangeSomething() {
        var added =
                new ChannelAdded("ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of("m"), 0, 1, sealed);
        var opened = new ChannelCircuitOpened("ch_1", "ws_1", "orchestrator-a", 5, "HTTP 503");
        fixture.given(added)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-a", true, 5, "HTTP 503"))
                .expectEvents(opened);
        fixture.given(added, opened)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-a", true, 6, "HTTP 503"))
                .expectNoEvents();
        fixture.given(added, opened)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-b", true, 5, "HTTP 429"))
                .expectEvents(new ChannelCircuitOpened("ch_1", "ws_1", "orchestrator-b", 5, "HTTP 429"));
        fixture.given(added, opened)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-a", false, 0, null))
                .expectEvents(new ChannelCircuitClosed("ch_1", "ws_1", "orchestrator-a"));
        fixture.given(added)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-a", false, 0, null))
                .expectNoEvents();
        fixture.given(added)
                .when(new RecordCircuitChange("ch_1", "ws_other", "orchestrator-a", true, 5, "HTTP 503"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void oneTrialPerOpenPeriodGoesToTheFirstInstanceThatAsksAfterThePeriod() {
        Instant openedAt = Instant.parse("2026-11-26T10:00:00Z");
        Instant afterPeriod = openedAt.plus(OPEN_FOR).plusSeconds(1);
        var claimed = new ChannelCircuitTrialClaimed("ch_1", "ws_1", "orchestrator-b", afterPeriod.plus(CLAIM_FOR));

        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(openedAt.plusSeconds(10))
                .when(claim("orchestrator-b"))
                .expectNoEvents()
                .expectResultMessagePayload(CircuitTrialDecision.waitUntil(openedAt.plus(OPEN_FOR)));
        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .when(claim("orchestrator-b"))
                .expectEvents(claimed)
                .expectResultMessagePayload(CircuitTrialDecision.granted(afterPeriod.plus(CLAIM_FOR)));
        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .andGiven(claimed)
                .when(claim("orchestrator-a"))
                .expectNoEvents()
                .expectResultMessagePayload(CircuitTrialDecision.waitUntil(afterPeriod.plus(CLAIM_FOR)));
        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .andGiven(claimed)
                .when(claim("orchestrator-b"))
                .expectNoEvents()
                .expectResultMessagePayload(CircuitTrialDecision.granted(afterPeriod.plus(CLAIM_FOR)));
    }

    @Test
    void aLapsedClaimIsGrantedAgainAndAClosedChannelNeedsNoTrial() {
        Instant openedAt = Instant.parse("2026-11-26T10:00:00Z");
        Instant afterPeriod = openedAt.plus(OPEN_FOR).plusSeconds(1);
        Instant lapsed = afterPeriod.plus(CLAIM_FOR).plusSeconds(1);

        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .andGiven(new ChannelCircuitTrialClaimed("ch_1", "ws_1", "orchestrator-b", afterPeriod.plus(CLAIM_FOR)))
                .andGivenCurrentTime(lapsed)
                .when(claim("orchestrator-a"))
                .expectEvents(new ChannelCircuitTrialClaimed("ch_1", "ws_1", "orchestrator-a", lapsed.plus(CLAIM_FOR)));
        fixture.givenCurrentTime(openedAt)
                .andGiven(
                        added(), openedBy("orchestrator-a"), new ChannelCircuitClosed("ch_1", "ws_1", "orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .when(claim("orchestrator-b"))
                .expectNoEvents()
                .expectResultMessagePayload(CircuitTrialDecision.closed());
        fixture.given(added())
                .when(new ClaimCircuitTrial("ch_1", "ws_other", "orchestrator-a", OPEN_FOR, CLAIM_FOR))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void theTrialsOutcomeIsRecordedForEveryInstanceAndEndsTheClaim() {
        Instant openedAt = Instant.parse("2026-11-26T10:00:00Z");
        Instant afterPeriod = openedAt.plus(OPEN_FOR).plusSeconds(1);
        var claimed = new ChannelCircuitTrialClaimed("ch_1", "ws_1", "orchestrator-b", afterPeriod.plus(CLAIM_FOR));

        // a failed trial opens again, even for an instance whose circuit was already open: a new period
        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"), openedBy("orchestrator-b"))
                .andGivenCurrentTime(afterPeriod)
                .andGiven(claimed)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-b", true, 5, "HTTP 503"))
                .expectEvents(new ChannelCircuitOpened("ch_1", "ws_1", "orchestrator-b", 5, "HTTP 503"));
        // and the new period is waited for by everyone
        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .andGiven(claimed, new ChannelCircuitOpened("ch_1", "ws_1", "orchestrator-b", 5, "HTTP 503"))
                .when(claim("orchestrator-a"))
                .expectNoEvents()
                .expectResultMessagePayload(CircuitTrialDecision.waitUntil(afterPeriod.plus(OPEN_FOR)));
        // a successful trial by an instance that only learned of the opening closes the channel for all
        fixture.givenCurrentTime(openedAt)
                .andGiven(added(), openedBy("orchestrator-a"))
                .andGivenCurrentTime(afterPeriod)
                .andGiven(claimed)
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-b", false, 0, null))
                .expectEvents(new ChannelCircuitClosed("ch_1", "ws_1", "orchestrator-b"));
        fixture.givenCurrentTime(openedAt)
                .andGiven(
                        added(),
                        openedBy("orchestrator-a"),
                        openedBy("orchestrator-b"),
                        new ChannelCircuitClosed("ch_1", "ws_1", "orchestrator-b"))
                .when(new RecordCircuitChange("ch_1", "ws_1", "orchestrator-a", false, 0, null))
                .expectNoEvents();
    }

    private static final Duration OPEN_FOR = Duration.ofSeconds(30);
    private static final Duration CLAIM_FOR = Duration.ofSeconds(60);

    private ChannelAdded added() {
        return new ChannelAdded("ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of("m"), 0, 1, sealed);
    }

    private static ChannelCircuitOpened openedBy(String instanceId) {
        return new ChannelCircuitOpened("ch_1", "ws_1", instanceId, 5, "HTTP 503");
    }

    private static ClaimCircuitTrial claim(String instanceId) {
        return new ClaimCircuitTrial("ch_1", "ws_1", instanceId, OPEN_FOR, CLAIM_FOR);
    }
}
