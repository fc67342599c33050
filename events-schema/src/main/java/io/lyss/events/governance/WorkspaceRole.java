package io.lyss.events.governance;

/** What a user may do in one workspace, from most to least powerful. */
public enum WorkspaceRole {
    /** Everything, including granting and revoking owners. */
    OWNER,
    /** Channels, aliases, keys, members (except owners) and admin API keys. */
    ADMIN,
    /** Reads the workspace and manages the virtual keys it owns. */
    MEMBER,
    /** Reads the workspace. */
    VIEWER;

    /** True when this role may do everything {@code other} may. */
    public boolean includes(WorkspaceRole other) {
        return ordinal() <= other.ordinal();
    }
}
