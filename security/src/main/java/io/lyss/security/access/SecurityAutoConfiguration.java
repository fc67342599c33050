package io.lyss.security.access;

import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Wires the sealer and the token guards (always on: a missing token closes its API) from {@link SecurityProperties}. */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnProperty("lyss.security.master-key")
    SecretSealer secretSealer(SecurityProperties properties) {
        return new SecretSealer(MasterKey.fromBase64(properties.masterKey()));
    }

    @Bean
    @ConditionalOnWebApplication
    FilterRegistrationBean<BearerTokenGuard> adminApiGuard(SecurityProperties properties) {
        return guard("admin", properties.adminToken(), "/admin/*");
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
