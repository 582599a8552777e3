package io.marginengine.engine;

import io.marginengine.engine.egress.JsonLinesSink;
import io.marginengine.engine.monitor.CountersFileDescriptor;
import io.marginengine.engine.monitor.EngineCounters;
import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.ingress.IpcIngressAdapter;
import io.marginengine.engine.snapshot.SnapshotDescriptor;
import io.marginengine.engine.snapshot.SnapshotWriter;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalWriter;
import io.marginengine.engine.pipeline.InputJournal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine process: {@code scripts/engine.sh CONFIG}.
 * <pre>
 *   EngineMain CONFIG        CONFIG: a properties file, see {@link EngineConfig}
 * </pre>
 * Prints every setting, the JDK and the JVM flags it started with; starts a
 * {@link MarginEngine} with the input journal of {@link #openInputJournal}, monitoring
 * counters in {@code countersDir} ({@code scripts/stat.sh} shows them), the output queue in
 * {@code dataDir/output-queue} and every output written as JSON Lines to
 * {@code outputDir/outputs.jsonl} (replaced at each start); then publishes the JSON Lines
 * inputs of {@code input}, or of standard input.
 * <p>
 * Before it takes any input the engine recovers (docs/RECOVERY.md): it loads the newest valid
 * snapshot, replays the journal after it, and sends on only the outputs the output queue does
 * not already hold. It prints what it did ({@code recovery: loaded snapshot-123.snap covering
 * index 123, replayed 456 inputs (124 to 579) in 0.2 s; ...}), a sentence for every snapshot it
 * skipped, and {@code recovered to journal index N, state digest D}. It writes its effective
 * configuration to {@code dataDir/engine-effective.properties}.
 * <p>
 * It stops when the input ends, or on SIGTERM or SIGINT: it stops accepting inputs, drains the
 * ring (every accepted input is journaled and processed), flushes the outputs, closes the
 * journal, takes a last snapshot and prints a one-line summary, then
 * {@code last journal index N, state digest D}. SIGTERM and SIGINT are taken over
 * ({@link TerminationSignals}) rather than left to a shutdown hook, so that the drain runs
 * before any library's shutdown hook and the exit status is 0; a second signal while stopping
 * exits at once with status 1. A JVM shutdown for another reason (SIGHUP, or where the signals
 * could not be taken over) runs the same clean stop from a shutdown hook. Exit status: 0
 * stopped cleanly, 1 could not start or failed, 2 bad arguments or configuration.
 */
public final class EngineMain
{
    /** Whether {@link #stopOnSignals} took over the signals (a standalone process, not a test). */
    private boolean takesSignals;

    /** Name of the JSON Lines output file in the output directory. */
    public static final String OUTPUTS_FILE = "outputs.jsonl";

    private static final long HOOK_WAIT_SECONDS = 30;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final AtomicInteger signals = new AtomicInteger();
    private final long startNs = System.nanoTime();

    /** An engine process not yet started; {@link #run} starts it. */
    public EngineMain()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final EngineMain engineMain = new EngineMain();
        engineMain.stopOnSignals();
        System.exit(engineMain.run(args, System.in, System.out, System.err));
    }

    /**
     * The input journal: a Chronicle Queue in {@code journalDir}, continuing the numbering of
     * whatever it already holds.
     *
     * @param journalDir the configured journal directory.
     * @return the journal the engine writes every input to before it takes effect.
     */
    static InputJournal openInputJournal(final Path journalDir)
    {
        return new ChronicleInputJournal(new JournalWriter(journalDir));
    }

    /**
     * Makes SIGTERM and SIGINT request a clean stop, and a JVM shutdown for any other reason
     * (SIGHUP, {@code System.exit} elsewhere) wait for one. Called by {@link #main}; an engine
     * run inside another program (a test) leaves the signals alone.
     */
    public void stopOnSignals()
    {
        takesSignals = true;
        for (final String name : List.of("TERM", "INT"))
        {
            TerminationSignals.handle(name, () -> onSignal("SIG" + name));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            requestStop("JVM shutdown");
            awaitFinished();
        }, "margin-engine-shutdown"));
    }

    private void onSignal(final String name)
    {
        if (signals.incrementAndGet() > 1)
        {
            System.err.println("second signal (" + name + ") while stopping: exiting at once, without draining the ring");
            Runtime.getRuntime().halt(1);
        }
        requestStop(name);
    }

    /**
     * Asks the running engine to stop cleanly; the first reason given is the one reported.
     *
     * @param reason why, as a short phrase ("SIGTERM", "input ended").
     * @return false when a stop had already been requested.
     */
    public boolean requestStop(final String reason)
    {
        final boolean first = stopReason.compareAndSet(null, reason);
        stopRequested.countDown();
        return first;
    }

    private void awaitFinished()
    {
        try
        {
            finished.await(HOOK_WAIT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the engine process until its input ends or a stop is requested.
     *
     * @param args  the arguments: the configuration file.
     * @param stdin inputs when the configuration names no {@code input}.
     * @param out   where the settings and the summary go.
     * @param err   where errors and skipped input lines go.
     * @return the exit status.
     */
    public int run(final String[] args, final InputStream stdin, final PrintStream out, final PrintStream err)
    {
        try
        {
            if (args.length != 1 || args[0].startsWith("-"))
            {
                err.println("usage: scripts/engine.sh CONFIG   (CONFIG: a properties file; see README, Running the engine)");
                return 2;
            }
            final Path configFile = Path.of(args[0]);
            final EngineConfig config;
            try
            {
                config = EngineConfig.load(configFile);
            }
            catch (final IllegalArgumentException | UncheckedIOException ex)
            {
                err.println("engine not started: " + ex.getMessage());
                return 2;
            }
            return runEngine(configFile, config, stdin, out, err);
        }
        finally
        {
            finished.countDown();
        }
    }

    private int runEngine(
        final Path configFile, final EngineConfig config, final InputStream stdin, final PrintStream out, final PrintStream err)
    {
        final Path effective;
        try
        {
            effective = config.writeEffectiveProperties();
        }
        catch (final UncheckedIOException ex)
        {
            err.println("engine not started: " + ex.getMessage());
            return 1;
        }
        final InputJournal journal = openInputJournal(config.journalDir());
        printStart(out, configFile, config, journal, effective);
        final Path outputsFile = config.outputDir().resolve(OUTPUTS_FILE);
        boolean launched = false;
        try (EngineCounters counters = EngineCounters.create(config.countersDir(), config.context().ringSize());
            Writer outputs = openOutputs(config.outputDir(), outputsFile);
            OutputQueueSink queue = new OutputQueueSink(new JournalWriter(config.outputQueueDir())))
        {
            final BufferedReader input = openInput(config.input(), stdin);
            final String source = EngineConfig.STANDARD_INPUT.equals(config.input()) ? "stdin" : config.input().toString();
            final JsonLinesSink sink = new JsonLinesSink(outputs);
            config.context().snapshotListener(new SnapshotLog(out));
            final MarginEngine engine = MarginEngine.launch(config.context(), journal, counters, queue, sink);
            launched = true;
            printRecovery(out, engine);
            final long[] recovered = {engine.processor().inputs(), engine.processor().rejects(),
                engine.processor().marginCalls(), engine.processor().liquidations()};
            final AgentRunner ipc = startIpcIngress(config, engine, err);
            final boolean readJson = config.ingressQueue() == null || config.inputGiven();
            final JsonLinesIngress ingress = new JsonLinesIngress(input, source, engine.publisher(), counters, err,
                this::requestStop);
            if (readJson)
            {
                ingress.start();
            }
            final boolean snapshotOnSignal = takesSignals && config.context().snapshotDirectory() != null &&
                TerminationSignals.handle("USR1", engine::requestSnapshot);
            out.println("engine running: inputs from " + (readJson ? source : "") +
                (ipc == null ? "" : (readJson ? " and " : "") + "the IPC ingress " + config.ingressQueue()) +
                ", outputs to " + outputsFile + ", counters in " +
                counters.file() + " (scripts/stat.sh " + config.countersDir() + "); SIGTERM or Ctrl-C stops it" +
                (snapshotOnSignal ? ", SIGUSR1 takes a snapshot" : ""));
            out.flush();
            awaitStopRequest();
            if (ipc != null)
            {
                ipc.close();
            }
            return stop(engine, recovered, ingress, sink, outputs, outputsFile, out, err);
        }
        catch (final IllegalStateException | IOException | UncheckedIOException ex)
        {
            err.println((launched ? "engine failed: " : "engine not started: ") + ex.getMessage());
            if (!launched)
            {
                journal.close();
            }
            return 1;
        }
    }

    /**
     * Starts the IPC ingress on a thread of its own when the configuration names a queue: it
     * resumes after the last position the input journal holds, and waits with a back-off (on
     * two cores at most one thread may spin).
     */
    private static AgentRunner startIpcIngress(final EngineConfig config, final MarginEngine engine, final PrintStream err)
    {
        if (config.ingressQueue() == null)
        {
            return null;
        }
        final IpcIngressAdapter adapter = new IpcIngressAdapter(config.ingressQueue(),
            IpcIngressAdapter.resumePosition(config.journalDir()), engine.publisher());
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000),
            ex -> err.println("IPC ingress failed: " + ex), null, adapter);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /**
     * The clean stop: accept nothing more, drain the ring, flush the outputs, summarise this
     * run (the tallies less those recovery reached, {@code recovered}), print the digest.
     */
    private int stop(
        final MarginEngine engine, final long[] recovered, final JsonLinesIngress ingress, final JsonLinesSink sink, final Writer outputs,
        final Path outputsFile, final PrintStream out, final PrintStream err)
    {
        ingress.stopAccepting();
        engine.close();
        try
        {
            outputs.flush();
        }
        catch (final IOException ex)
        {
            err.println("engine stopped, but its outputs could not be flushed to " + outputsFile + ": " + ex.getMessage());
            return 1;
        }
        final long outputCount = sink.countsByType().values().stream().mapToLong(Long::longValue).sum();
        out.println(String.format("engine stopped (%s): %d inputs accepted, %d journaled, %d processed, %d rejected, " +
                "%d margin calls, %d liquidations, %d outputs to %s, %d lines skipped, up %.1f s",
            stopReason.get(), ingress.accepted(), engine.journaled(), engine.processor().inputs() - recovered[0],
            engine.processor().rejects() - recovered[1], engine.processor().marginCalls() - recovered[2],
            engine.processor().liquidations() - recovered[3], outputCount,
            outputsFile, ingress.skipped(), (System.nanoTime() - startNs) / 1e9));
        out.println("last journal index " + engine.processor().lastJournalIndex() + ", state digest " +
            engine.processor().stateDigest());
        out.flush();
        return 0;
    }

    private void awaitStopRequest()
    {
        boolean interrupted = false;
        while (stopRequested.getCount() > 0)
        {
            try
            {
                stopRequested.await();
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static Writer openOutputs(final Path outputDir, final Path outputsFile) throws IOException
    {
        Files.createDirectories(outputDir);
        return Files.newBufferedWriter(outputsFile, StandardCharsets.UTF_8);
    }

    private static BufferedReader openInput(final Path input, final InputStream stdin) throws IOException
    {
        return EngineConfig.STANDARD_INPUT.equals(input) ?
            new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)) :
            Files.newBufferedReader(input, StandardCharsets.UTF_8);
    }

    /** What recovery did, one sentence a line, and the state it reached. */
    private static void printRecovery(final PrintStream out, final MarginEngine engine)
    {
        for (final String note : engine.recovery().notes())
        {
            out.println("recovery: " + note);
        }
        out.println("recovery: " + engine.recovery().summary());
        out.println("recovered to journal index " + engine.processor().lastJournalIndex() + ", state digest " +
            engine.processor().stateDigest());
        out.flush();
    }

    /** Prints a line for every snapshot written or failed, from the snapshot writer's thread. */
    private static final class SnapshotLog implements SnapshotWriter.Listener
    {
        private final PrintStream out;

        SnapshotLog(final PrintStream out)
        {
            this.out = out;
        }

        @Override
        public void onWritten(
            final Path file, final SnapshotDescriptor header, final long copyNs,
            final long writeNs)
        {
            out.println(String.format("snapshot %s written: %,d bytes, state copied in %.3f ms on the processor thread, " +
                "written in %.1f ms", file.getFileName(), header.bodyLength() + header.headerLength(), copyNs / 1e6,
                writeNs / 1e6));
        }

        @Override
        public void onFailed(final Path file, final Exception cause)
        {
            out.println("snapshot " + file.getFileName() + " could not be written (the engine goes on; recovery will " +
                "replay more of the journal): " + cause);
        }
    }

    private static void printStart(
        final PrintStream out, final Path configFile, final EngineConfig config, final InputJournal journal, final Path effective)
    {
        final Runtime runtime = Runtime.getRuntime();
        out.println("margin engine starting, pid " + ProcessHandle.current().pid());
        out.printf("%-24s %s%n", "config file", configFile.toAbsolutePath().normalize());
        for (final String line : config.describe())
        {
            out.println(line);
        }
        out.printf("%-24s %s (Chronicle Queue), next journal index %d%n", "journal", config.journalDir(), journal.nextIndex());
        out.printf("%-24s %s%n", "output queue", config.outputQueueDir());
        out.printf("%-24s %s%n", "snapshots", config.snapshotDir() == null ? "none" : config.snapshotDir() +
            (config.context().snapshotIntervalInputs() > 0 ? ", every " + config.context().snapshotIntervalInputs() + " inputs" : "") +
            (config.context().snapshotIntervalNs() > 0 ? ", every " + config.context().snapshotIntervalNs() / 1e9 + " s of input time" : "") +
            ", at a clean stop, keeping " + config.context().snapshotsKept());
        out.printf("%-24s %s%n", "effective config", effective);
        out.printf("%-24s %s%n", "counters file", CountersFileDescriptor.file(config.countersDir()));
        out.printf("%-24s %s %s (%s), %s%n", "jdk", System.getProperty("java.vm.vendor"),
            System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"), System.getProperty("java.home"));
        out.printf("%-24s %s%n", "jvm flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.printf("%-24s %d available, max heap %d MB%n", "cpus", runtime.availableProcessors(), runtime.maxMemory() >> 20);
        out.flush();
    }
}
