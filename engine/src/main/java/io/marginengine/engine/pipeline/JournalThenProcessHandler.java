package io.marginengine.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.marginengine.engine.ingress.InputSlot;

/**
 * The ring's only consumer when the engine runs on one consumer thread
 * ({@code Context.consumerThreads(1)}): for each Disruptor batch it journals every input
 * ({@link JournalHandler}), commits the batch to the journal, and only then hands the batch's
 * inputs, in ring order, to the processor ({@link ProcessorHandler}). An input still never takes
 * effect before it is journaled, and there is one thread hand-off fewer: on a machine with two
 * CPUs one of them is left to the producer, and this thread may spin.
 * <p>
 * The batch's slots are read again from the ring after the journal commit. They cannot have been
 * overwritten: the Disruptor moves this consumer's sequence, which gates the producers, only
 * after the last event of the batch returns.
 * <p>
 * A failure stops the ring: the engine's exception handler rethrows, so nothing after a failed
 * journal append or a failed input is processed (a handler that carried on would break the
 * journal-first rule; {@code MarginEngine} never installs one). A failure while processing is
 * rethrown naming the input it happened on, since the Disruptor reports the batch's last one.
 */
public final class JournalThenProcessHandler implements EventHandler<InputSlot>
{
    private static final long NONE = -1;

    private final JournalHandler journal;
    private final ProcessorHandler processor;
    private final RingBuffer<InputSlot> ring;
    private long batchStart = NONE;

    /**
     * @param journal   journals each input and commits at the end of each batch.
     * @param processor processes each input once its batch is committed.
     * @param ring      the ring this handler consumes.
     */
    public JournalThenProcessHandler(final JournalHandler journal, final ProcessorHandler processor, final RingBuffer<InputSlot> ring)
    {
        this.journal = journal;
        this.processor = processor;
        this.ring = ring;
    }

    @Override
    public void onStart()
    {
        journal.onStart();
        processor.onStart();
    }

    @Override
    public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
    {
        if (batchStart == NONE)
        {
            batchStart = sequence;
        }
        try
        {
            journal.onEvent(slot, sequence, endOfBatch);
        }
        catch (final RuntimeException | Error ex)
        {
            batchStart = NONE;
            throw ex;
        }
        if (endOfBatch)
        {
            final long first = batchStart;
            batchStart = NONE;
            for (long s = first; s <= sequence; s++)
            {
                final InputSlot input = ring.get(s);
                try
                {
                    processor.onEvent(input, s, s == sequence);
                }
                catch (final RuntimeException ex)
                {
                    throw new IllegalStateException("processing the input at ring sequence " + s + " (journal index " +
                        input.journalIndex() + ") failed: " + ex, ex);
                }
            }
        }
    }
}
