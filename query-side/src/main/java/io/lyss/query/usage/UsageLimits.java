package io.lyss.query.usage;

import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.TokensSpent;
import io.lyss.query.projection.ProjectedEvent;

/**
 * What the usage tables can hold (see usage.sql). A rebuild folds many batches before it writes, so it checks each
 * event against these limits as it comes: an event that cannot be stored fails alone and is parked, as it is when
 * the live projection's write fails on it.
 */
final class UsageLimits {

    private static final int ID = 64;
    private static final int NAME = 200;
    private static final int KIND = 32;

    private UsageLimits() {}

    static void check(ProjectedEvent event) {
        fits("eventId", event.envelope().eventId(), ID);
        switch (event.payload()) {
            case TokensSpent spent -> {
                workspace(spent.workspaceId());
                fits("keyId", spent.keyId(), ID);
                fits("model", spent.model(), NAME);
                fits("channelId", spent.channelId(), ID);
                fits("priceVersion", spent.priceVersion(), ID);
            }
            case TurnCompleted turn -> {
                workspace(turn.workspaceId());
                if (turn.endUserId() != null && !turn.endUserId().isEmpty()) {
                    fits("turnId", turn.turnId(), ID); // kept until the turn's spend comes
                }
                fits("endUserId", turn.endUserId(), NAME);
                fits("keyId", turn.keyId(), ID);
                fits("model", turn.model(), NAME);
                fits("channelId", turn.channelId(), ID);
            }
            case RequestRejected rejected -> {
                workspace(rejected.workspaceId());
                fits("keyId", rejected.keyId(), ID);
                fits("model", rejected.model(), NAME);
            }
            case CacheHit hit -> {
                workspace(hit.workspaceId());
                fits("keyId", hit.keyId(), ID);
                fits("model", hit.model(), NAME);
                fits("kind", hit.kind(), KIND);
                fits("priceVersion", hit.priceVersion(), ID);
            }
            case ApiKeyIssued issued -> {
                workspace(issued.workspaceId());
                fits("keyId", issued.keyId(), ID);
                fits("ownerUserId", issued.ownerUserId(), NAME);
            }
            case null, default -> {
                // not counted
            }
        }
    }

    private static void workspace(String workspaceId) {
        if (workspaceId == null) {
            throw new IllegalArgumentException("A usage event without workspaceId cannot be stored");
        }
        fits("workspaceId", workspaceId, ID);
    }

    private static void fits(String field, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw new IllegalArgumentException(
                    field + " is longer than the " + limit + " characters the usage tables hold");
        }
    }
}
