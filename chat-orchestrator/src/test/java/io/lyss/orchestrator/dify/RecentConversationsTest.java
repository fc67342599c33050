package io.lyss.orchestrator.dify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentConversationsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentConversations recent = new RecentConversations(now::get);

    @Test
    void aServedTurnIsReadableAtOnceAndForgottenAfterItsTimeToLive() {
        var conversation = new StoredConversation("c1", "u1", "Hi", 1_000, 1_000);
        recent.served("key_1", conversation, new StoredMessage("m1", "c1", "Hi", "Hello", null, 1_000));

        assertThat(recent.conversation("key_1", "c1")).contains(conversation);
        assertThat(recent.messages("key_1", "c1")).extracting(StoredMessage::id).containsExactly("m1");
        assertThat(recent.conversationOf("key_1", "m1")).contains("c1");
        assertThat(recent.conversation("key_2", "c1")).isEmpty();

        now.addAndGet(RecentConversations.TTL_SECONDS + 1);
        assertThat(recent.conversation("key_1", "c1")).isEmpty();
        assertThat(recent.conversationOf("key_1", "m1")).isEmpty();
    }

    @Test
    void aDeletedConversationIsNoLongerListed() {
        var conversation = new StoredConversation("c1", "u1", "Hi", 1_000, 1_000);
        recent.served("key_1", conversation, new StoredMessage("m1", "c1", "Hi", "Hello", null, 1_000));
        recent.deleted("key_1", "c1");

        assertThat(recent.isDeleted("key_1", "c1")).isTrue();
        assertThat(recent.conversation("key_1", "c1")).isEmpty();
        assertThat(recent.conversations("key_1")).isEmpty();
    }
}
