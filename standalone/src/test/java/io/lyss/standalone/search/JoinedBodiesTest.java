package io.lyss.standalone.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.http.TransportHttpClient.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinedBodiesTest {

    @Test
    void aSmallBodyOfManyBuffersIsSentAsOneWithTheSameBytes() {
        List<ByteBuffer> lines = List.of(
                utf8("{\"index\":{\"_id\":\"1\"}}"), utf8("\n"), utf8("{\"answer\":\"forty-two\"}"), utf8("\n"));
        var request = new Request("POST", "/_bulk", Map.of("refresh", "false"), Map.of("x", "y"), lines);

        Request joined = JoinedBodies.joined(request);

        List<ByteBuffer> body = new ArrayList<>();
        joined.body().forEach(body::add);
        assertThat(body).hasSize(1);
        assertThat(text(body.getFirst())).isEqualTo("{\"index\":{\"_id\":\"1\"}}\n{\"answer\":\"forty-two\"}\n");
        assertThat(joined.method()).isEqualTo("POST");
        assertThat(joined.path()).isEqualTo("/_bulk");
        assertThat(joined.queryParams()).isEqualTo(Map.of("refresh", "false"));
        assertThat(joined.headers()).isEqualTo(Map.of("x", "y"));
        assertThat(lines).allSatisfy(line -> assertThat(line.position()).isZero()); // still readable for a retry
    }

    @Test
    void aLargeBodyIsJoinedIntoPiecesOfBoundedSizeInOrder() {
        String document = "{\"text\":\"" + "x".repeat(1_000) + "\"}";
        List<ByteBuffer> lines = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            String action = "{\"index\":{\"_id\":\"" + i + "\"}}";
            lines.addAll(List.of(utf8(action), utf8("\n"), utf8(document), utf8("\n")));
            expected.append(action).append('\n').append(document).append('\n');
        }
        int piecesBeforeTheOversizedLine =
                (expected.length() + JoinedBodies.PIECE_BYTES - 1) / JoinedBodies.PIECE_BYTES;
        String oversized = "y".repeat(JoinedBodies.PIECE_BYTES + 10);
        lines.add(utf8(oversized));
        expected.append(oversized);

        Request joined = JoinedBodies.joined(new Request("POST", "/_bulk", Map.of(), Map.of(), lines));

        List<ByteBuffer> pieces = new ArrayList<>();
        joined.body().forEach(pieces::add);
        // whole lines per piece: at most one piece more than full pieces would need, and the oversized line alone
        assertThat(pieces).hasSizeBetween(piecesBeforeTheOversizedLine + 1, piecesBeforeTheOversizedLine + 2);
        assertThat(pieces.subList(0, pieces.size() - 1))
                .allSatisfy(piece -> assertThat(piece.remaining()).isLessThanOrEqualTo(JoinedBodies.PIECE_BYTES));
        assertThat(pieces.stream().map(JoinedBodiesTest::text).reduce("", String::concat))
                .isEqualTo(expected.toString());
    }

    @Test
    void aRequestWithoutABodyOrWithOneBufferIsLeftAsItIs() {
        var noBody = new Request("GET", "/turns/_search", Map.of(), Map.of(), null);
        var oneBuffer = new Request("PUT", "/turns", Map.of(), Map.of(), List.of(utf8("{}")));

        assertThat(JoinedBodies.joined(noBody)).isSameAs(noBody);
        assertThat(JoinedBodies.joined(oneBuffer)).isSameAs(oneBuffer);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
