package io.marginengine.perf;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.ingress.InputPublisher;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end throughput of the engine with journaling: the benchmark thread publishes the
 * mixed workload ({@link MixedWorkload}) on the ring of a running {@link MarginEngine} as fast
 * as the ring takes it, through the journal handler (a Chronicle Queue journal, one document
 * per Disruptor batch) and the processor handler. The ring is full nearly all the time, so the
 * publisher waits for room and the rate measured is the rate of the slowest stage: sustained
 * throughput. One operation is one input.
 * <p>
 * An iteration stops publishing when its time is up and then waits (untimed) until every
 * published input is processed; the at most {@code ringSize} inputs still in flight when the
 * clock stops are counted as done, which overstates the rate by at most 16,384 inputs per
 * iteration (well under 1% at a few million inputs a second). The trial fails unless every
 * input was journaled and processed, none refused, and no ring handler failed.
 * <p>
 * With the inputs, the journal batches committed are counted ({@code journalBatches}, per
 * second like the inputs): inputs per second over batches per second is the mean number of
 * inputs in one journal batch (one Chronicle document and commit).
 * <p>
 * Parameters: {@code waitStrategy} of the ring's consumers; {@code consumerThreads} (2: a
 * journal thread and a processor thread; 1: one thread journals a batch, then processes it); {@code journal} on {@code disk}
 * (java.io.tmpdir; a real journal) or {@code tmpfs} (/dev/shm; the CPU cost without the disk's
 * write-back bandwidth), see {@link BenchmarkDirectories}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class PipelineBenchmark
{
    /** Inputs per benchmark call. */
    public static final int BATCH = 1024;
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    /** Accounts in the book. */
    @Param({"1000000"})
    public int accounts;

    /** Wait strategy of the ring's consumers. */
    @Param({"blocking"})
    public String waitStrategy;

    /** Threads consuming the ring: 2 (journal, then processor) or 1 (journal a batch, then process it). */
    @Param({"2"})
    public int consumerThreads;

    /** Where the journal lives: disk or tmpfs. */
    @Param({"disk"})
    public String journal;

    /** Journal batches committed during the iteration, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class JournalBatches
    {
        /** Batches committed since the iteration started. */
        public long journalBatches;
        private long atStart = -1;

        void update(final BatchCountingJournal journal)
        {
            if (atStart < 0)
            {
                atStart = journal.batches();
            }
            journalBatches = journal.batches() - atStart;
        }

        /** Counts from the start of each iteration. */
        @Setup(Level.Iteration)
        public void reset()
        {
            atStart = -1;
            journalBatches = 0;
        }
    }

    private Path directory;
    private BatchCountingJournal countingJournal;
    private MarginEngine engine;
    private InputPublisher publisher;
    private UnsafeBuffer stream;
    private int[] offsets;
    private int[] lengths;
    private int position;
    private long published;
    private long outputs;

    /** Launches the engine on a fresh journal and publishes the book. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MixedWorkload workload = new MixedWorkload(accounts, 1 << 20, 20261121L);
        directory = BenchmarkDirectories.create(journal, "pipeline-");
        final Context context = workload.context().waitStrategy(waitStrategy).consumerThreads(consumerThreads);
        countingJournal = new BatchCountingJournal(new ChronicleInputJournal(new JournalWriter(directory)));
        engine = MarginEngine.launch(context, countingJournal, (buffer, offset, length) -> outputs++);
        publisher = engine.publisher();
        try
        {
            published = workload.sendSetup(publisher::publish);
            awaitProcessed();
        }
        catch (final RuntimeException | Error ex)
        {
            // JMH skips the trial's tear-down when its set-up fails: do not leave the journal behind
            engine.close();
            BenchmarkDirectories.delete(directory);
            throw ex;
        }
        stream = workload.stream();
        offsets = workload.offsets();
        lengths = workload.lengths();
    }

    /**
     * Publishes the next {@value #BATCH} inputs of the stream, waiting for room on the ring.
     *
     * @param batches where the journal batches are counted.
     * @return inputs published so far.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publish(final JournalBatches batches)
    {
        batches.update(countingJournal);
        final InputPublisher publisher = this.publisher;
        final UnsafeBuffer stream = this.stream;
        final int[] offsets = this.offsets;
        final int[] lengths = this.lengths;
        final int end = offsets.length;
        int i = position;
        for (int n = 0; n < BATCH; n++)
        {
            publisher.publish(stream, offsets[i], lengths[i]);
            if (++i == end)
            {
                i = 0;
            }
        }
        position = i;
        published += BATCH;
        return published;
    }

    /** Waits, untimed, until every published input is processed. */
    @TearDown(Level.Iteration)
    public void awaitProcessed()
    {
        engine.awaitProcessed(published, DRAIN_TIMEOUT_NS);
    }

    /** Stops the engine, checks the counts, and deletes the journal. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            awaitProcessed();
            final long journaled = engine.journaled();
            engine.close();
            final MarginProcessor processor = engine.processor();
            if (engine.failure() != null || journaled != published || processor.inputs() != published ||
                processor.rejects() != 0 || processor.marginCalls() != 0)
            {
                throw new IllegalStateException("of " + published + " inputs published, " + journaled + " were journaled and " +
                    processor.inputs() + " processed, " + processor.rejects() + " refused, " + processor.marginCalls() +
                    " margin calls; engine failure: " + engine.failure());
            }
        }
        finally
        {
            BenchmarkDirectories.delete(directory);
        }
    }
}
