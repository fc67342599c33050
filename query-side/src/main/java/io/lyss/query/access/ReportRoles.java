package io.lyss.query.access;

import io.lyss.events.governance.WorkspaceRole;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The role a report needs in its workspace. Reading what the workspace did (usage, cache savings, workflow timelines,
 * conversation search) is for every role, viewer and up, as docs/governance.md promises viewers; money and
 * accountability (billing, the audit log, point-in-time reports with their cost lines) need the admin role. The
 * guard in front has already checked that the caller has some role in the workspace; the platform administrator
 * passes everywhere.
 */
final class ReportRoles {

    private static final Pattern REPORT = Pattern.compile("^/admin/v1/workspaces/([^/]+)/([a-z-]+)(/.*)?$");

    private ReportRoles() {}

    /** The role a call to this path needs, or empty for a path that is not a workspace report. */
    static Optional<Required> required(String path) {
        Matcher report = REPORT.matcher(path);
        if (!report.matches()) {
            return Optional.empty();
        }
        WorkspaceRole role =
                switch (report.group(2)) {
                    case "billing", "audit", "reports" -> WorkspaceRole.ADMIN;
                    case "usage", "cache-savings", "workflow-runs", "turns" -> WorkspaceRole.VIEWER;
                    default -> null;
                };
        return Optional.ofNullable(role).map(r -> new Required(report.group(1), report.group(2), r));
    }

    /** A report of a workspace and the least role that may read it. */
    record Required(String workspaceId, String report, WorkspaceRole role) {}
}
