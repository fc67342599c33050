package io.lyss.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each event record must match its committed JSON schema. When a record changes on purpose, review the schema
 * change and regenerate with {@code ./mvnw -pl events-schema test -Dlyss.schemas.update=true}.
 */
class EventSchemaDriftTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(schemaConfig());

    static Stream<EventCatalogue.Entry> catalogue() {
        return EventCatalogue.entries().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void recordMatchesItsCommittedSchema(EventCatalogue.Entry entry) throws IOException {
        JsonNode generated = GENERATOR.generateSchema(entry.type());
        if (Boolean.getBoolean("lyss.schemas.update")) {
            Path file = Path.of("src/main/resources" + entry.schemaResource());
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
        }
        try (InputStream committed = EventSchemaDriftTest.class.getResourceAsStream(entry.schemaResource())) {
            assertThat(committed)
                    .as("schema file %s for %s", entry.schemaResource(), entry.name())
                    .isNotNull();
            assertThat(generated)
                    .as("%s drifted from its schema: review and regenerate", entry.name())
                    .isEqualTo(JSON.readTree(committed));
        }
    }

    private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig schemaConfig() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(
                        JSON, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                .with(Option.FLATTENED_ENUMS);
        // A field is required unless the record declares that it may be left out.
        builder.forFields()
                .withRequiredCheck(field -> field.getAnnotationConsideringFieldAndGetter(JsonInclude.class) == null);
        return builder.build();
    }
}
