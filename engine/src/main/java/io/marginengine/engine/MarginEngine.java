package io.marginengine.engine;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.marginengine.engine.egress.OutputGate;
import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.ingress.InputPublisher;
import io.marginengine.engine.ingress.InputSlot;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.monitor.EngineCounters;
import io.marginengine.engine.pipeline.InputJournal;
import io.marginengine.engine.pipeline.JournalHandler;
import io.marginengine.engine.pipeline.JournalThenProcessHandler;
import io.marginengine.engine.pipeline.OutputFanOut;
import io.marginengine.engine.pipeline.ProcessorHandler;
import io.marginengine.engine.pipeline.SnapshotScheduler;
import io.marginengine.engine.snapshot.SnapshotWriter;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The running engine: inputs go onto an LMAX Disruptor ring of fixed-size slots; a journal
 * handler writes each to the input journal and stamps its journal index; the processor
 * handler applies it on the single business-logic thread; outputs go to the given sinks.
 * Journal first, then processing, in sequence: an input never takes effect, and no output of
 * it leaves, before it is journaled. With {@link Context#consumerThreads()} 1 (the default)
 * one thread does both, a Disruptor batch at a time ({@link JournalThenProcessHandler}: journal
 * the batch, commit it, process it); with 2 the processor handler runs on a thread of its own,
 * gated on the journal handler's, and the two overlap across inputs.
 * <p>
 * {@link #close()} stops taking inputs only after every published input has been journaled
 * and processed, then closes the journal.
 * <p>
 * With {@link EngineCounters}, the processor thread publishes the monitoring counters at the
 * end of each Disruptor batch.
 * <p>
 * <b>Recovery.</b> Before the ring starts, the processor is brought to the state the journal
 * describes: the newest valid snapshot in {@link Context#snapshotDirectory()} is loaded, and
 * the journal after it is replayed; outputs the output queue (an {@link OutputQueueSink}
 * among the sinks, at most one) already holds are not sent again, to it or to any other sink
 * ({@link OutputGate}). {@link #recovery()} says what was done. With a snapshot directory the
 * processor thread also takes snapshots at the end of a batch when one falls due
 * ({@link SnapshotScheduler}), and a clean {@link #close()} takes a last one.
 */
public final class MarginEngine implements AutoCloseable
{
    private final Disruptor<InputSlot> disruptor;
    private volatile Throwable failure;
    private final InputPublisher publisher;
    private final MarginProcessor processor;
    private final JournalHandler journalHandler;
    private final InputJournal journal;
    private final RingBuffer<InputSlot> ring;
    private final long firstJournalIndex;
    private final EngineCounters counters;
    private final OffsetEpochNanoClock receiveClock = new OffsetEpochNanoClock();
    private final ProcessorHandler processorHandler;
    /** The one consumer when the engine runs on one consumer thread, else null. */
    private final JournalThenProcessHandler singleHandler;
    private final RecoveryReport recovery;
    private final SnapshotScheduler snapshots;

    /** {@code counters} is null for an engine without monitoring counters. */
    private MarginEngine(final Context context, final InputJournal journal, final EngineCounters counters, final OutputSink[] sinks)
    {
        context.conclude();
        this.journal = journal;
        this.counters = counters;
        final OutputSink[] all = counters == null ? sinks : withOutputCounter(sinks, counters);
        final OutputGate gate = new OutputGate(all.length == 1 ? all[0] : new OutputFanOut(all));
        this.processor = new MarginProcessor(context, gate);
        final SnapshotWriter writer = context.snapshotDirectory() == null ? null :
            new SnapshotWriter(context.snapshotDirectory(), context.snapshotsKept(), processor.maxStateLength(),
                new int[] {context.maxInstruments(), context.maxAccounts(), context.maxPositionsPerAccount(), context.maxSources()},
                context.insuranceFundAccount(), context.snapshotListener());
        final OutputQueueSink outputQueue = outputQueueOf(sinks);
        try
        {
            this.recovery = EngineRecovery.recover(context, journal, processor, gate, outputQueue,
                writer == null ? null : writer.image());
            if (outputQueue != null)
            {
                outputQueue.handOver();
            }
        }
        catch (final RuntimeException ex)
        {
            if (writer != null)
            {
                writer.close();
            }
            throw ex;
        }
        this.snapshots = writer == null ? null : new SnapshotScheduler(processor, writer, context.snapshotIntervalInputs(),
            context.snapshotIntervalNs(), recovery.snapshot() == null ? MarginProcessor.NO_INPUT : recovery.firstReplayed() - 1);
        this.firstJournalIndex = journal.nextIndex();
        if (counters != null)
        {
            // the recovered tallies show before the first batch
            counters.onBatchEnd(processor, 0, firstJournalIndex);
        }
        this.journalHandler = new JournalHandler(journal);
        final AtomicInteger threads = new AtomicInteger();
        disruptor = new Disruptor<>(InputSlot::new, context.ringSize(),
            runnable -> new Thread(runnable, "margin-engine-" + threads.incrementAndGet()),
            ProducerType.MULTI, waitStrategy(context.waitStrategy()));
        ring = disruptor.getRingBuffer();
        disruptor.setDefaultExceptionHandler(new HaltingExceptionHandler());
        processorHandler = new ProcessorHandler(processor,
            counters == null && snapshots == null ? ProcessorHandler.EndOfBatchHook.NONE : this::onEndOfBatch,
            context.latencyListener(), receiveClock);
        if (context.consumerThreads() == 1)
        {
            singleHandler = new JournalThenProcessHandler(journalHandler, processorHandler, ring);
            disruptor.handleEventsWith(singleHandler);
        }
        else
        {
            singleHandler = null;
            disruptor.handleEventsWith(journalHandler).then(processorHandler);
        }
        disruptor.start();
        // Disruptor's shutdown waits only for handlers already running: wait until both are,
        // so that an engine closed right after launch still drains what was published.
        awaitStarted(journalHandler.started());
        awaitStarted(processorHandler.started());
        publisher = new InputPublisher(ring, receiveClock);
    }

    private static void awaitStarted(final java.util.concurrent.CountDownLatch started)
    {
        try
        {
            if (!started.await(30, java.util.concurrent.TimeUnit.SECONDS))
            {
                throw new IllegalStateException("the engine's ring threads did not start within 30 s");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the engine's ring threads were starting", ex);
        }
    }

    private static OutputQueueSink outputQueueOf(final OutputSink[] sinks)
    {
        OutputQueueSink queue = null;
        for (final OutputSink sink : sinks)
        {
            if (sink instanceof OutputQueueSink)
            {
                if (queue != null)
                {
                    throw new IllegalArgumentException("an engine writes to one output queue, but two OutputQueueSinks were given: " +
                        queue.directory() + " and " + ((OutputQueueSink)sink).directory());
                }
                queue = (OutputQueueSink)sink;
            }
        }
        return queue;
    }

    private void onEndOfBatch(final long sequence)
    {
        if (counters != null)
        {
            publishCounters(sequence);
        }
        if (snapshots != null)
        {
            snapshots.onEndOfBatch();
        }
    }

    private static OutputSink[] withOutputCounter(final OutputSink[] sinks, final EngineCounters counters)
    {
        final OutputSink[] all = Arrays.copyOf(sinks, sinks.length + 1);
        all[sinks.length] = counters.outputCounter();
        return all;
    }

    /**
     * On the processor thread, after each batch: the ring's backlog and the journal's position.
     * A producer claims its sequence before it waits for room, so the claimed backlog can pass
     * the ring's size by the producers waiting; the slots in use cannot.
     */
    private void publishCounters(final long sequence)
    {
        final long journaled = singleHandler != null ? journalHandler.journaled() :
            disruptor.getSequenceValueFor(journalHandler) + 1;
        final long used = Math.min(ring.getCursor() - sequence, ring.getBufferSize());
        counters.onBatchEnd(processor, used, firstJournalIndex + journaled);
    }

    /**
     * Builds and starts an engine.
     *
     * @param context configuration.
     * @param journal where inputs are written before they take effect; closed with the engine
     *                (not when the launch fails: the caller closes it then).
     * @param sinks   where outputs go, on the processor thread.
     * @return the running engine, recovered (see the class comment).
     * @throws IllegalStateException with a sentence when recovery cannot bring the engine to a
     *                               consistent state (see docs/RECOVERY.md).
     */
    public static MarginEngine launch(final Context context, final InputJournal journal, final OutputSink... sinks)
    {
        return new MarginEngine(context, journal, null, sinks);
    }

    /**
     * Builds and starts an engine that publishes monitoring counters at the end of each batch.
     *
     * @param context  configuration.
     * @param journal  where inputs are written before they take effect; closed with the engine
     *                 (not when the launch fails: the caller closes it then).
     * @param counters the counters to publish to; not closed with the engine (close them after it).
     * @param sinks    where outputs go, on the processor thread.
     * @return the running engine, recovered (see the class comment).
     * @throws IllegalStateException with a sentence when recovery cannot bring the engine to a
     *                               consistent state (see docs/RECOVERY.md).
     */
    public static MarginEngine launch(
        final Context context, final InputJournal journal, final EngineCounters counters, final OutputSink... sinks)
    {
        return new MarginEngine(context, journal, counters, sinks);
    }

    private static WaitStrategy waitStrategy(final String name)
    {
        switch (name)
        {
            case "busy-spin":
                return new BusySpinWaitStrategy();
            case "yielding":
                return new YieldingWaitStrategy();
            case "sleeping":
                return new SleepingWaitStrategy();
            default:
                return new io.marginengine.engine.pipeline.YieldingBlockingWaitStrategy();
        }
    }

    /** @return the publisher producers use; safe for several threads. */
    public InputPublisher publisher()
    {
        return publisher;
    }

    /**
     * @return the processor; its state may be read only after {@link #close()} (or from its own
     * thread, in a sink).
     */
    public MarginProcessor processor()
    {
        return processor;
    }

    /**
     * @return inputs the processor has finished since launch, in ring order: a single producer
     * that counts what it published knows its inputs are processed once this reaches its count.
     */
    public long processed()
    {
        return disruptor.getSequenceValueFor(singleHandler != null ? singleHandler : processorHandler) + 1;
    }

    /**
     * Waits until the processor has finished {@code inputs} inputs since launch (a single
     * producer that counts what it published passes its count), parking between looks.
     *
     * @param inputs    inputs to wait for.
     * @param timeoutNs how long to wait at most.
     * @throws IllegalStateException with a sentence when the engine failed first, or the time ran out.
     */
    public void awaitProcessed(final long inputs, final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (processed() < inputs)
        {
            if (failure != null)
            {
                throw new IllegalStateException("the engine stopped after " + processed() + " of " + inputs +
                    " inputs: " + failure, failure);
            }
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("the engine processed " + processed() + " of " + inputs + " inputs in " +
                    TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
            }
            LockSupport.parkNanos(10_000);
        }
    }

    /** @return inputs journaled so far. */
    public long journaled()
    {
        return journalHandler.journaled();
    }

    /** @return what recovery did when the engine started. */
    public RecoveryReport recovery()
    {
        return recovery;
    }

    /**
     * Asks for a snapshot at the end of the next batch (see {@link SnapshotScheduler}).
     *
     * @throws IllegalStateException when the engine has no snapshot directory.
     */
    public void requestSnapshot()
    {
        if (snapshots == null)
        {
            throw new IllegalStateException("a snapshot was requested from an engine configured without a snapshot directory");
        }
        snapshots.request();
    }

    /** @return the snapshot scheduler, or null for an engine without a snapshot directory. */
    public SnapshotScheduler snapshots()
    {
        return snapshots;
    }

    /**
     * Processes everything published so far, stops the ring threads, takes a last snapshot
     * (with a snapshot directory, when the state moved since the last one, and not after a
     * failure, which may have left an input half applied) and closes the journal.
     */
    @Override
    public void close()
    {
        if (failure != null)
        {
            disruptor.halt();
        }
        else
        {
            disruptor.shutdown();
        }
        try
        {
            if (snapshots != null)
            {
                final SnapshotWriter writer = snapshots.writer();
                if (failure == null && writer.awaitIdle(5, java.util.concurrent.TimeUnit.MINUTES))
                {
                    snapshots.takeNow();
                }
                writer.close();
            }
        }
        finally
        {
            journal.close();
        }
    }

    /** @return what stopped a ring thread, or null while the engine is healthy. */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * A handler that throws (the journal cannot write, a sink fails) stops the ring: the
     * failure is reported once and remembered, and the thread ends by rethrowing it. A failed
     * journal handler therefore stops the processor too, which never passes an input the
     * journal has not written; {@link #close()} then halts instead of waiting to drain. The
     * one-thread handler relies on this: it must not be given a handler that carries on. Its
     * processing failures name the failing input in their message (the sequence here is its
     * batch's last).
     */
    private final class HaltingExceptionHandler implements com.lmax.disruptor.ExceptionHandler<InputSlot>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final InputSlot slot)
        {
            if (failure == null)
            {
                failure = ex;
                System.err.println("margin engine stopped: a ring handler failed at sequence " + sequence +
                    " (journal index " + (slot == null ? -1 : slot.journalIndex()) + "): " + ex);
                ex.printStackTrace(System.err);
            }
            throw ex instanceof RuntimeException ? (RuntimeException)ex : new IllegalStateException(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            handleEventException(ex, -1, null);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            System.err.println("margin engine: a ring handler failed while stopping: " + ex);
        }
    }
}
