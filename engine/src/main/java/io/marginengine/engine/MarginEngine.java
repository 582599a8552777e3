package io.marginengine.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.ingress.InputPublisher;
import io.marginengine.engine.ingress.InputSlot;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.pipeline.InputJournal;
import io.marginengine.engine.pipeline.JournalHandler;
import io.marginengine.engine.pipeline.OutputFanOut;
import io.marginengine.engine.pipeline.ProcessorHandler;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running engine: inputs go onto an LMAX Disruptor ring of fixed-size slots; a journal
 * handler writes each to the input journal and stamps its journal index; the processor
 * handler, gated on the journal handler, applies it on the single business-logic thread;
 * outputs go to the given sinks. Journal first, then processing, in sequence: an input never
 * takes effect, and no output of it leaves, before it is journaled (the journal and the
 * processor run on two threads, overlapping across inputs).
 * <p>
 * {@link #close()} stops taking inputs only after every published input has been journaled
 * and processed, then closes the journal.
 */
public final class MarginEngine implements AutoCloseable
{
    private final Disruptor<InputSlot> disruptor;
    private final InputPublisher publisher;
    private final MarginProcessor processor;
    private final JournalHandler journalHandler;
    private final InputJournal journal;

    private MarginEngine(final Context context, final InputJournal journal, final OutputSink[] sinks)
    {
        context.conclude();
        this.journal = journal;
        this.processor = new MarginProcessor(context, sinks.length == 1 ? sinks[0] : new OutputFanOut(sinks));
        this.journalHandler = new JournalHandler(journal);
        final AtomicInteger threads = new AtomicInteger();
        disruptor = new Disruptor<>(InputSlot::new, context.ringSize(),
            runnable -> new Thread(runnable, "margin-engine-" + threads.incrementAndGet()),
            ProducerType.MULTI, waitStrategy(context.waitStrategy()));
        disruptor.handleEventsWith(journalHandler).then(new ProcessorHandler(processor));
        final RingBuffer<InputSlot> ring = disruptor.start();
        publisher = new InputPublisher(ring, new OffsetEpochNanoClock());
    }

    /**
     * Builds and starts an engine.
     *
     * @param context configuration.
     * @param journal where inputs are written before they take effect; closed with the engine.
     * @param sinks   where outputs go, on the processor thread.
     * @return the running engine.
     */
    public static MarginEngine launch(final Context context, final InputJournal journal, final OutputSink... sinks)
    {
        return new MarginEngine(context, journal, sinks);
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
                return new BlockingWaitStrategy();
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

    /** @return inputs journaled so far. */
    public long journaled()
    {
        return journalHandler.journaled();
    }

    /** Processes everything published so far, stops the ring threads and closes the journal. */
    @Override
    public void close()
    {
        disruptor.shutdown();
        journal.close();
    }
}
