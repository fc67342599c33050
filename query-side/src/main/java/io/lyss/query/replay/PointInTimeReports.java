package io.lyss.query.replay;

import io.lyss.events.EventEnvelope;
import io.lyss.events.EventReader;
import io.lyss.query.projection.BoundedReplay;
import io.lyss.query.projection.ProjectedEvent;
import io.lyss.query.usage.UsageFold;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Usage and billing of one workspace as of a log position or a moment, computed from the log itself (not from the
 * read model): the topic is read from offset 0, events after the cut are left out, duplicates counted once, and the
 * rest folded exactly as the usage projection folds them.
 */
public final class PointInTimeReports {

    private final BoundedReplay replay;

    public PointInTimeReports(BoundedReplay replay) {
        this.replay = replay;
    }

    /** Sums of one price version and model. */
    public record Line(
            String priceVersion,
            String model,
            long requests,
            long errors,
            long promptTokens,
            long completionTokens,
            long cachedTokens,
            long costMicros) {}

    /** The report: the cut, what was included, and the sums. */
    public record Report(
            String workspaceId,
            Long asOfPosition,
            Instant asOfTime,
            long lastIncludedPosition,
            long eventsIncluded,
            long requests,
            long errors,
            long promptTokens,
            long completionTokens,
            long cachedTokens,
            long costMicros,
            long cacheSavedCostMicros,
            List<Line> lines) {}

    public Report asOf(String workspaceId, Long position, Instant at) {
        replay.requireWholeLog();
        EventReader reader = new EventReader();
        UsageFold fold = new UsageFold();
        Set<String> seen = new HashSet<>();
        long[] last = {-1};
        replay.read(Map.of(), replay.endOffsets(), records -> {
            for (ConsumerRecord<String, byte[]> record : records) {
                Header type = record.headers().lastHeader(EventEnvelope.HEADER_EVENT_TYPE);
                if (type == null || !UsageFold.reads(new String(type.value(), StandardCharsets.UTF_8))) {
                    continue;
                }
                EventReader.Read read;
                try {
                    read = reader.read(record.value());
                } catch (RuntimeException poison) {
                    continue; // parked by the projection too; a report cannot count it either
                }
                EventEnvelope envelope = read.envelope();
                if (!workspaceId.equals(envelope.workspaceId())
                        || (position != null && envelope.globalIndex() > position)
                        || (at != null && envelope.occurredAt().isAfter(at))
                        || !seen.add(envelope.eventId())) {
                    continue;
                }
                last[0] = Math.max(last[0], envelope.globalIndex());
                fold.add(new ProjectedEvent(envelope, read.payload()));
            }
        });
        Map<String, Line> lines = new TreeMap<>();
        fold.usage()
                .forEach((key, sums) -> lines.merge(
                        key.priceVersion() + "\u0000" + key.model(),
                        new Line(
                                key.priceVersion(),
                                key.model(),
                                sums.requests,
                                sums.errors,
                                sums.promptTokens,
                                sums.completionTokens,
                                sums.cachedTokens,
                                sums.costMicros),
                        PointInTimeReports::add));
        List<Line> all = List.copyOf(lines.values());
        return new Report(
                workspaceId,
                position,
                at,
                last[0],
                seen.size(),
                all.stream().mapToLong(Line::requests).sum(),
                all.stream().mapToLong(Line::errors).sum(),
                all.stream().mapToLong(Line::promptTokens).sum(),
                all.stream().mapToLong(Line::completionTokens).sum(),
                all.stream().mapToLong(Line::cachedTokens).sum(),
                all.stream().mapToLong(Line::costMicros).sum(),
                fold.savings().values().stream()
                        .mapToLong(s -> s.savedCostMicros)
                        .sum(),
                all);
    }

    private static Line add(Line a, Line b) {
        return new Line(
                a.priceVersion(),
                a.model(),
                a.requests() + b.requests(),
                a.errors() + b.errors(),
                a.promptTokens() + b.promptTokens(),
                a.completionTokens() + b.completionTokens(),
                a.cachedTokens() + b.cachedTokens(),
                a.costMicros() + b.costMicros());
    }
}
