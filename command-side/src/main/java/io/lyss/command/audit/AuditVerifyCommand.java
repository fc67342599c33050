package io.lyss.command.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Verifies the audit chain from the command line, straight against PostgreSQL:
 * {@code java -cp <platform jar> -Dloader.main=io.lyss.command.audit.AuditVerifyCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher JDBC_URL USER PASSWORD}. Exit status 0 when intact,
 * 1 with the first problem on standard output otherwise.
 */
public final class AuditVerifyCommand {

    private AuditVerifyCommand() {}

    public static void main(String[] args) throws SQLException {
        if (args.length != 3) {
            System.err.println("usage: AuditVerifyCommand JDBC_URL USER PASSWORD");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            AuditVerifier.Report report = new AuditVerifier().verify(connection);
            System.out.println(describe(report));
            System.exit(report.intact() ? 0 : 1);
        }
    }

    public static String describe(AuditVerifier.Report report) {
        if (report.intact()) {
            return "intact: " + report.checked() + " events verified, " + report.pending() + " not chained yet, head "
                    + report.head();
        }
        AuditVerifier.Problem problem = report.firstProblem();
        return "TAMPERED at global index " + problem.globalIndex() + " (event " + problem.eventId() + "): "
                + problem.kind() + " - " + problem.detail() + "; " + report.checked() + " events before it are intact";
    }
}
