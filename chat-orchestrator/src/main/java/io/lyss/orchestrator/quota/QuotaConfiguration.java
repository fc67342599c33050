package io.lyss.orchestrator.quota;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.commandside.CommandSideApi;
import io.lyss.orchestrator.pricing.PriceTable;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Budgets and rate limits on the chat path: the view of what applies, the local accounts, the admission. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QuotaProperties.class)
class QuotaConfiguration {

    @Bean
    QuotaView quotaView() {
        return new QuotaView();
    }

    @Bean
    QuotaFeed quotaFeed(QuotaView view, OrchestratorProperties properties) {
        return new QuotaFeed(view, properties.kafkaBootstrapServers());
    }

    @Bean
    QuotaClient quotaClient(CommandSideApi commandSide, ObjectMapper json) {
        return new QuotaClient(commandSide, json);
    }

    @Bean
    QuotaAccounts quotaAccounts(QuotaClient client, QuotaProperties properties) {
        return new QuotaAccounts(client, properties);
    }

    @Bean
    QuotaAdmission quotaAdmission(
            QuotaView view, QuotaFeed feed, QuotaAccounts accounts, PriceTable prices, QuotaProperties properties) {
        return new QuotaAdmission(view, feed, accounts, new TokenEstimator(), prices, properties.defaultMaxTokens());
    }

    /** Up once the budgets and rate limits have caught up with the log: before that, budgets could be missed. */
    @Bean
    HealthIndicator quotaFeedHealth(QuotaFeed feed) {
        return () -> feed.isCaughtUp()
                ? Health.up().build()
                : Health.outOfService().withDetail("quotaFeed", "catching up").build();
    }
}
