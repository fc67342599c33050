package io.lyss.standalone;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform the governance tests and benchmarks share (one Spring context for all of them), with a mock OpenAI
 * server as the provider that lives as long as the JVM, like the cached context.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class GovernancePlatform {

    static final PlatformUnderTest PLATFORM = new PlatformUnderTest();
    static MockOpenAiServer upstream;

    final PlatformClient client = new PlatformClient(PLATFORM.port);
    final GovernanceCalls calls = new GovernanceCalls(client, PLATFORM.adminToken);

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry properties) {
        PLATFORM.register(properties);
    }

    @BeforeAll
    static void startUpstream() throws IOException {
        if (upstream == null) {
            upstream = new MockOpenAiServer();
        }
    }
}
