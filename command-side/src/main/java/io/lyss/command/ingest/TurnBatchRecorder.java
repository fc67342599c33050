package io.lyss.command.ingest;

import io.lyss.command.conversation.api.RecordOpeningTurn;
import io.lyss.command.conversation.api.RecordTurn;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * and its turns are recorded one by one, so one bad turn never costs the others. Turns are sealed before the
 * batch's transaction begins, so a data key created for them is stored even when the batch is rolled back. In a
 * batch, a turn that opens its conversation is recorded without looking the conversation up
 * ({@link RecordOpeningTurn}); one by one, every turn is looked up, so a turn delivered twice is recorded once.
 */
@Component
class TurnBatchRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(TurnBatchRecorder.class);

    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final TurnSealer sealer;
    private final TurnBatchReader reader;
    private final ExecutorService storing = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            Thread.ofPlatform()
                    .daemon()
                    .priority(Thread.MIN_PRIORITY)
                    .name("lyss-turn-store-", 1)
                    .factory());

    TurnBatchRecorder(
            CommandGateway commands, TransactionManager transactions, TurnSealer sealer, TurnBatchReader reader) {
        this.commands = commands;
        this.transactions = transactions;
        this.sealer = sealer;
        this.reader = reader;
    }

    void recordOne(TurnReport turn) {
        commands.sendAndWait(command(turn));
    }

    /**
     * Reads a batch's body and records every valid turn it can; the result names the turns refused, with why (an
     * invalid report, or one its conversation refused). The work, reading included, runs on the recorder's own
     * threads at the lowest priority: storing turns yields the CPU to the requests being answered (ADR 0036), and
     * the orchestrator's queue absorbs the delay.
     *
     * @throws TurnBatchReader.RefusedTurnBatch when the body is not a batch, or too large a one
     */
    TurnBatchResult record(byte[] batchBody) {
        try {
            return storing.submit(() -> readAndRecord(batchBody)).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing a batch of turns", e);
        }
    }

    @PreDestroy
    void stop() {
        storing.shutdown();
    }

    private TurnBatchResult readAndRecord(byte[] batchBody) {
        TurnBatchReader.ReadBatch batch = reader.read(batchBody);
        List<TurnBatchResult.RejectedTurn> rejected = new ArrayList<>(batch.rejected());
        rejected.addAll(recordNow(batch.valid()));
        return new TurnBatchResult(batch.size() - rejected.size(), rejected);
    }

    private List<TurnBatchResult.RejectedTurn> recordNow(List<TurnReport> turns) {
        List<TurnBatchResult.RejectedTurn> rejected = new ArrayList<>();
        List<Sealed> sealed = new ArrayList<>(turns.size());
        for (TurnReport turn : turns) {
            try {
                sealed.add(new Sealed(turn, turn.toCommand(sealer.seal(turn))));
            } catch (RuntimeException e) {
                rejected.add(refused(turn.turnId(), e));
            }
        }
        if (sealed.isEmpty()) {
            return rejected;
        }
        try {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
            batch.attachTransaction(transactions);
            batch.execute(() -> sealed.forEach(turn -> commands.sendAndWait(turn.inBatch())));
        } catch (RuntimeException batchFailed) {
            LOG.warn(
                    "A batch of {} turns failed ({}); recording its turns one by one",
                    sealed.size(),
                    batchFailed.getClass().getSimpleName());
            rejected.addAll(recordEach(sealed));
        }
        return rejected;
    }

    private List<TurnBatchResult.RejectedTurn> recordEach(List<Sealed> turns) {
        List<TurnBatchResult.RejectedTurn> rejected = new ArrayList<>();
        for (Sealed turn : turns) {
            try {
                commands.sendAndWait(turn.lookedUp());
            } catch (RuntimeException e) {
                rejected.add(refused(turn.report().turnId(), e));
            }
        }
        return rejected;
    }

    private static TurnBatchResult.RejectedTurn refused(String turnId, RuntimeException e) {
        // A refusal by Lyss's own domain names no secret and is told; anything else is named by its type only.
        String reason = e.getClass().getName().startsWith("io.lyss.")
                ? e.getMessage()
                : e.getClass().getSimpleName();
        LOG.error("Turn {} was not recorded: {}", turnId, reason);
        return new TurnBatchResult.RejectedTurn(turnId, reason);
    }

    private CommandMessage<?> command(TurnReport turn) {
        return message(turn.toCommand(sealer.seal(turn)), turn);
    }

    private static CommandMessage<?> message(Object command, TurnReport turn) {
        return GenericCommandMessage.asCommandMessage(command)
                .andMetaData(turn.provenance().asMetaData());
    }

    /** A turn sealed and ready to record. */
    private record Sealed(TurnReport report, RecordTurn command) {

        /** As sent in a batch: a turn that opens its conversation does not look it up. */
        CommandMessage<?> inBatch() {
            return message(report.opensConversation() ? new RecordOpeningTurn(command) : command, report);
        }

        /** As sent alone: its conversation is looked up, so a second delivery is recognised. */
        CommandMessage<?> lookedUp() {
            return message(command, report);
        }
    }
}
