package io.lyss.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lyss.embedding.CallerThreadMiniLm;
import io.lyss.orchestrator.cache.AnswerCache;
import io.lyss.orchestrator.cache.AnswerCacheFeed;
import io.lyss.orchestrator.cache.CacheProperties;
import io.lyss.orchestrator.cache.ProjectedAnswerCache;
import io.lyss.orchestrator.cache.SemanticIndex;
import io.lyss.orchestrator.chat.UpstreamCaller;
import io.lyss.orchestrator.commandside.CommandSideApi;
import io.lyss.orchestrator.erasure.ErasedUsers;
import io.lyss.orchestrator.governance.GovernanceFeed;
import io.lyss.orchestrator.governance.GovernanceView;
import io.lyss.orchestrator.governance.KeyAuthenticator;
import io.lyss.orchestrator.http.GatewayRequestObservations;
import io.lyss.orchestrator.memory.HttpMemoryRecall;
import io.lyss.orchestrator.memory.MemoryRecall;
import io.lyss.orchestrator.memory.MemoryRecallProperties;
import io.lyss.orchestrator.pricing.PriceTable;
import io.lyss.orchestrator.pricing.PricingProperties;
import io.lyss.orchestrator.quota.QuotaAdmission;
import io.lyss.orchestrator.quota.QuotaProperties;
import io.lyss.orchestrator.quota.QuotaView;
import io.lyss.orchestrator.recording.BacklogFile;
import io.lyss.orchestrator.recording.CircuitReporter;
import io.lyss.orchestrator.recording.EmbeddingSpendRecorder;
import io.lyss.orchestrator.recording.TurnRecorder;
import io.lyss.orchestrator.routing.ChannelRouter;
import io.lyss.orchestrator.routing.CircuitBreakers;
import io.lyss.orchestrator.routing.CommandSideTrialClaims;
import io.lyss.orchestrator.routing.ProviderClients;
import io.lyss.orchestrator.routing.RoutingProperties;
import io.lyss.orchestrator.routing.SharedCircuits;
import io.lyss.orchestrator.workflow.ChatWorkflow;
import io.lyss.security.access.SecurityProperties;
import io.lyss.security.personal.ConversationContents;
import io.lyss.security.personal.DataKeyDirectory;
import io.lyss.security.secrets.SecretSealer;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The chat orchestrator as a library: the OpenAI-compatible API and everything on its request path. */
@AutoConfiguration
@EnableConfigurationProperties({
    OrchestratorProperties.class,
    PricingProperties.class,
    MemoryRecallProperties.class,
    RoutingProperties.class,
    CacheProperties.class
})
@ComponentScan(
        basePackageClasses = OrchestratorAutoConfiguration.class,
        excludeFilters =
                @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class))
public class OrchestratorAutoConfiguration {

    @Bean
    GovernanceView governanceView() {
        return new GovernanceView();
    }

    /**
     * The key and channel view, the budgets and rate limits, and the circuit changes of other instances for this
     * instance's breakers: one reader of the topic for all of them.
     */
    @Bean
    GovernanceFeed governanceFeed(
            GovernanceView view,
            QuotaView quotas,
            OrchestratorProperties properties,
            CircuitBreakers breakers,
            QuotaProperties instance) {
        var shared = new SharedCircuits(breakers, instance.instanceId());
        return new GovernanceFeed(view, List.of(quotas::apply), properties.kafkaBootstrapServers(), shared::apply);
    }

    /**
     * The gateway's requests are measured by the events they are recorded as, not by a second set of timers
     * ({@code lyss.orchestrator.gateway-http-timers=true} brings the timers back).
     */
    @Bean
    @ConditionalOnProperty(
            prefix = "lyss.orchestrator",
            name = "gateway-http-timers",
            havingValue = "false",
            matchIfMissing = true)
    GatewayRequestObservations gatewayRequestObservations() {
        return new GatewayRequestObservations();
    }

    @Bean
    KeyAuthenticator keyAuthenticator(GovernanceView view) {
        return new KeyAuthenticator(view);
    }

    @Bean
    ChannelRouter channelRouter() {
        return new ChannelRouter(new Random());
    }

    /** The command side's internal API: one client for the recording, the quotas and the circuit trial claims. */
    @Bean
    CommandSideApi commandSideApi(OrchestratorProperties properties, SecurityProperties security, ObjectMapper json) {
        return new CommandSideApi(properties.commandSideUrl(), security.internalToken(), json);
    }

    /**
     * This instance's circuit breakers; their changes are reported under the instance's id, and the trial after an
     * open period is claimed on the command side, so that one instance probes for all (ADR 0034).
     */
    @Bean
    CircuitBreakers circuitBreakers(
            RoutingProperties routing, CommandSideApi commandSide, QuotaProperties instance, ObjectMapper json) {
        var reporter = new CircuitReporter(commandSide, instance.instanceId());
        var trials = new CommandSideTrialClaims(
                commandSide, json, instance.instanceId(), routing.circuitOpenFor(), routing.circuitTrialClaimFor());
        return new CircuitBreakers(
                routing.circuitFailureThreshold(), routing.circuitOpenFor(), Clock.systemUTC(), reporter, trials);
    }

    @Bean
    ProviderClients providerClients(ObjectProvider<SecretSealer> sealer, OrchestratorProperties properties) {
        return new ProviderClients(sealer.getIfAvailable(), properties.upstreamTimeout());
    }

    @Bean
    UpstreamCaller upstreamCaller(
            ProviderClients clients,
            OrchestratorProperties properties,
            RoutingProperties routing,
            CircuitBreakers breakers,
            ObjectMapper json) {
        return UpstreamCaller.create(clients, json, routing, properties.upstreamTimeout(), breakers);
    }

    /** The answer cache, a projection of completed turns (ADR 0018); off with lyss.orchestrator.cache.enabled=false. */
    @Bean
    @ConditionalOnProperty(name = "lyss.orchestrator.cache.enabled", matchIfMissing = true)
    ProjectedAnswerCache answerCache(CacheProperties cache) {
        SemanticIndex semantic = cache.semantic()
                ? new SemanticIndex(CallerThreadMiniLm::new, cache.semanticThreshold(), cache.maxEntries())
                : SemanticIndex.disabled();
        return new ProjectedAnswerCache(cache.maxEntries(), semantic);
    }

    @Bean
    @ConditionalOnProperty(name = "lyss.orchestrator.cache.enabled", matchIfMissing = true)
    AnswerCacheFeed answerCacheFeed(
            ProjectedAnswerCache cache,
            OrchestratorProperties properties,
            SecurityProperties security,
            ObjectProvider<SecretSealer> sealer,
            List<ErasedUsers> erasures) {
        var contents = new ConversationContents(
                new DataKeyDirectory(properties.commandSideUrl(), security.internalToken(), sealer.getIfAvailable()));
        List<ErasedUsers> others =
                erasures.stream().filter(erased -> erased != cache).toList();
        return new AnswerCacheFeed(cache, contents, others, properties.kafkaBootstrapServers());
    }

    @Bean
    PriceTable priceTable(PricingProperties properties) {
        return new PriceTable(properties);
    }

    @Bean
    TurnRecorder turnRecorder(
            CommandSideApi commandSide,
            OrchestratorProperties properties,
            ObjectMapper json,
            ObjectProvider<SecretSealer> sealer) {
        BacklogFile backlog = BacklogFile.forSetting(
                properties.turnBacklogFile(), TurnRecorder.BYTES_BUDGET, sealer.getIfAvailable());
        return new TurnRecorder(commandSide, json, properties.recordingLinger(), backlog);
    }

    @Bean
    EmbeddingSpendRecorder embeddingSpendRecorder(CommandSideApi commandSide) {
        return new EmbeddingSpendRecorder(commandSide);
    }

    /** Memory for the workflow's memory node, only when a memory projector is configured. */
    @Bean
    @ConditionalOnProperty("lyss.orchestrator.memory.url")
    MemoryRecall memoryRecall(MemoryRecallProperties memory, SecurityProperties security, ObjectMapper json) {
        return new HttpMemoryRecall(memory.url(), security.internalToken(), memory.timeout(), json);
    }

    @Bean
    ChatWorkflow chatWorkflow(
            ObjectProvider<MemoryRecall> memory,
            ObjectProvider<AnswerCache> cache,
            ChannelRouter router,
            UpstreamCaller upstream,
            PriceTable prices,
            TurnRecorder recorder,
            ObjectProvider<QuotaAdmission> quota) {
        return new ChatWorkflow(
                memory.getIfAvailable(),
                cache.getIfAvailable(),
                router,
                upstream,
                prices,
                recorder,
                quota.getIfAvailable());
    }

    /** Up once the key and channel view has caught up with the log: before that, valid keys could be refused. */
    @Bean
    HealthIndicator governanceFeedHealth(GovernanceFeed feed) {
        return () -> feed.isCaughtUp()
                ? Health.up().build()
                : Health.outOfService()
                        .withDetail("governanceFeed", "catching up")
                        .build();
    }

    /** Browser clients (e.g. LobeChat in client mode) call the API directly. */
    @Bean
    WebMvcConfigurer openAiCors() {
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                registry.addMapping("/v1/**")
                        .allowedOriginPatterns("*")
                        .allowedMethods("GET", "POST", "DELETE", "OPTIONS")
                        .allowedHeaders("*")
                        .maxAge(3600);
            }
        };
    }
}
