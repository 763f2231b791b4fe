package dev.runplane.api.security;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limiter is a bean so that its counts live as long as the application; the filter itself is not (see there). */
@Configuration
class ApiSecurityBeans {
    @Bean
    AuthFailureLimiter authFailureLimiter(AuthFailureProperties properties, Clock clock) {
        return new AuthFailureLimiter(clock, properties.limit(), properties.window(), properties.maxClients());
    }
}
