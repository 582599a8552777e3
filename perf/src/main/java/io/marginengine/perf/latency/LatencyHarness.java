package io.marginengine.perf.latency;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalWriter;
import io.marginengine.perf.BenchmarkDirectories;
import io.marginengine.perf.MixedWorkload;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The latency harness of issue 6: the whole engine ({@link MarginEngine}: ring, Chronicle
 * journal handler, processor handler) on the mixed workload, for each wait strategy, at fixed
 * offered rates, latency measured from each input's intended send time to the end of its
 * processing (see {@link LatencyRecorder}, {@link ScheduledProducer}).
 * <p>
 * For each wait strategy: a fresh engine and journal; the book of {@link MixedWorkload}
 * published first (not measured); then the saturated throughput (publishing as fast as the
 * ring takes, which also warms the JIT); then each offered rate: a warm-up at that rate, not
 * recorded, then the measured run. {@code max} is the highest sustainable rate: tried at 90%
 * of the saturated throughput, then 20% lower each time a try is not sustained, at most three
 * tries. A run is <em>sustained</em> when its 99th percentile from the intended time stays
 * under 1 ms and the producer ends less than 1 ms behind its schedule (a rate the engine
 * cannot follow makes the queue, and with it the latency, grow for as long as the run lasts).
 * A fixed rate above the saturated throughput is sent without warm-up and only for about as
 * many inputs as the engine processes in the measured seconds: it cannot be sustained, and
 * its latency says only how long the queue grew.
 * <p>
 * The harness checks its own result: each run's histogram holds exactly the inputs of its
 * window; at the end every published input was journaled, processed, and seen by the latency
 * hook, none refused; otherwise it stops with the counts.
 * <p>
 * Busy-spin: one wait strategy serves both ring consumers (journal and processor), so
 * busy-spin spins two threads; with the producer that needs three cores, and a fourth for the
 * rest of the machine. Below four CPUs it is left out unless asked for. A strategy named with
 * the suffix {@code -1t} ({@code busy-spin-1t}, {@code yielding-1t}) runs the engine on one
 * consumer thread that journals each batch and then processes it: one spinning thread, which
 * two CPUs can hold beside the producer.
 * <p>
 * Writes into the output directory: {@code latency.csv} (one line per run),
 * {@code saturation.csv}, and an HdrHistogram log per run ({@code latency-STRATEGY-LABEL.hlog}
 * with the histograms tagged {@code intended} and {@code publish}).
 * <pre>
 * java -cp benchmarks.jar io.marginengine.perf.latency.LatencyHarness [--accounts N]
 *     [--strategies blocking,sleeping,yielding,busy-spin-1t] [--rates 100000,1000000,max] [--warmup-seconds S]
 *     [--seconds S] [--saturation-seconds S] [--journal disk|tmpfs] [--busy-spin] [--out DIR]
 * </pre>
 */
public final class LatencyHarness
{
    private static final long SEED = 20261121L;
    private static final long SUSTAINED_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_TRIES = 3;
    /** Suffix of a strategy run on one consumer thread ({@code Context.consumerThreads(1)}), e.g. {@code busy-spin-1t}. */
    static final String ONE_THREAD = "-1t";

    private final Settings settings;
    private final MixedWorkload workload;
    private final PrintWriter csv;
    private final PrintWriter saturationCsv;

    private LatencyHarness(final Settings settings, final MixedWorkload workload, final PrintWriter csv, final PrintWriter saturationCsv)
    {
        this.settings = settings;
        this.workload = workload;
        this.csv = csv;
        this.saturationCsv = saturationCsv;
    }

    /**
     * Runs the harness.
     *
     * @param args see the class description.
     * @throws IOException when the results cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final Settings settings = Settings.parse(args);
        Files.createDirectories(settings.out);
        final List<String> strategies = new ArrayList<>(settings.strategies);
        final int cpus = Runtime.getRuntime().availableProcessors();
        if (strategies.contains("busy-spin") && cpus < 4 && !settings.busySpin)
        {
            strategies.remove("busy-spin");
            System.out.println("busy-spin left out: it spins both ring consumers, which with the producer needs 3 cores and " +
                "this machine has " + cpus + " (--busy-spin to run it anyway; busy-spin" + ONE_THREAD + " spins one)");
        }
        final long started = System.nanoTime();
        final MixedWorkload workload = new MixedWorkload(settings.accounts, 1 << 20, SEED);
        System.out.println("latency harness: " + workload.describe() + "; " + cpus + " CPUs; journal on " + settings.journal);
        try (PrintWriter csv = writer(settings.out.resolve("latency.csv"));
            PrintWriter saturation = writer(settings.out.resolve("saturation.csv")))
        {
            csv.println("strategy,label,offered_per_s,count,achieved_per_s,sustained,producer_lag_end_ns," +
                "p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns,publish_p50_ns,publish_p99_ns,publish_p99_9_ns,publish_max_ns");
            saturation.println("strategy,inputs_per_s");
            final LatencyHarness harness = new LatencyHarness(settings, workload, csv, saturation);
            for (final String strategy : strategies)
            {
                harness.runStrategy(strategy);
            }
        }
        System.out.printf(Locale.ROOT, "latency harness done in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static PrintWriter writer(final Path path) throws IOException
    {
        return new PrintWriter(path.toFile(), StandardCharsets.UTF_8);
    }

    private void runStrategy(final String strategy) throws IOException
    {
        final Path directory = BenchmarkDirectories.create(settings.journal, "latency-" + strategy + "-");
        final boolean oneThread = strategy.endsWith(ONE_THREAD);
        final Context context = workload.context()
            .waitStrategy(oneThread ? strategy.substring(0, strategy.length() - ONE_THREAD.length()) : strategy)
            .consumerThreads(oneThread ? 1 : 2);
        final LatencyRecorder recorder = new LatencyRecorder(context.ringSize());
        context.latencyListener(recorder);
        final long[] outputs = new long[1];
        final MarginEngine engine = MarginEngine.launch(context, new ChronicleInputJournal(new JournalWriter(directory)),
            (buffer, offset, length) -> outputs[0]++);
        boolean closed = false;
        try
        {
            final long setup = workload.sendSetup(engine.publisher()::publish);
            final ScheduledProducer producer = new ScheduledProducer(engine, recorder, workload, setup);
            producer.awaitProcessed();
            final double saturated = producer.runSaturated(TimeUnit.SECONDS.toNanos(settings.saturationSeconds));
            System.out.printf(Locale.ROOT, "%-9s saturated throughput %,.0f inputs/s%n", strategy, saturated);
            saturationCsv.printf(Locale.ROOT, "%s,%.0f%n", strategy, saturated);
            saturationCsv.flush();
            for (final String rate : settings.rates)
            {
                if ("max".equals(rate))
                {
                    long offered = roundDown(0.9 * saturated);
                    for (int attempt = 1; attempt <= MAX_TRIES; attempt++)
                    {
                        final boolean sustained = run(producer, recorder, strategy, offered, true, saturated);
                        if (sustained || attempt == MAX_TRIES)
                        {
                            break;
                        }
                        offered = roundDown(0.8 * offered);
                    }
                }
                else
                {
                    final long offered = Long.parseLong(rate);
                    if (offered > saturated)
                    {
                        System.out.printf(Locale.ROOT, "%-9s %,11d/s is above the saturated throughput: sent without warm-up, " +
                            "about %d s of inputs at the saturated rate%n", strategy, offered, settings.seconds);
                    }
                    run(producer, recorder, strategy, offered, false, saturated);
                }
            }
            producer.awaitProcessed();
            final long journaled = engine.journaled();
            engine.close();
            closed = true;
            verify(engine, recorder, producer.published(), journaled);
        }
        finally
        {
            if (!closed)
            {
                engine.close();
            }
            BenchmarkDirectories.delete(directory);
        }
    }

    /** Rounds down to two significant digits, at least 1,000 inputs/s. */
    private static long roundDown(final double rate)
    {
        long unit = 1;
        while (rate / unit >= 100)
        {
            unit *= 10;
        }
        return Math.max(1_000, (long)(rate / unit) * unit);
    }

    private boolean run(
        final ScheduledProducer producer, final LatencyRecorder recorder, final String strategy,
        final long rate, final boolean search, final double saturated)
        throws IOException
    {
        // a rate the engine cannot follow only grows its queue: run it for about the measured
        // seconds (at the rate the engine can do), not for the minutes its inputs would take
        final boolean aboveCapacity = rate > saturated;
        final long warmup = aboveCapacity ? 0 : rate * settings.warmupSeconds;
        final long measured = aboveCapacity ? Math.max(1, (long)(saturated * settings.seconds)) : rate * settings.seconds;
        producer.runScheduled(rate, warmup, measured);
        final Histogram intended = recorder.fromIntended().copy();
        final Histogram publish = recorder.fromPublish().copy();
        if (intended.getTotalCount() != measured || publish.getTotalCount() != measured)
        {
            throw new IllegalStateException("the run at " + rate + "/s recorded " + intended.getTotalCount() + " and " +
                publish.getTotalCount() + " latencies where it measured " + measured + " inputs");
        }
        final double achieved = measured * 1e9 / Math.max(1, recorder.lastInWindowNs() - producer.windowStartNs());
        final boolean sustained = intended.getValueAtPercentile(99) < SUSTAINED_NS && producer.lastLagNs() < SUSTAINED_NS;
        final String label = !search ? label(rate) : sustained ? "max" : "max-try";
        csv.printf(Locale.ROOT, "%s,%s,%d,%d,%.0f,%b,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d%n", strategy, label, rate, measured, achieved,
            sustained, producer.lastLagNs(),
            intended.getValueAtPercentile(50), intended.getValueAtPercentile(90), intended.getValueAtPercentile(99),
            intended.getValueAtPercentile(99.9), intended.getValueAtPercentile(99.99), intended.getMaxValue(),
            publish.getValueAtPercentile(50), publish.getValueAtPercentile(99), publish.getValueAtPercentile(99.9),
            publish.getMaxValue());
        csv.flush();
        System.out.printf(Locale.ROOT, "%-9s %,11d/s %-8s p50 %,9.1f us  p99 %,10.1f us  p99.99 %,10.1f us  max %,10.1f us  %s%n",
            strategy, rate, label, intended.getValueAtPercentile(50) / 1e3, intended.getValueAtPercentile(99) / 1e3,
            intended.getValueAtPercentile(99.99) / 1e3, intended.getMaxValue() / 1e3, sustained ? "sustained" : "NOT sustained");
        writeLog(strategy, label + (label.startsWith("max") ? "-" + rate : ""), rate, intended, publish);
        return sustained;
    }

    private static String label(final long rate)
    {
        return rate % 1_000_000 == 0 ? rate / 1_000_000 + "M" : rate % 1_000 == 0 ? rate / 1_000 + "k" : Long.toString(rate);
    }

    private void writeLog(final String strategy, final String label, final long rate, final Histogram intended, final Histogram publish)
        throws IOException
    {
        final HistogramLogWriter log = new HistogramLogWriter(settings.out.resolve("latency-" + strategy + "-" + label + ".hlog").toFile());
        try
        {
            log.outputComment("margin engine latency, wait strategy " + strategy + ", offered " + rate + " inputs/s, ns");
            log.outputLogFormatVersion();
            log.outputLegend();
            intended.setTag("intended");
            publish.setTag("publish");
            log.outputIntervalHistogram(0, settings.seconds, intended);
            log.outputIntervalHistogram(0, settings.seconds, publish);
        }
        finally
        {
            log.close();
        }
    }

    private static void verify(final MarginEngine engine, final LatencyRecorder recorder, final long published, final long journaled)
    {
        final MarginProcessor processor = engine.processor();
        if (engine.failure() != null || engine.processed() != published || recorder.processed() != published ||
            processor.inputs() != published || journaled != published || processor.rejects() != 0)
        {
            throw new IllegalStateException("of " + published + " inputs published, " + journaled + " were journaled, " +
                engine.processed() + " processed by the ring, " + processor.inputs() + " by the processor, " +
                recorder.processed() + " seen by the latency hook, " + processor.rejects() + " refused; engine failure: " +
                engine.failure());
        }
    }

    /** The command line. */
    private static final class Settings
    {
        int accounts = 1_000_000;
        List<String> strategies = List.of("blocking", "sleeping", "yielding", "busy-spin", "yielding-1t", "busy-spin-1t");
        List<String> rates = List.of("100000", "1000000", "max");
        long warmupSeconds = 5;
        long seconds = 10;
        long saturationSeconds = 5;
        String journal = "disk";
        boolean busySpin;
        Path out = Paths.get("perf/target/bench");

        static Settings parse(final String[] args)
        {
            final Settings settings = new Settings();
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                if ("--busy-spin".equals(arg))
                {
                    settings.busySpin = true;
                    continue;
                }
                if (i + 1 == args.length)
                {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                final String value = args[++i];
                switch (arg)
                {
                    case "--accounts":
                        settings.accounts = Integer.parseInt(value);
                        break;
                    case "--strategies":
                        settings.strategies = List.of(value.split(","));
                        break;
                    case "--rates":
                        settings.rates = List.of(value.split(","));
                        break;
                    case "--warmup-seconds":
                        settings.warmupSeconds = Long.parseLong(value);
                        break;
                    case "--seconds":
                        settings.seconds = Long.parseLong(value);
                        break;
                    case "--saturation-seconds":
                        settings.saturationSeconds = Long.parseLong(value);
                        break;
                    case "--journal":
                        settings.journal = value;
                        break;
                    case "--out":
                        settings.out = Paths.get(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + arg + ": expected --accounts, --strategies, " +
                            "--rates, --warmup-seconds, --seconds, --saturation-seconds, --journal, --busy-spin or --out");
                }
            }
            return settings;
        }
    }
}
