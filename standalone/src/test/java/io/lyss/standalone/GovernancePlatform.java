package io.lyss.standalone;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The platform the governance tests and benchmarks start, with a mock OpenAI server as the provider. Each class
 * closes its platform when done: two platforms in one JVM would share the relay's token owner name and both
 * relay every event.
 */
@SpringBootTest(classes = LyssApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
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
