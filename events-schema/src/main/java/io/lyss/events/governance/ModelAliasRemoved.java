package io.lyss.events.governance;

import io.lyss.events.LyssEvent;

/** A model alias was removed; requests for it are answered as for an unknown model. */
public record ModelAliasRemoved(String aliasId, String workspaceId, String alias) implements LyssEvent {}
