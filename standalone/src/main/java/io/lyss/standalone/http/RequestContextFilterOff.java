package io.lyss.standalone.http;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.RequestContextFilter;

/**
 * Keeps Spring Boot's {@link RequestContextFilter} out of the servlet chain. It exposes the request and its locale
 * to code running in filters before the dispatcher servlet, and Lyss has none; the dispatcher servlet exposes them
 * to handlers itself. Every request paid for it twice: the holders set, then reset (two thread-locals each time, on
 * a virtual thread that starts without any), about 2% of the gateway's request threads (docs/benchmarks.md, stop
 * 20). A disabled registration is Spring Boot's way to leave out a filter it would otherwise add.
 */
@Configuration(proxyBeanMethods = false)
class RequestContextFilterOff {

    @Bean
    FilterRegistrationBean<RequestContextFilter> requestContextFilterRegistration() {
        var registration = new FilterRegistrationBean<>(new RequestContextFilter());
        registration.setEnabled(false);
        return registration;
    }
}
