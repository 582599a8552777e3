package io.marginengine.engine.demo;

import io.marginengine.engine.Context;
import io.marginengine.engine.EngineConfig;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.egress.JsonLinesSink;
import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The main job ({@code scripts/demo.sh}): the engine end to end on a synthetic venue. A
 * {@link SyntheticVenue} of, by default, 100,000 accounts on 20 instruments publishes its
 * inputs on the engine's ring; the engine journals each to Chronicle Queue, processes it, and
 * sends the outputs to the output queue, to {@code outputs.jsonl} and to an in-process
 * listener the venue reacts to. A progress bar runs while it works; at the end comes the
 * summary a risk officer reads. Exit status: 0 done, 1 the engine failed, 2 bad flags.
 */
@Command(name = "demo.sh", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the margin engine end to end on a synthetic venue: random-walk marks with a sharp crash, a",
        "rebound and a short squeeze; a simulated matching engine that trades and executes the engine's",
        "liquidation orders (some in full, some in part, some expiring); inputs through the Disruptor ring,",
        "journaled to Chronicle Queue; a summary at the end."})
public final class VenueDemo implements Callable<Integer>
{
    private static final String SNAPSHOTS = "snapshots";

    @Option(names = "--accounts", defaultValue = "100000", description = "trader accounts (default ${DEFAULT-VALUE})")
    int accounts;

    @Option(names = "--instruments", defaultValue = "20", description = "instruments, 1 to 64 (default ${DEFAULT-VALUE})")
    int instruments;

    @Option(names = "--steps", defaultValue = "600",
        description = "simulated seconds of market, each with a mark per instrument (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "20261121", description = "the seed the whole run follows (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--fund", defaultValue = "100",
        description = "the insurance fund's opening balance in dollars per trader account; 40 leaves it too small for the " +
            "crash, so auto-deleveraging takes over (default ${DEFAULT-VALUE})")
    long fundPerAccount;

    @Option(names = "--dir", defaultValue = "out/demo",
        description = "where the journal, output queue and outputs.jsonl go; their old copies there are removed (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--wait-strategy", defaultValue = "blocking",
        description = "how the ring's consumers wait: blocking, sleeping, yielding or busy-spin (default ${DEFAULT-VALUE})")
    String waitStrategy;

    @Option(names = "--consumer-threads", defaultValue = "1",
        description = "threads consuming the ring: 1 (one thread journals each batch, then processes it) or 2 (journal, " +
            "then processor) (default ${DEFAULT-VALUE})")
    int consumerThreads;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /**
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs with the given arguments and streams.
     *
     * @param args flags.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final VenueDemo demo = new VenueDemo();
        demo.out = out;
        demo.err = err;
        return new CommandLine(demo).setOut(new java.io.PrintWriter(out, true)).setErr(new java.io.PrintWriter(err, true))
            .execute(args);
    }

    @Override
    public Integer call()
    {
        final String bad = checkFlags();
        if (bad != null)
        {
            err.println(bad);
            return 2;
        }
        try
        {
            clearPreviousRun();
            return runVenue();
        }
        catch (final IOException ex)
        {
            err.println("demo failed: " + ex.getMessage());
            return 1;
        }
        catch (final UncheckedIOException ex)
        {
            err.println("demo failed: " + ex.getCause().getMessage());
            return 1;
        }
        catch (final IllegalStateException ex)
        {
            err.println("demo failed: " + ex.getMessage());
            return 1;
        }
    }

    private String checkFlags()
    {
        if (accounts < 1 || accounts > 10_000_000)
        {
            return "--accounts " + accounts + " is invalid: expected 1 to 10,000,000 trader accounts";
        }
        if (instruments < 1 || instruments > 64)
        {
            return "--instruments " + instruments + " is invalid: expected 1 to 64";
        }
        if (steps < 20 || steps > 100_000)
        {
            return "--steps " + steps + " is invalid: expected 20 to 100,000 simulated seconds";
        }
        if (fundPerAccount < 0 || fundPerAccount > 1_000_000)
        {
            return "--fund " + fundPerAccount + " is invalid: expected 0 to 1,000,000 dollars per account";
        }
        try
        {
            // the engine's own check of its settings (the wait strategy among them)
            context(accounts, instruments).waitStrategy(waitStrategy).consumerThreads(consumerThreads).conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            return "flags refused: " + ex.getMessage();
        }
        return null;
    }

    /** Removes what an earlier demo left in the directory (only the demo's own files). */
    private void clearPreviousRun() throws IOException
    {
        Files.createDirectories(dir);
        for (final Path old : new Path[] {QueueDirectories.inputJournal(dir), QueueDirectories.outputQueue(dir),
            dir.resolve(SNAPSHOTS), dir.resolve("outputs.jsonl"), dir.resolve(EngineConfig.EFFECTIVE_FILE)})
        {
            if (Files.exists(old))
            {
                try (Stream<Path> files = Files.walk(old))
                {
                    for (final Path p : (Iterable<Path>)files.sorted(Comparator.reverseOrder())::iterator)
                    {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    private int runVenue() throws IOException
    {
        final Histogram latency = new Histogram(3_600_000_000_000L, 3);
        final Context context = context(accounts, instruments)
            .snapshotDirectory(dir.resolve(SNAPSHOTS))
            .waitStrategy(waitStrategy)
            .consumerThreads(consumerThreads)
            .latencyListener(ns -> latency.recordValue(Math.max(0, Math.min(ns, 3_600_000_000_000L))));
        writeCapacities(context);
        final VenueOutputs tally = new VenueOutputs(context.insuranceFundAccount(), 1 << 26);
        final Path outputsFile = dir.resolve("outputs.jsonl");
        final long startNs = System.nanoTime();
        final VenueInputs inputs;
        final SyntheticVenue venue;
        final MarginEngine engine;
        final long[] fundPath = new long[steps + 1];
        final long setupInputs;
        final long setupNs;
        try (Writer json = Files.newBufferedWriter(outputsFile, StandardCharsets.UTF_8);
            OutputQueueSink queue = new OutputQueueSink(new JournalWriter(QueueDirectories.outputQueue(dir))))
        {
            engine = MarginEngine.launch(context, new ChronicleInputJournal(new JournalWriter(QueueDirectories.inputJournal(dir))),
                queue, new JsonLinesSink(json), tally);
            inputs = new VenueInputs(engine.publisher());
            venue = new SyntheticVenue(inputs, accounts, instruments, steps, seed, fundPerAccount);
            final ProgressBar bar = new ProgressBar(err, !noProgress);
            out.printf("margin engine demo: %,d accounts on %d instruments, %,d simulated seconds, seed %d, %s wait strategy, " +
                "%d consumer thread%s%n", accounts, instruments, steps, seed, waitStrategy, consumerThreads, consumerThreads == 1 ? "" : "s");
            out.flush();
            venue.setUp();
            awaitProcessed(engine, inputs);
            setupInputs = inputs.published();
            setupNs = System.nanoTime() - startNs;
            // the engine is idle (everything published is processed), so the histogram can be
            // cleared here: latency is reported for the market phase, not the opening burst
            latency.reset();
            fundPath[0] = tally.fundBalance8;
            for (int step = 1; step <= steps; step++)
            {
                venue.step(step);
                awaitProcessed(engine, inputs);
                venue.react(tally.notices(), step);
                fundPath[step] = tally.fundBalance8;
                bar.update(step, steps, progressText(step, inputs, tally, startNs));
            }
            bar.finish();
            engine.close();
        }
        final long elapsedNs = System.nanoTime() - startNs;
        if (engine.failure() != null)
        {
            err.println("demo failed: the engine stopped: " + engine.failure());
            return 1;
        }
        new RiskSummary(out, venue, inputs, tally, engine.processor(), latency)
            .print(setupInputs, setupNs, elapsedNs, fundPath, dir, outputsFile);
        return 0;
    }

    /**
     * The engine's capacities for a venue of a given size: a replay of the demo's journal needs
     * the same ones to refuse the same inputs.
     *
     * @param accounts    trader accounts.
     * @param instruments instruments.
     * @return a context, not yet concluded.
     */
    public static Context context(final int accounts, final int instruments)
    {
        return new Context()
            .maxAccounts(accounts + SyntheticVenue.makers(instruments) + 1 + 64)
            .maxInstruments(Math.max(instruments, 2))
            .maxPositionsPerAccount(Math.max(instruments, 4))
            .maxSources(8)
            .ringSize(1 << 16);
    }

    /**
     * Leaves the capacities beside the journal in the engine's own format, so that
     * {@code scripts/replay.sh replay out/demo} replays with them.
     */
    private void writeCapacities(final Context context) throws IOException
    {
        Files.write(dir.resolve(EngineConfig.EFFECTIVE_FILE), java.util.List.of(
            "# the capacities of the demo's engine (scripts/demo.sh), for the replay tool",
            "maxAccounts=" + context.maxAccounts(),
            "maxInstruments=" + context.maxInstruments(),
            "maxPositionsPerAccount=" + context.maxPositionsPerAccount(),
            "maxSources=" + context.maxSources(),
            "insuranceFundAccount=" + context.insuranceFundAccount(),
            "ringSize=" + context.ringSize()), StandardCharsets.UTF_8);
    }

    private static String progressText(final int step, final VenueInputs inputs, final VenueOutputs tally, final long startNs)
    {
        final long elapsedNs = Math.max(1, System.nanoTime() - startNs);
        return String.format("t=%ds  %,d inputs (%,d/s)  calls %,d  liquidation orders %,d  fund %,d",
            step, inputs.published(), inputs.published() * 1_000_000_000L / elapsedNs, tally.crossCalls + tally.isolatedCalls,
            tally.outputsByType[io.marginengine.journal.sbe.LiquidationOrderDecoder.TEMPLATE_ID],
            tally.fundBalance8 / 100_000_000L);
    }

    /** Waits until the engine has processed every input published so far (the venue is its only producer). */
    private static void awaitProcessed(final MarginEngine engine, final VenueInputs inputs)
    {
        engine.awaitProcessed(inputs.published(), Long.MAX_VALUE / 2);
    }
}
