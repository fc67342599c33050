package io.lyss.orchestrator.quota;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.chat.TokenEstimator;
import io.lyss.orchestrator.commandside.CommandSideApi;
import io.lyss.orchestrator.governance.GovernanceFeed;
import io.lyss.orchestrator.pricing.PriceTable;
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
    QuotaClient quotaClient(CommandSideApi commandSide, ObjectMapper json) {
        return new QuotaClient(commandSide, json);
    }

    @Bean
    QuotaAccounts quotaAccounts(QuotaClient client, QuotaProperties properties) {
        return new QuotaAccounts(client, properties);
    }

    /** The view is fed by the governance feed: until it has caught up with the log, budgets could be missed. */
    @Bean
    QuotaAdmission quotaAdmission(
            QuotaView view,
            GovernanceFeed feed,
            QuotaAccounts accounts,
            PriceTable prices,
            QuotaProperties properties) {
        return new QuotaAdmission(
                view, feed::isCaughtUp, accounts, new TokenEstimator(), prices, properties.defaultMaxTokens());
    }
}
