package io.lyss.command.budget;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the budget lease settings ({@code lyss.budget.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BudgetProperties.class)
class BudgetConfiguration {}
