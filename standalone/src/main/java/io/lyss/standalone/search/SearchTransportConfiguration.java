package io.lyss.standalone.search;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.ElasticsearchTransportBase;
import co.elastic.clients.transport.rest_client.RestClientHttpClient;
import co.elastic.clients.transport.rest_client.RestClientOptions;
import org.elasticsearch.client.RestClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch client's transport as Spring Boot builds it (over Boot's {@link RestClient}, with its JSON
 * mapper and options), except that request bodies go out {@linkplain JoinedBodies joined} into a few large buffers
 * rather than a buffer per line. Boot's own transport backs off once this one exists.
 */
@Configuration(proxyBeanMethods = false)
class SearchTransportConfiguration {

    @Bean
    ElasticsearchTransport elasticsearchTransport(
            RestClient restClient, JsonpMapper jsonpMapper, ObjectProvider<RestClientOptions> options) {
        return new JoinedBodiesTransport(restClient, jsonpMapper, options.getIfAvailable());
    }

    /** Elasticsearch's transport over a REST client, with bodies joined. */
    static final class JoinedBodiesTransport extends ElasticsearchTransportBase {

        JoinedBodiesTransport(RestClient restClient, JsonpMapper jsonpMapper, RestClientOptions options) {
            super(new JoinedBodies(new RestClientHttpClient(restClient)), options, jsonpMapper);
        }
    }
}
