package io.lyss.orchestrator.dify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.orchestrator.OrchestratorProperties;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.pricing.PricingProperties;
import io.lyss.orchestrator.recording.TurnRecorder;
import io.lyss.security.access.SecurityProperties;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Dify-compatible API's collaborators: the conversation read model, the command side, the pinger. */
@Configuration(proxyBeanMethods = false)
class DifyConfiguration {

    static final Duration PING_INTERVAL = Duration.ofSeconds(10);

    @Bean
    RecentConversations recentConversations() {
        return new RecentConversations(() -> Instant.now().getEpochSecond());
    }

    @Bean
    Conversations difyConversations(
            OrchestratorProperties properties,
            SecurityProperties security,
            ObjectMapper json,
            RecentConversations recent,
            TurnRecorder recorder) {
        var directory =
                new ConversationDirectory(new InternalHttp(properties.querySideUrl(), security.internalToken()), json);
        var changes = new ConversationChanges(
                new InternalHttp(properties.commandSideUrl(), security.internalToken()), json, recorder);
        return new Conversations(directory, changes, recent);
    }

    @Bean
    DifyUsage difyUsage(PriceTable prices, PricingProperties pricing) {
        return new DifyUsage(prices, pricing.currency());
    }

    @Bean(destroyMethod = "close")
    DifyPinger difyPinger() {
        return new DifyPinger(PING_INTERVAL);
    }
}
