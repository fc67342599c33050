package io.lyss.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.lyss.events.usage.SpendReason;
import io.lyss.events.usage.TokensSpent;
import org.junit.jupiter.api.Test;

class EventCatalogueTest {

    private final com.tngtech.archunit.core.domain.JavaClasses eventClasses = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.lyss.events");

    @Test
    void everyEventRecordIsCatalogued() {
        classes()
                .that()
                .implement(LyssEvent.class)
                .should(new ArchCondition<JavaClass>("be listed in the EventCatalogue") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        boolean listed = EventCatalogue.entries().stream()
                                .anyMatch(entry -> entry.type().getName().equals(item.getName()));
                        events.add(new SimpleConditionEvent(item, listed, item.getName() + " is not catalogued"));
                    }
                })
                .check(eventClasses);
    }

    @Test
    void eventRecordsDependOnNoFramework() {
        classes()
                .that()
                .resideInAPackage("io.lyss.events..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.lyss.events..", "java..", "com.fasterxml.jackson..")
                .check(eventClasses);
    }

    @Test
    void wireNamesAreStableAndResolvable() {
        assertThat(EventCatalogue.nameOf(TokensSpent.class)).isEqualTo("usage.TokensSpent");
        assertThat(EventCatalogue.byName("usage.TokensSpent"))
                .map(EventCatalogue.Entry::type)
                .contains(TokensSpent.class);
        assertThat(EventCatalogue.byName("usage.Unknown")).isEmpty();
    }

    @Test
    void eventsRoundTripThroughTheWireMapping() throws Exception {
        var mapper = EventJson.newMapper();
        var spent = new TokensSpent(
                "req_1", "ws_1", "key_1", "gpt-4o-mini", "ch_1", 10, 5, 0, 42, "2026-11", SpendReason.CHAT, false);
        assertThat(mapper.readValue(mapper.writeValueAsBytes(spent), TokensSpent.class))
                .isEqualTo(spent);
    }
}
