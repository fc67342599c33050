package io.lyss.command;

import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The command side as a library: aggregates, the admin and ingest APIs, the event store and the Kafka relay.
 * Runs before Axon's JDBC auto-configuration so that Axon uses this module's table names and mapper, and after
 * Spring Boot's Jackson auto-configuration so that Boot's primary ObjectMapper stays the web layer's.
 */
@AutoConfiguration(
        after = JacksonAutoConfiguration.class,
        before = {JdbcAutoConfiguration.class, ObjectMapperAutoConfiguration.class})
@ComponentScan(
        basePackageClasses = CommandSideAutoConfiguration.class,
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class CommandSideAutoConfiguration {}
