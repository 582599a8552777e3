package io.marginengine.replay;

import picocli.CommandLine;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A point in the journal, as a person names it on the command line: a journal index
 * ({@code 42}), a time as an ISO-8601 instant ({@code 2023-11-14T22:13:20.5Z}), or a time as
 * nanoseconds since the epoch ({@code ts=1700000000500000000}). Times compare with the
 * inputs' own {@code ts} (the sender's time the processor goes by), never the receive time.
 * <p>
 * As an upper bound ({@code --to}, {@code --at}) a point includes: an index includes that
 * input; a time includes every input up to the first one whose {@code ts} is later. As a
 * lower bound ({@code --from}) an index starts at that input, a time at the first input
 * whose {@code ts} is at or after it.
 */
public final class Point
{
    private final boolean isIndex;
    private final long value;
    private final String text;

    private Point(final boolean isIndex, final long value, final String text)
    {
        this.isIndex = isIndex;
        this.value = value;
        this.text = text;
    }

    /**
     * @param index a journal index, 0 or more.
     * @return the point at that index.
     */
    public static Point index(final long index)
    {
        return new Point(true, index, Long.toString(index));
    }

    /**
     * Reads a point as a person wrote it.
     *
     * @param text the command-line text.
     * @return the point.
     * @throws IllegalArgumentException with a sentence naming the text and the three forms.
     */
    public static Point parse(final String text)
    {
        final String t = text.trim();
        try
        {
            if (t.startsWith("ts="))
            {
                final long ts = Long.parseLong(t.substring(3));
                if (ts < 0)
                {
                    throw new NumberFormatException();
                }
                return new Point(false, ts, "ts=" + ts);
            }
            if (!t.isEmpty() && t.chars().allMatch(Character::isDigit))
            {
                return new Point(true, Long.parseLong(t), t);
            }
            final Instant instant = Instant.parse(t);
            return new Point(false, Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano()), t);
        }
        catch (final NumberFormatException | DateTimeParseException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a point in the journal: expected a journal index " +
                "(a whole number such as 42), an ISO-8601 time (such as 2023-11-14T22:13:20Z) or ts=NANOSECONDS " +
                "since the epoch (such as ts=1700000000000000000)");
        }
    }

    /** @return true when this point is a journal index, false when it is a time. */
    public boolean isIndex()
    {
        return isIndex;
    }

    /** @return the journal index or the time in nanoseconds since the epoch. */
    public long value()
    {
        return value;
    }

    /**
     * As an upper bound: whether an input lies past this point.
     *
     * @param journalIndex the input's journal index.
     * @param ts           the input's {@code ts}.
     * @return true when the input is beyond the point.
     */
    public boolean isBefore(final long journalIndex, final long ts)
    {
        return isIndex ? journalIndex > value : ts > value;
    }

    /**
     * As a lower bound: whether an input comes before this point.
     *
     * @param journalIndex the input's journal index.
     * @param ts           the input's {@code ts}.
     * @return true when the input is before the point.
     */
    public boolean isAfter(final long journalIndex, final long ts)
    {
        return isIndex ? journalIndex < value : ts < value;
    }

    /** @return the point as a person reads it: "index 42" or "time 2023-11-14T22:13:20Z". */
    public String describe()
    {
        return isIndex ? "index " + value : "time " + text + " (ts " + value + ")";
    }

    @Override
    public String toString()
    {
        return text;
    }

    /**
     * Formats nanoseconds since the epoch as an ISO-8601 instant.
     *
     * @param ts nanoseconds since the epoch.
     * @return the instant, such as {@code 1970-01-01T00:15:00.000000005Z}.
     */
    public static String instant(final long ts)
    {
        return Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L)).toString();
    }

    /** Lets picocli read {@link Point} options, a bad one being a usage error (exit 2). */
    public static final class Converter implements CommandLine.ITypeConverter<Point>
    {
        @Override
        public Point convert(final String value)
        {
            try
            {
                return parse(value);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.TypeConversionException(ex.getMessage());
            }
        }
    }
}
