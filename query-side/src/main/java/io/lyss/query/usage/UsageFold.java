package io.lyss.query.usage;

import io.lyss.events.EventEnvelope;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.TokensSpent;
import io.lyss.query.projection.ProjectedEvent;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds usage events into sums, in memory. The usage projection folds one batch and adds the sums to its tables;
 * the point-in-time report folds the log up to a position. One fold, so both count the same way.
 */
public final class UsageFold {

    /** The finest grain of usage. Empty strings stand for "none" (e.g. no end user named). */
    public record UsageKey(
            String workspaceId,
            LocalDate day,
            String keyId,
            String endUserId,
            String model,
            String channelId,
            String priceVersion) {}

    /** Sums of one usage key. */
    public static final class UsageSums {
        public long requests, estimatedRequests, promptTokens, completionTokens, cachedTokens, costMicros, errors;
    }

    /** The grain of cache savings. */
    public record SavingsKey(
            String workspaceId, LocalDate day, String keyId, String model, String kind, String priceVersion) {}

    /** Sums of one savings key. */
    public static final class SavingsSums {
        public long hits, savedPromptTokens, savedCompletionTokens, savedCostMicros;
    }

    /** Owner of a key, as issued. */
    public record KeyOwner(String workspaceId, String ownerUserId) {}

    private final Map<UsageKey, UsageSums> usage = new LinkedHashMap<>();
    private final Map<SavingsKey, SavingsSums> savings = new LinkedHashMap<>();
    private final Map<String, KeyOwner> keyOwners = new LinkedHashMap<>();
    private final Map<String, String> endUserByTurn = new HashMap<>();
    private final Map<String, Position> endUserPositions = new HashMap<>();
    private final Set<String> earlierTurnsConsumed = new HashSet<>();
    private final Function<String, String> earlierEndUsers;

    /** @param earlierEndUsers end users recorded by turns folded earlier (outside this fold), by turn key */
    public UsageFold(Function<String, String> earlierEndUsers) {
        this.earlierEndUsers = earlierEndUsers;
    }

    public UsageFold() {
        this(turnId -> null);
    }

    /** Event types the fold reads. */
    public static boolean reads(String type) {
        return type.equals("usage.TokensSpent")
                || type.equals("usage.RequestRejected")
                || type.equals("usage.CacheHit")
                || type.equals("conversation.TurnCompleted")
                || type.equals("governance.ApiKeyIssued");
    }

    public void add(ProjectedEvent event) {
        EventEnvelope envelope = event.envelope();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(envelope.occurredAt().getEpochSecond(), 86_400L)); // UTC
        switch (event.payload()) {
            case TokensSpent spent -> {
                UsageSums sums = usage(new UsageKey(
                        spent.workspaceId(),
                        day,
                        text(spent.keyId()),
                        endUserOf(turnKey(spent.workspaceId(), spent.requestId())),
                        text(spent.model()),
                        text(spent.channelId()),
                        text(spent.priceVersion())));
                sums.requests++;
                sums.estimatedRequests += spent.estimated() ? 1 : 0;
                sums.promptTokens += spent.promptTokens();
                sums.completionTokens += spent.completionTokens();
                sums.cachedTokens += spent.cachedTokens();
                sums.costMicros += spent.costMicros();
            }
            case TurnCompleted turn -> {
                if (turn.endUserId() != null && !turn.endUserId().isEmpty()) {
                    endUserByTurn.put(turnKey(turn.workspaceId(), turn.turnId()), turn.endUserId());
                    endUserPositions.put(
                            turnKey(turn.workspaceId(), turn.turnId()),
                            new Position(event.partition(), event.offset()));
                }
                if ("error".equals(turn.finishReason())) {
                    usage(new UsageKey(
                                    turn.workspaceId(),
                                    day,
                                    text(turn.keyId()),
                                    text(turn.endUserId()),
                                    text(turn.model()),
                                    text(turn.channelId()),
                                    ""))
                            .errors++;
                }
            }
            case RequestRejected rejected ->
                usage(new UsageKey(
                                rejected.workspaceId(),
                                day,
                                text(rejected.keyId()),
                                "",
                                text(rejected.model()),
                                "",
                                ""))
                        .errors++;
            case CacheHit hit -> {
                SavingsSums sums = savings.computeIfAbsent(
                        new SavingsKey(
                                hit.workspaceId(),
                                day,
                                text(hit.keyId()),
                                text(hit.model()),
                                text(hit.kind()),
                                text(hit.priceVersion())),
                        k -> new SavingsSums());
                sums.hits++;
                sums.savedPromptTokens += hit.savedPromptTokens();
                sums.savedCompletionTokens += hit.savedCompletionTokens();
                sums.savedCostMicros += hit.savedCostMicros();
            }
            case ApiKeyIssued issued ->
                keyOwners.put(issued.keyId(), new KeyOwner(issued.workspaceId(), text(issued.ownerUserId())));
            case null, default -> {
                // not a usage event
            }
        }
    }

    private UsageSums usage(UsageKey key) {
        return usage.computeIfAbsent(key, k -> new UsageSums());
    }

    /** Turns are identified within their workspace: {@code workspaceId/turnId}. */
    static String turnKey(String workspaceId, String turnId) {
        return workspaceId + "/" + turnId;
    }

    private String endUserOf(String turnKey) {
        String endUser = endUserByTurn.remove(turnKey);
        endUserPositions.remove(turnKey);
        if (endUser == null) {
            endUser = earlierEndUsers.apply(turnKey);
            if (endUser != null) {
                earlierTurnsConsumed.add(turnKey);
            }
        }
        return text(endUser);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    public Map<UsageKey, UsageSums> usage() {
        return usage;
    }

    public Map<SavingsKey, SavingsSums> savings() {
        return savings;
    }

    public Map<String, KeyOwner> keyOwners() {
        return keyOwners;
    }

    /** End users of turns whose spend has not been folded yet, by turn key. */
    public Map<String, String> pendingEndUsers() {
        return endUserByTurn;
    }

    /** Where a turn was read (partition and offset), to forget its end user once far behind. */
    record Position(int partition, long offset) {}

    Position pendingPosition(String turnId) {
        return endUserPositions.getOrDefault(turnId, new Position(-1, -1));
    }

    /** Turns folded earlier whose spend this fold consumed. */
    Set<String> earlierTurnsConsumed() {
        return earlierTurnsConsumed;
    }
}
