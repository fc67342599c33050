package io.lyss.command.access;

import io.lyss.events.LyssEvent;
import io.lyss.events.governance.AdminKeyIssued;
import io.lyss.events.governance.AdminKeyRevoked;
import io.lyss.events.governance.RoleGranted;
import io.lyss.events.governance.RoleRevoked;
import io.lyss.events.governance.UserPasswordChanged;
import io.lyss.events.governance.UserRegistered;
import io.lyss.events.governance.WorkspaceCreated;
import io.lyss.events.governance.WorkspaceRole;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may act on the admin API: workspaces, users (with their password hashes), roles per workspace and admin
 * API keys. An in-memory projection of the event store kept by {@link AccessProjection} (see ADR 0007).
 */
public class AccessView {

    /** A user as login needs it. */
    public record UserEntry(String userId, String username, String passwordHash) {
        @Override
        public String toString() {
            return "UserEntry[" + userId + ", " + username + "]";
        }
    }

    /** A member of a workspace, as listed to administrators. */
    public record Member(String userId, String username, WorkspaceRole role) {}

    /** A live admin API key. */
    public record AdminKeyEntry(String adminKeyId, String workspaceId, WorkspaceRole role) {}

    private final Set<String> workspaces = ConcurrentHashMap.newKeySet();
    private final Map<String, UserEntry> users = new ConcurrentHashMap<>();
    private final Map<String, String> userIdByUsername = new ConcurrentHashMap<>();
    private final Map<String, Map<String, WorkspaceRole>> rolesByUser = new ConcurrentHashMap<>();
    private final Map<String, AdminKeyEntry> adminKeysByHash = new ConcurrentHashMap<>();
    private final Map<String, String> adminKeyHashById = new ConcurrentHashMap<>();

    void apply(LyssEvent event) {
        switch (event) {
            case WorkspaceCreated created -> workspaces.add(created.workspaceId());
            case UserRegistered registered -> {
                users.put(
                        registered.userId(),
                        new UserEntry(registered.userId(), registered.username(), registered.passwordHash()));
                userIdByUsername.put(normalise(registered.username()), registered.userId());
            }
            case UserPasswordChanged changed ->
                users.computeIfPresent(
                        changed.userId(), (id, user) -> new UserEntry(id, user.username(), changed.passwordHash()));
            case RoleGranted granted ->
                rolesByUser
                        .computeIfAbsent(granted.userId(), id -> new ConcurrentHashMap<>())
                        .put(granted.workspaceId(), granted.role());
            case RoleRevoked revoked ->
                rolesByUser.getOrDefault(revoked.userId(), Map.of()).remove(revoked.workspaceId());
            case AdminKeyIssued issued -> {
                adminKeysByHash.put(
                        issued.keyHash(), new AdminKeyEntry(issued.adminKeyId(), issued.workspaceId(), issued.role()));
                adminKeyHashById.put(issued.adminKeyId(), issued.keyHash());
            }
            case AdminKeyRevoked revoked -> {
                String hash = adminKeyHashById.remove(revoked.adminKeyId());
                if (hash != null) {
                    adminKeysByHash.remove(hash);
                }
            }
            default -> {
                // not about access
            }
        }
    }

    public boolean workspaceExists(String workspaceId) {
        return workspaceId != null && workspaces.contains(workspaceId);
    }

    public Optional<UserEntry> user(String userId) {
        return Optional.ofNullable(userId == null ? null : users.get(userId));
    }

    public Optional<UserEntry> userNamed(String username) {
        return Optional.ofNullable(userIdByUsername.get(normalise(username))).map(users::get);
    }

    public Optional<WorkspaceRole> roleOf(String userId, String workspaceId) {
        return Optional.ofNullable(rolesByUser.getOrDefault(userId, Map.of()).get(workspaceId));
    }

    public Optional<AdminKeyEntry> adminKey(String keyHash) {
        return Optional.ofNullable(adminKeysByHash.get(keyHash));
    }

    public boolean adminKeyExists(String adminKeyId, String workspaceId) {
        String hash = adminKeyHashById.get(adminKeyId);
        return hash != null && adminKeysByHash.get(hash).workspaceId().equals(workspaceId);
    }

    public List<Member> members(String workspaceId) {
        return rolesByUser.entrySet().stream()
                .filter(entry -> entry.getValue().containsKey(workspaceId))
                .map(entry -> new Member(
                        entry.getKey(),
                        users.get(entry.getKey()).username(),
                        entry.getValue().get(workspaceId)))
                .sorted(Comparator.comparing(Member::username))
                .toList();
    }

    public long ownersOf(String workspaceId) {
        return members(workspaceId).stream()
                .filter(member -> member.role() == WorkspaceRole.OWNER)
                .count();
    }

    static String normalise(String username) {
        return username.trim().toLowerCase(Locale.ROOT);
    }
}
