package io.marginengine.engine.monitor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Shows an engine's monitoring counters from outside the engine: {@code scripts/stat.sh}.
 * <pre>
 *   StatMain [--once] [DIR]     DIR: the engine's countersDir (default: CountersFileDescriptor.defaultDirectory())
 * </pre>
 * Without {@code --once} the table is shown again every second, with a per-second rate for
 * the counts, until interrupted; while there is no counters file it says so and waits for
 * one. With {@code --once} it prints the table once. Reject codes with no rejects are left
 * out to keep the table short. Exit status: 0 shown, 1 no counters to show (the reason is
 * printed as a sentence), 2 bad arguments.
 */
public final class StatMain
{
    private static final long INTERVAL_MS = 1000;
    private static final String CLEAR_SCREEN = "\033[H\033[2J";
    private static final String ROW = "%-34s %14d%s%n";
    private static final long[] NO_RATES = new long[0];

    private StatMain()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs with the given arguments and streams.
     *
     * @param args arguments.
     * @param out  where the table goes.
     * @param err  where usage errors go.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        boolean once = false;
        Path directory = CountersFileDescriptor.defaultDirectory();
        int positional = 0;
        for (final String arg : args)
        {
            if ("--once".equals(arg))
            {
                once = true;
            }
            else if (arg.startsWith("-") || positional++ > 0)
            {
                err.println("argument " + arg + " is not understood: expected stat.sh [--once] [DIR]");
                return 2;
            }
            else
            {
                directory = Path.of(arg);
            }
        }
        return once ? showOnce(directory, out) : showLive(directory, out, System.console() != null);
    }

    private static int showOnce(final Path directory, final PrintStream out)
    {
        try (EngineCountersReader reader = EngineCountersReader.open(directory))
        {
            out.print(table(reader, System.currentTimeMillis(), NO_RATES, 0));
            return 0;
        }
        catch (final CountersUnavailableException ex)
        {
            out.println(ex.getMessage());
            return 1;
        }
    }

    private static int showLive(final Path directory, final PrintStream out, final boolean terminal)
    {
        final long[] previous = new long[CountersFileDescriptor.MAX_COUNTERS];
        long previousPid = -1;
        long previousNs = 0;
        while (!Thread.currentThread().isInterrupted())
        {
            final StringBuilder screen = new StringBuilder(terminal ? CLEAR_SCREEN : "");
            final long nowNs = System.nanoTime();
            try (EngineCountersReader reader = EngineCountersReader.open(directory))
            {
                final boolean sameEngine = reader.pid() == previousPid;
                screen.append(table(reader, System.currentTimeMillis(), previous, sameEngine ? nowNs - previousNs : 0));
                previousPid = reader.pid();
                reader.forEach((id, typeId, key, label, value) -> previous[id] = value);
            }
            catch (final CountersUnavailableException ex)
            {
                previousPid = -1;
                Arrays.fill(previous, 0);
                screen.append(ex.getMessage()).append(System.lineSeparator()).append("waiting for an engine; Ctrl-C to stop")
                    .append(System.lineSeparator());
            }
            previousNs = nowNs;
            out.print(terminal ? screen : screen.append(System.lineSeparator()));
            out.flush();
            try
            {
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /**
     * The table of one reading.
     *
     * @param reader    an open counters file.
     * @param nowMs     the time now, epoch milliseconds.
     * @param previous  values of the previous reading by counter id, for rates; empty for no rate column.
     * @param elapsedNs time since the previous reading of the same engine; 0 when there was none (rates left blank).
     * @return the table, lines ended.
     */
    static String table(final EngineCountersReader reader, final long nowMs, final long[] previous, final long elapsedNs)
    {
        final StringBuilder text = new StringBuilder(1024);
        final String rateHeader = previous.length == 0 ? "" : String.format(" %12s", "per s");
        text.append("margin engine counters ").append(reader.file()).append(System.lineSeparator());
        text.append(reader.engineState(nowMs)).append(System.lineSeparator());
        text.append(String.format("%-34s %14s%s%n", "counter", "value", rateHeader));
        reader.forEach((id, typeId, key, label, value) ->
        {
            if (typeId == EngineCounters.REJECTS_BY_CODE_TYPE_ID && value == 0)
            {
                return;
            }
            final String name = typeId == EngineCounters.REJECTS_BY_CODE_TYPE_ID ?
                "  " + label.substring("rejects ".length()) : label;
            text.append(String.format(ROW, name, value, rate(typeId, id, value, previous, elapsedNs)));
        });
        return text.toString();
    }

    private static String rate(final int typeId, final int id, final long value, final long[] previous, final long elapsedNs)
    {
        final boolean gauge = typeId == EngineCounters.RING_OCCUPANCY_TYPE_ID ||
            typeId == EngineCounters.RING_OCCUPANCY_PEAK_TYPE_ID;
        if (previous.length == 0)
        {
            return "";
        }
        if (gauge || elapsedNs <= 0)
        {
            return "";
        }
        return String.format(" %12d", Math.round((value - previous[id]) * 1e9 / elapsedNs));
    }
}
