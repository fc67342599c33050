package io.lyss.events;

import io.lyss.events.conversation.ConversationDeleted;
import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.ConversationStarted;
import io.lyss.events.conversation.MessageFeedbackGiven;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.AdminKeyIssued;
import io.lyss.events.governance.AdminKeyRevoked;
import io.lyss.events.governance.ApiKeyIssued;
import io.lyss.events.governance.ApiKeyModelsChanged;
import io.lyss.events.governance.ApiKeyRevoked;
import io.lyss.events.governance.ApiKeyRotated;
import io.lyss.events.governance.ApiKeySemanticCacheChanged;
import io.lyss.events.governance.BudgetSet;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ChannelDisabled;
import io.lyss.events.governance.ChannelEnabled;
import io.lyss.events.governance.ChannelSecretRotated;
import io.lyss.events.governance.ChannelUpdated;
import io.lyss.events.governance.MemoryModelConfigured;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import io.lyss.events.governance.RateLimitSet;
import io.lyss.events.governance.RoleGranted;
import io.lyss.events.governance.RoleRevoked;
import io.lyss.events.governance.UserPasswordChanged;
import io.lyss.events.governance.UserRegistered;
import io.lyss.events.governance.WorkspaceCreated;
import io.lyss.events.memory.MemoryAdded;
import io.lyss.events.memory.MemoryDeleted;
import io.lyss.events.memory.MemoryUpdated;
import io.lyss.events.memory.UserForgotten;
import io.lyss.events.routing.ChannelCircuitClosed;
import io.lyss.events.routing.ChannelCircuitOpened;
import io.lyss.events.routing.ChannelCircuitTrialClaimed;
import io.lyss.events.usage.BudgetLeaseExpired;
import io.lyss.events.usage.BudgetLeaseGranted;
import io.lyss.events.usage.BudgetLeaseSettled;
import io.lyss.events.usage.CacheHit;
import io.lyss.events.usage.RateLimitAllowanceGranted;
import io.lyss.events.usage.RequestRejected;
import io.lyss.events.usage.TokensSpent;
import io.lyss.events.workflow.WorkflowRunRecorded;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type Lyss records, with its stable wire name ({@code context.SimpleName}) and schema revision.
 * The wire name, not the Java class name, is what the envelope and Kafka headers carry.
 */
public final class EventCatalogue {

    /** One catalogued event type. */
    public record Entry(String context, Class<? extends LyssEvent> type, int revision) {

        public String name() {
            return context + "." + type.getSimpleName();
        }

        /** Classpath location of this event's JSON schema. */
        public String schemaResource() {
            return "/io/lyss/events/schema/" + context + "/" + type.getSimpleName() + ".schema.json";
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("governance", WorkspaceCreated.class, 1),
            new Entry("governance", ChannelAdded.class, 1),
            new Entry("governance", ApiKeyIssued.class, 3),
            new Entry("governance", ApiKeyRevoked.class, 1),
            new Entry("governance", ApiKeyRotated.class, 1),
            new Entry("governance", ApiKeyModelsChanged.class, 1),
            new Entry("governance", UserRegistered.class, 1),
            new Entry("governance", UserPasswordChanged.class, 1),
            new Entry("governance", RoleGranted.class, 1),
            new Entry("governance", RoleRevoked.class, 1),
            new Entry("governance", AdminKeyIssued.class, 1),
            new Entry("governance", AdminKeyRevoked.class, 1),
            new Entry("governance", ChannelUpdated.class, 1),
            new Entry("governance", ChannelDisabled.class, 1),
            new Entry("governance", ChannelEnabled.class, 1),
            new Entry("governance", ChannelSecretRotated.class, 1),
            new Entry("governance", ModelAliasDefined.class, 1),
            new Entry("governance", ModelAliasRemoved.class, 1),
            new Entry("conversation", ConversationStarted.class, 1),
            new Entry("conversation", TurnCompleted.class, 4),
            new Entry("usage", TokensSpent.class, 1),
            new Entry("usage", CacheHit.class, 1),
            new Entry("usage", RequestRejected.class, 1),
            new Entry("workflow", WorkflowRunRecorded.class, 1),
            new Entry("memory", MemoryAdded.class, 1),
            new Entry("memory", MemoryUpdated.class, 1),
            new Entry("memory", MemoryDeleted.class, 1),
            new Entry("memory", UserForgotten.class, 1),
            new Entry("governance", BudgetSet.class, 1),
            new Entry("governance", RateLimitSet.class, 1),
            new Entry("usage", BudgetLeaseGranted.class, 1),
            new Entry("usage", BudgetLeaseSettled.class, 1),
            new Entry("usage", BudgetLeaseExpired.class, 1),
            new Entry("usage", RateLimitAllowanceGranted.class, 1),
            new Entry("conversation", ConversationRenamed.class, 2),
            new Entry("conversation", ConversationDeleted.class, 1),
            new Entry("conversation", MessageFeedbackGiven.class, 2),
            new Entry("routing", ChannelCircuitOpened.class, 1),
            new Entry("routing", ChannelCircuitClosed.class, 1),
            new Entry("governance", ApiKeySemanticCacheChanged.class, 1),
            new Entry("governance", MemoryModelConfigured.class, 1),
            new Entry("routing", ChannelCircuitTrialClaimed.class, 1));

    private static final Map<String, Entry> BY_NAME =
            ENTRIES.stream().collect(Collectors.toUnmodifiableMap(Entry::name, Function.identity()));
    private static final Map<Class<?>, Entry> BY_TYPE =
            ENTRIES.stream().collect(Collectors.toUnmodifiableMap(Entry::type, Function.identity()));

    private EventCatalogue() {}

    public static List<Entry> entries() {
        return ENTRIES;
    }

    public static Optional<Entry> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The entry for a payload class; fails for a class that is not a catalogued event. */
    public static Entry of(Class<?> type) {
        Entry entry = BY_TYPE.get(type);
        if (entry == null) {
            throw new IllegalArgumentException("Not a catalogued event: " + type.getName());
        }
        return entry;
    }

    public static String nameOf(Class<?> type) {
        return of(type).name();
    }
}
