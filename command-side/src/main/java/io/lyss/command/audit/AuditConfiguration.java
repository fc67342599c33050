package io.lyss.command.audit;

import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The follower that extends the audit chain, and the verifier behind the admin endpoint. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    @DependsOn("commandSideSchemaMigration")
    AuditChainFollower auditChainFollower(
            DataSource dataSource,
            @Value("${lyss.audit.poll-interval:PT0.2S}") Duration pollInterval,
            @Value("${lyss.audit.gap-timeout:PT10S}") Duration gapTimeout) {
        return new AuditChainFollower(dataSource, pollInterval, gapTimeout);
    }

    @Bean
    AuditVerifier auditVerifier() {
        return new AuditVerifier();
    }
}
