package io.lyss.command.audit;

import io.lyss.command.access.AccessPolicy;
import io.lyss.security.access.AdminPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /admin/v1/audit/verify}: checks the event store against its audit chain (platform administrator). */
@RestController
class AuditChainController {

    private final AuditVerifier verifier;
    private final DataSource dataSource;
    private final AccessPolicy policy;

    AuditChainController(AuditVerifier verifier, DataSource dataSource, AccessPolicy policy) {
        this.verifier = verifier;
        this.dataSource = dataSource;
        this.policy = policy;
    }

    @GetMapping("/admin/v1/audit/verify")
    AuditVerifier.Report verify(@RequestAttribute(AdminPrincipal.ATTRIBUTE) AdminPrincipal caller) throws SQLException {
        policy.requirePlatformAdmin(caller);
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return verifier.verify(connection);
            } finally {
                connection.rollback();
            }
        }
    }
}
