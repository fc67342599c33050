package io.lyss.orchestrator.commandside;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} as the same text as {@link Instant#toString()} (ISO-8601 in UTC, the fraction in groups
 * of three digits, as many as needed), without going through {@code DateTimeFormatter}. A reported turn carries a
 * dozen instants (its run and each node's start and end), and formatting them took half of serialising the turn,
 * which happens on the request's thread (docs/benchmarks.md, stop 19). Years outside 0-9999 are written by
 * {@code Instant.toString()} itself.
 */
final class IsoInstantSerializer extends StdSerializer<Instant> {

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int LONGEST = "yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ".length();
    private static final long YEAR_0 = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long YEAR_10000 =
            Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();

    IsoInstantSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant instant, JsonGenerator generator, SerializerProvider provider) throws IOException {
        long seconds = instant.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            generator.writeString(instant.toString());
            return;
        }
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        char[] text = new char[LONGEST];
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int at = digits(text, 0, date.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, date.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, date.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, secondOfDay / 3600, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay / 60 % 60, 2);
        text[at++] = ':';
        at = digits(text, at, secondOfDay % 60, 2);
        at = fraction(text, at, instant.getNano());
        text[at++] = 'Z';
        generator.writeString(text, 0, at);
    }

    /** Nothing for a whole second, else milli-, micro- or nanoseconds: the shortest that is exact. */
    private static int fraction(char[] text, int at, int nanos) {
        if (nanos == 0) {
            return at;
        }
        text[at++] = '.';
        if (nanos % 1_000_000 == 0) {
            return digits(text, at, nanos / 1_000_000, 3);
        }
        if (nanos % 1_000 == 0) {
            return digits(text, at, nanos / 1_000, 6);
        }
        return digits(text, at, nanos, 9);
    }

    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
