package dev.runplane.api.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the bearer scheme once, so that every operation in the OpenAPI file (and Swagger UI's "Authorize") uses it. */
@Configuration
class OpenApiConfig {
    static final String BEARER = "bearer";

    @Bean
    OpenAPI runplaneOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Runplane API").version("v1")
                        .description("Replicated compute runs. Authenticate with 'Authorization: Bearer rp_…'; "
                                + "create tokens with POST /api/v1/users/me/tokens."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("rp_…")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
