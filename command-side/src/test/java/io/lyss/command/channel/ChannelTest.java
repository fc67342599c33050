package io.lyss.command.channel;

import io.lyss.command.channel.api.AddChannel;
import io.lyss.events.governance.ChannelAdded;
import io.lyss.events.governance.ProviderType;
import io.lyss.events.governance.SealedSecret;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ChannelTest {

    private final AggregateTestFixture<Channel> fixture = new AggregateTestFixture<>(Channel.class);
    private final SealedSecret sealed = new SealedSecret("mk-1", "bm9uY2U=", "Y2lwaGVy");

    @Test
    void addingAChannelRecordsItWithItsSealedSecret() {
        fixture.givenNoPriorActivity()
                .when(new AddChannel(
                        "ch_1",
                        "ws_1",
                        "main",
                        ProviderType.OPENAI,
                        "https://api.openai.com/v1",
                        List.of("gpt-4o-mini"),
                        10,
                        3,
                        sealed))
                .expectEvents(new ChannelAdded(
                        "ch_1",
                        "ws_1",
                        "main",
                        ProviderType.OPENAI,
                        "https://api.openai.com/v1",
                        List.of("gpt-4o-mini"),
                        10,
                        3,
                        sealed));
    }

    @Test
    void aChannelServesAtLeastOneModelWithAPositiveWeight() {
        fixture.givenNoPriorActivity()
                .when(new AddChannel("ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of(), 0, 1, sealed))
                .expectException(IllegalArgumentException.class);
        fixture.givenNoPriorActivity()
                .when(new AddChannel(
                        "ch_1", "ws_1", "main", ProviderType.OPENAI, "https://x", List.of("m"), 0, 0, sealed))
                .expectException(IllegalArgumentException.class);
    }
}
