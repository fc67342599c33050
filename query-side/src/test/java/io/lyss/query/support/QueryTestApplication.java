package io.lyss.query.support;

import io.lyss.events.Actor;
import io.lyss.events.governance.WorkspaceRole;
import io.lyss.security.access.AdminPrincipal;
import io.lyss.security.access.AdminPrincipalResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The query side alone, as a web application over the real PostgreSQL, Kafka and Elasticsearch. */
@SpringBootApplication
public class QueryTestApplication {

    /** Bearer token of a test user with a role in one workspace (the command side resolves real users). */
    public static String tokenFor(WorkspaceRole role, String workspaceId) {
        return "test-role:" + role.name() + ":" + workspaceId;
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    AdminPrincipalResolver testUsersWithRoles() {
        return token -> {
            String[] parts = token.split(":", 3);
            if (parts.length != 3 || !parts[0].equals("test-role")) {
                return Optional.empty();
            }
            WorkspaceRole role = WorkspaceRole.valueOf(parts[1]);
            String workspace = parts[2];
            return Optional.of(new AdminPrincipal() {
                @Override
                public Actor actor() {
                    return Actor.system("test-" + role.name().toLowerCase(java.util.Locale.ROOT));
                }

                @Override
                public Optional<WorkspaceRole> roleIn(String workspaceId) {
                    return workspace.equals(workspaceId) ? Optional.of(role) : Optional.empty();
                }
            });
        };
    }
}
