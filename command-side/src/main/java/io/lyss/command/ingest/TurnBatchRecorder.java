package io.lyss.command.ingest;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records reported turns. A batch is recorded in one unit of work and one database transaction: each turn is still
 * its own {@code RecordTurn} command, decided by its conversation, but the events of the whole batch are stored
 * by one commit, which is what recording costs most. When any turn of a batch fails, the batch is rolled back
 * and its turns are recorded one by one, so one bad turn never costs the others.
 */
@Component
class TurnBatchRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(TurnBatchRecorder.class);

    private final CommandGateway commands;
    private final TransactionManager transactions;

    TurnBatchRecorder(CommandGateway commands, TransactionManager transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    void recordOne(TurnReport turn) {
        commands.sendAndWait(command(turn));
    }

    /** Records every turn it can; returns the ones the command side refused, with why. */
    List<TurnBatchResult.RejectedTurn> record(List<TurnReport> turns) {
        if (turns.isEmpty()) {
            return List.of();
        }
        try {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
            batch.attachTransaction(transactions);
            batch.execute(() -> turns.forEach(this::recordOne));
            return List.of();
        } catch (RuntimeException batchFailed) {
            LOG.warn(
                    "A batch of {} turns failed ({}); recording its turns one by one",
                    turns.size(),
                    batchFailed.getClass().getSimpleName());
            return recordEach(turns);
        }
    }

    private List<TurnBatchResult.RejectedTurn> recordEach(List<TurnReport> turns) {
        List<TurnBatchResult.RejectedTurn> rejected = new ArrayList<>();
        for (TurnReport turn : turns) {
            try {
                recordOne(turn);
            } catch (RuntimeException e) {
                String reason = reasonOf(e);
                LOG.error("Turn {} was not recorded: {}", turn.turnId(), reason);
                rejected.add(new TurnBatchResult.RejectedTurn(turn.turnId(), reason));
            }
        }
        return rejected;
    }

    /** A refusal by Lyss's own domain names no secret and is told; anything else is named by its type only. */
    private static String reasonOf(RuntimeException e) {
        return e.getClass().getName().startsWith("io.lyss.")
                ? e.getMessage()
                : e.getClass().getSimpleName();
    }

    private static CommandMessage<?> command(TurnReport turn) {
        return GenericCommandMessage.asCommandMessage(turn.toCommand())
                .andMetaData(turn.provenance().asMetaData());
    }
}
