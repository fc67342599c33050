package io.lyss.security.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.lyss.events.conversation.ConversationRenamed;
import io.lyss.events.conversation.TurnCompleted;
import io.lyss.events.governance.SealedSecret;
import io.lyss.events.memory.EncryptedContent;
import io.lyss.events.memory.UserForgotten;
import io.lyss.security.secrets.MasterKey;
import io.lyss.security.secrets.SecretSealer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sealing and opening conversation content against a real HTTP server playing the command side's key API. */
class ConversationContentsTest {

    private static final String KEY_ID = "ck_test";

    private final SecretSealer sealer = new SecretSealer(MasterKey.fromBase64(randomBase64()));
    private final byte[] keyBytes = Base64.getDecoder().decode(randomBase64());
    private final SecretKey key = new SecretKeySpec(keyBytes, "AES");
    private final Map<String, SealedSecret> served = new ConcurrentHashMap<>();
    private final HttpServer commandSide = start();
    private final ConversationContents contents = new ConversationContents(
            new DataKeyDirectory("http://127.0.0.1:" + commandSide.getAddress().getPort(), "internal-token", sealer));

    @AfterEach
    void stop() {
        commandSide.stop(0);
    }

    @Test
    void aSealedTurnOpensWithItsSubjectsKey() {
        served.put(KEY_ID, sealer.seal(Base64.getEncoder().encodeToString(keyBytes), KEY_ID));
        TurnCompleted turn = sealedTurn("turn_1", "gina", "Where is my parcel?", "On its way.");

        assertThat(turn.question()).isNull();
        TurnCompleted opened = contents.open(turn).orElseThrow();
        assertThat(opened.question()).isEqualTo("Where is my parcel?");
        assertThat(opened.answer()).isEqualTo("On its way.");
        assertThat(opened.content()).isNull();
    }

    @Test
    void ciphertextMovedToAnotherTurnOrSubjectDoesNotOpen() {
        served.put(KEY_ID, sealer.seal(Base64.getEncoder().encodeToString(keyBytes), KEY_ID));
        TurnCompleted original = sealedTurn("turn_1", "gina", "secret", "answer");
        TurnCompleted moved = new TurnCompleted(
                "conv_1",
                "turn_2",
                "ws_1",
                "key_1",
                "m",
                "ch",
                null,
                null,
                "stop",
                1,
                1,
                "hugo",
                null,
                original.content());

        assertThat(contents.open(moved)).isEmpty();
        assertThatThrownBy(() -> ConversationContentCodec.open(key, moved)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDestroyedKeyShredsTheContentAndAForgottenKeyIsNotUsedFromTheCache() {
        served.put(KEY_ID, sealer.seal(Base64.getEncoder().encodeToString(keyBytes), KEY_ID));
        TurnCompleted turn = sealedTurn("turn_1", "gina", "q", "a");
        assertThat(contents.open(turn)).isPresent();

        contents.forgotten(new UserForgotten("ws_1", "gina", List.of(KEY_ID)));
        assertThat(contents.open(turn)).isEmpty();

        served.clear(); // destroyed on the command side: 404
        var fresh = new ConversationContents(new DataKeyDirectory(
                "http://127.0.0.1:" + commandSide.getAddress().getPort(), "internal-token", sealer));
        assertThat(fresh.open(turn)).isEmpty();
    }

    @Test
    void plainOlderRevisionsAreReadAsTheyAre() {
        var plain = new TurnCompleted("conv_1", "turn_1", "ws_1", "key_1", "m", "ch", "q", "a", "stop", 1, 1, null);
        assertThat(ConversationContents.plainOnly().open(plain)).contains(plain);
        var renamed = new ConversationRenamed("conv_1", "ws_1", "Trip");
        assertThat(ConversationContents.plainOnly().open(renamed)).contains(renamed);
    }

    @Test
    void aSealedNameOpensOnlyForItsConversation() {
        served.put(KEY_ID, sealer.seal(Base64.getEncoder().encodeToString(keyBytes), KEY_ID));
        EncryptedContent name =
                ConversationContentCodec.sealText(KEY_ID, key, "name", "conv_1", "ws_1", "user:gina", "Trip to Porto");

        var renamed = new ConversationRenamed("conv_1", "ws_1", null, "gina", "key_1", name);
        assertThat(contents.open(renamed).orElseThrow().name()).isEqualTo("Trip to Porto");
        var elsewhere = new ConversationRenamed("conv_2", "ws_1", null, "gina", "key_1", name);
        assertThat(contents.open(elsewhere)).isEmpty();
    }

    private TurnCompleted sealedTurn(String turnId, String user, String question, String answer) {
        EncryptedContent content = ConversationContentCodec.seal(
                KEY_ID,
                key,
                turnId,
                "ws_1",
                TurnCompleted.subjectOf(user, "key_1"),
                new ConversationContentCodec.Plain(question, answer));
        return new TurnCompleted(
                "conv_1", turnId, "ws_1", "key_1", "m", "ch", null, null, "stop", 1, 1, user, null, content);
    }

    private HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/internal/v1/data-keys/", exchange -> {
                String id = exchange.getRequestURI().getPath().replaceFirst(".*/", "");
                SealedSecret stored = served.get(id);
                boolean authorised = "Bearer internal-token"
                        .equals(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] body = stored == null || !authorised
                        ? new byte[0]
                        : ("{\"masterKeyId\":\"%s\",\"nonce\":\"%s\",\"ciphertext\":\"%s\"}"
                                        .formatted(stored.masterKeyId(), stored.nonce(), stored.ciphertext()))
                                .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(
                        stored == null ? 404 : authorised ? 200 : 401, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomBase64() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
