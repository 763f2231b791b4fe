package dev.runplane.api;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The API's web plumbing outside the controllers: the body limit and the answer for unknown paths. */
@Configuration
class ApiWebConfig {
    /** First of all filters: nothing, not even authentication, reads an oversized body. */
    @Bean
    FilterRegistrationBean<BodyLimitFilter> apiBodyLimit(ApiProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBody().toBytes()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    UnknownApiPathMapping unknownApiPathMapping() {
        return new UnknownApiPathMapping();
    }
}
