package io.lyss.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventReaderTest {

    private final ObjectMapper json = EventJson.newMapper();
    private final EventReader reader = new EventReader();

    private final TokensSpent spent = new TokensSpent(
            "req_1", "ws_1", "key_1", "gpt-x", "ch_1", 17, 6, 0, 420, "2026-11-01", SpendReason.CHAT, false);
    private final EventEnvelope written = new EventEnvelope(
            "evt_1",
            "usage.TokensSpent",
            1,
            Instant.parse("2026-11-27T06:00:00.123456Z"),
            "ws_1",
            "API_KEY:key_1",
            "corr_1",
            "conv_1",
            3,
            41,
            EventJson.newMapper().valueToTree(spent));

    @Test
    void readsTheEnvelopeAndBindsThePayloadInOnePass() throws Exception {
        EventReader.Read read = reader.read(json.writeValueAsBytes(written));

        assertThat(read.payload()).isEqualTo(spent);
        assertThat(read.envelope()).isEqualTo(withoutTree(written));
        assertThat(read.payload())
                .as("the same as reading the tree and binding it")
                .isEqualTo(reader.payload(reader.envelope(json.writeValueAsBytes(written)))
                        .orElseThrow());
    }

    @Test
    void aPayloadBeforeItsTypeIsBoundOnceTheTypeIsRead() throws Exception {
        ObjectNode payloadFirst = json.createObjectNode();
        payloadFirst.set("payload", written.payload());
        ObjectNode rest = json.valueToTree(written);
        rest.remove("payload");
        payloadFirst.setAll(rest);
        payloadFirst.putArray("addedByALaterRevision").add(1).add(2);

        EventReader.Read read = reader.read(json.writeValueAsBytes(payloadFirst));

        assertThat(read.payload()).isEqualTo(spent);
        assertThat(read.envelope()).isEqualTo(withoutTree(written));
    }

    @Test
    void aTypeThisBuildDoesNotKnowHasNoPayloadRecord() throws Exception {
        var later = new EventEnvelope(
                "evt_2", "future.Thing", 1, Instant.EPOCH, "ws_1", null, null, "a", 0, 1, json.valueToTree(spent));

        EventReader.Read read = reader.read(json.writeValueAsBytes(later));

        assertThat(read.payload()).isNull();
        assertThat(read.envelope().type()).isEqualTo("future.Thing");
        assertThat(read.envelope().actor()).isNull();
    }

    @Test
    void somethingThatIsNotAnEnvelopeOrWhosePayloadDoesNotMatchItsTypeIsRefused() throws Exception {
        assertThatThrownBy(() -> reader.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a Lyss event envelope");
        var mismatched = new EventEnvelope(
                "evt_3",
                "governance.WorkspaceCreated",
                1,
                Instant.EPOCH,
                "ws_1",
                null,
                null,
                "ws_1",
                0,
                2,
                json.readTree("{\"workspaceId\":{\"not\":\"text\"}}"));
        assertThatThrownBy(() -> reader.read(json.writeValueAsBytes(mismatched)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match governance.WorkspaceCreated");
        assertThat(reader.read(json.writeValueAsBytes(withoutTree(mismatched))).payload())
                .as("an envelope without payload")
                .isNull();
    }

    /** The envelope as {@link EventReader#read} gives it: every field but the payload's tree. */
    private EventEnvelope withoutTree(EventEnvelope envelope) throws Exception {
        ObjectNode fields = json.valueToTree(envelope);
        fields.remove("payload");
        return json.treeToValue(fields, EventEnvelope.class);
    }
}
