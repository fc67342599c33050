package io.lyss.command.admin;

import io.lyss.security.access.AdminPrincipal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The OpenAPI description of the admin API, served at {@code /admin/v1/openapi.json} (no token needed) by
 * springdoc. The caller, resolved by the guard from the bearer token, is not a request parameter.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:io/lyss/command/springdoc-defaults.properties")
class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AdminPrincipal.class);
    }

    @Bean
    OpenAPI lyssAdminOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Lyss admin API")
                        .version("v1")
                        .description("Workspaces, users and roles, virtual keys, channels, model aliases, audit."
                                + " Errors are application/problem+json. Authenticate with the bootstrap admin"
                                + " token, a login token (POST /admin/v1/login) or an admin API key."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
