package io.lyss.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.lyss.orchestrator.recording.FinishedTurn;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A finished turn crosses from the orchestrator to the command side as JSON (ADR 0032): the orchestrator writes its
 * {@code FinishedTurn}, the command side reads a {@code TurnReport}. The two modules share no class (ArchitectureTest),
 * so this checks that both sides name the same fields, in the same order, with the same types, all the way down: a
 * field added on one side only would otherwise be dropped or left empty without an error.
 */
class TurnContractTest {

    @Test
    void theOrchestratorWritesEveryFieldTheCommandSideReadsAndNoOther() throws Exception {
        Class<?> report = Class.forName("io.lyss.command.ingest.TurnReport");

        List<String> differences = new ArrayList<>();
        compare(FinishedTurn.class, report, "turn", differences);

        assertThat(differences).isEmpty();
    }

    private static void compare(Class<?> written, Class<?> read, String path, List<String> differences) {
        List<String> writtenNames = names(written);
        List<String> readNames = names(read);
        if (!writtenNames.equals(readNames)) {
            differences.add(path + ": orchestrator writes " + writtenNames + ", command side reads " + readNames);
            return;
        }
        RecordComponent[] writtenComponents = written.getRecordComponents();
        RecordComponent[] readComponents = read.getRecordComponents();
        for (int i = 0; i < writtenComponents.length; i++) {
            compareTypes(
                    writtenComponents[i].getGenericType(),
                    readComponents[i].getGenericType(),
                    path + "." + writtenComponents[i].getName(),
                    differences);
        }
    }

    private static void compareTypes(Type written, Type read, String path, List<String> differences) {
        if (written instanceof ParameterizedType writtenList && read instanceof ParameterizedType readList) {
            compareTypes(writtenList.getRawType(), readList.getRawType(), path, differences);
            compareTypes(
                    writtenList.getActualTypeArguments()[0],
                    readList.getActualTypeArguments()[0],
                    path + "[]",
                    differences);
        } else if (written instanceof Class<?> writtenClass
                && read instanceof Class<?> readClass
                && writtenClass.isRecord()
                && readClass.isRecord()
                && writtenClass != readClass) {
            compare(writtenClass, readClass, path, differences); // each side's own copy of a nested part
        } else if (!written.equals(read)) {
            differences.add(path + ": orchestrator writes " + written.getTypeName() + ", command side reads "
                    + read.getTypeName());
        }
    }

    private static List<String> names(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }
}
