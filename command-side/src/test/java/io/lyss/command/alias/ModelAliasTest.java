package io.lyss.command.alias;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.command.alias.api.DefineModelAlias;
import io.lyss.command.alias.api.RemoveModelAlias;
import io.lyss.command.scope.NotFoundInWorkspaceException;
import io.lyss.events.governance.ModelAliasDefined;
import io.lyss.events.governance.ModelAliasRemoved;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class ModelAliasTest {

    private final AggregateTestFixture<ModelAlias> fixture = new AggregateTestFixture<>(ModelAlias.class);
    private final String id = ModelAlias.idOf("ws_1", "fast");
    private final List<ModelAliasDefined.Target> targets =
            List.of(new ModelAliasDefined.Target("ch_1", "gpt-4o-mini-2024-07-18"));

    @Test
    void theFirstDefinitionCreatesTheAliasAndARepeatChangesNothing() {
        var defined = new ModelAliasDefined(id, "ws_1", "fast", targets);
        fixture.givenNoPriorActivity()
                .when(new DefineModelAlias(id, "ws_1", "fast", targets))
                .expectEvents(defined);
        fixture.given(defined)
                .when(new DefineModelAlias(id, "ws_1", "fast", targets))
                .expectNoEvents();
    }

    @Test
    void removingNeedsADefinition() {
        var defined = new ModelAliasDefined(id, "ws_1", "fast", targets);
        fixture.given(defined)
                .when(new RemoveModelAlias(id, "ws_1"))
                .expectEvents(new ModelAliasRemoved(id, "ws_1", "fast"));
        fixture.given(defined, new ModelAliasRemoved(id, "ws_1", "fast"))
                .when(new RemoveModelAlias(id, "ws_1"))
                .expectException(NotFoundInWorkspaceException.class);
    }

    @Test
    void idsDependOnWorkspaceAndName() {
        assertThat(ModelAlias.idOf("ws_1", "fast"))
                .isEqualTo(id)
                .isNotEqualTo(ModelAlias.idOf("ws_2", "fast"))
                .isNotEqualTo(ModelAlias.idOf("ws_1", "slow"));
    }
}
