package io.lyss.security.access;

import io.lyss.security.passwords.PasswordHasher;
import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Wires the sealer, the admin guard (bootstrap token plus users and admin keys) and the internal guard (always on: a missing token closes its API) from {@link SecurityProperties}. */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnProperty("lyss.security.master-key")
    SecretSealer secretSealer(SecurityProperties properties) {
        List<MasterKey> previous = properties.previousMasterKeys() == null
                ? List.of()
                : Arrays.stream(properties.previousMasterKeys().split(","))
                        .filter(key -> !key.isBlank())
                        .map(MasterKey::fromBase64)
                        .toList();
        return new SecretSealer(MasterKey.fromBase64(properties.masterKey()), previous);
    }

    /**
     * Login tokens, signed with a key derived from the master key (or, without one, a random key: tokens then
     * last only as long as the process).
     */
    @Bean
    SessionTokens sessionTokens(SecurityProperties properties) {
        byte[] signingKey;
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            signingKey = MasterKey.fromBase64(properties.masterKey()).derive("lyss-session-tokens");
        } else {
            signingKey = new byte[32];
            new SecureRandom().nextBytes(signingKey);
        }
        return new SessionTokens(signingKey, properties.sessionLifetime(), Clock.systemUTC());
    }

    @Bean
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<AdminAccessGuard> adminApiGuard(
            SecurityProperties properties, ObjectProvider<AdminPrincipalResolver> resolvers) {
        var registration = new FilterRegistrationBean<>(new AdminAccessGuard(
                properties.adminToken(), () -> resolvers.orderedStream().toList()));
        registration.addUrlPatterns("/admin/*");
        registration.setName("adminApiGuard");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<BearerTokenGuard> internalApiGuard(SecurityProperties properties) {
        return guard("internal", properties.internalToken(), "/internal/*");
    }

    private static FilterRegistrationBean<BearerTokenGuard> guard(String realm, String token, String urlPattern) {
        var registration = new FilterRegistrationBean<>(new BearerTokenGuard(realm, token));
        registration.addUrlPatterns(urlPattern);
        registration.setName(realm + "ApiGuard");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
