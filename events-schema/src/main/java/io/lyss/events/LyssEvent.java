package io.lyss.events;

/**
 * A fact recorded by Lyss. Every event belongs to exactly one workspace, the tenant scope that every
 * consumer filters on. Identity, time, actor and correlation travel in the {@link EventEnvelope}.
 */
public interface LyssEvent {

    /** The workspace (tenant) this event belongs to. */
    String workspaceId();
}
