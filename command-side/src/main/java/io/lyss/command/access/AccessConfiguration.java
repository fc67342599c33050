package io.lyss.command.access;

import io.lyss.command.eventstore.EventStoreConfiguration;
import io.lyss.security.access.SessionTokens;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/** The access views, the projection that feeds them in the appending unit of work, and the caller resolver. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

    @Bean
    AccessView accessView() {
        return new AccessView();
    }

    @Bean
    ResourceView resourceView() {
        return new ResourceView();
    }

    @Bean
    @DependsOn("commandSideSchemaMigration")
    GovernanceHistory governanceHistory(
            DataSource dataSource,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon) {
        return new GovernanceHistory(
                dataSource,
                EventStoreConfiguration.SCHEMA + ".domain_event_entry",
                eventSerializer,
                axon.upcasterChain());
    }

    @Bean
    AccessProjection accessProjection(AccessView access, ResourceView resources, GovernanceHistory history) {
        return new AccessProjection(access, resources, history);
    }

    @Bean
    CallerResolver callerResolver(AccessView access, SessionTokens sessions) {
        return new CallerResolver(access, sessions);
    }

    @Autowired
    void subscribe(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(AccessProjection.PROCESSING_GROUP);
    }
}
