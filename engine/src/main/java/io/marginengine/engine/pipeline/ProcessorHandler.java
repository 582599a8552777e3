package io.marginengine.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.marginengine.engine.ingress.InputSlot;
import io.marginengine.engine.logic.MarginProcessor;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Second consumer of the ring, gated on the journal handler: hands each journaled input to
 * the single-threaded processor with its journal index, and after the last input of each
 * Disruptor batch calls its end-of-batch hook (monitoring counters are published there, once
 * a batch rather than once an input).
 */
public final class ProcessorHandler implements EventHandler<InputSlot>
{
    /** Called on the processor thread after the last input of each batch; must not block. */
    @FunctionalInterface
    public interface EndOfBatchHook
    {
        /** A hook that does nothing. */
        EndOfBatchHook NONE = sequence -> {};

        /**
         * @param sequence ring sequence of the batch's last input, processed.
         */
        void onEndOfBatch(long sequence);
    }

    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final MarginProcessor processor;
    private final EndOfBatchHook endOfBatch;
    private final InputLatencyListener latencyListener;
    private final EpochNanoClock clock;

    /**
     * @param processor the business-logic processor.
     */
    public ProcessorHandler(final MarginProcessor processor)
    {
        this(processor, EndOfBatchHook.NONE);
    }

    /**
     * @param processor  the business-logic processor.
     * @param endOfBatch called after the last input of each batch.
     */
    public ProcessorHandler(final MarginProcessor processor, final EndOfBatchHook endOfBatch)
    {
        this(processor, endOfBatch, null, null);
    }

    /**
     * @param processor       the business-logic processor.
     * @param endOfBatch      called after the last input of each batch.
     * @param latencyListener told each input's latency, or null for none.
     * @param clock           the clock the ring's producers stamp receive times with; read
     *                        only when there is a latency listener (the processor itself
     *                        never reads a clock).
     */
    public ProcessorHandler(
        final MarginProcessor processor, final EndOfBatchHook endOfBatch, final InputLatencyListener latencyListener,
        final EpochNanoClock clock)
    {
        this.processor = processor;
        this.endOfBatch = endOfBatch;
        this.latencyListener = latencyListener;
        this.clock = clock;
    }

    /** Counts down {@link #started()} once the ring thread runs this handler. */
    @Override
    public void onStart()
    {
        started.countDown();
    }

    /** @return counted down when the handler's thread has started (see {@code MarginEngine}). */
    public java.util.concurrent.CountDownLatch started()
    {
        return started;
    }

    @Override
    public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
    {
        processor.onInput(slot.journalIndex(), slot.buffer(), 0, slot.length());
        if (latencyListener != null)
        {
            latencyListener.onProcessed(clock.nanoTime() - slot.receiveTimeNs());
        }
        if (endOfBatch)
        {
            this.endOfBatch.onEndOfBatch(sequence);
        }
    }
}
