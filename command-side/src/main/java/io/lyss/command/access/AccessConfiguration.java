package io.lyss.command.access;

import io.lyss.security.access.SessionTokens;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    AccessProjection accessProjection(AccessView access, ResourceView resources, EventStorageEngine storage) {
        return new AccessProjection(access, resources, storage);
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
