package io.lyss.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.events.governance.WorkspaceRole;
import org.junit.jupiter.api.Test;

class ReportRolesTest {

    @Test
    void whatTheWorkspaceDidIsForViewersAndUp() {
        for (String report : new String[] {"usage", "cache-savings", "workflow-runs", "workflow-runs/run_1", "turns"}) {
            assertThat(ReportRoles.required("/admin/v1/workspaces/ws_1/" + report))
                    .hasValueSatisfying(required -> {
                        assertThat(required.role()).isEqualTo(WorkspaceRole.VIEWER);
                        assertThat(required.workspaceId()).isEqualTo("ws_1");
                    });
        }
    }

    @Test
    void moneyAndAccountabilityNeedAnAdmin() {
        for (String report : new String[] {"billing", "audit", "reports/as-of"}) {
            assertThat(ReportRoles.required("/admin/v1/workspaces/ws_1/" + report))
                    .map(ReportRoles.Required::role)
                    .contains(WorkspaceRole.ADMIN);
        }
    }

    @Test
    void otherPathsAreNotReports() {
        assertThat(ReportRoles.required("/admin/v1/workspaces/ws_1/keys")).isEmpty();
        assertThat(ReportRoles.required("/admin/v1/workspaces/ws_1")).isEmpty();
        assertThat(ReportRoles.required("/admin/v1/projections/usage")).isEmpty();
    }
}
