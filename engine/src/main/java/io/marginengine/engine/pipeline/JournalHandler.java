package io.marginengine.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.marginengine.engine.ingress.InputSlot;

/**
 * First consumer of the ring: writes every input to the journal and stamps the slot with
 * its journal index. The processor handler runs strictly after it on each slot, so an input
 * never takes effect before it is journaled. At the end of each Disruptor batch the journal
 * is told, so it can make the whole batch visible at once.
 */
public final class JournalHandler implements EventHandler<InputSlot>
{
    private final InputJournal journal;
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private long journaled;

    /**
     * @param journal the input journal.
     */
    public JournalHandler(final InputJournal journal)
    {
        this.journal = journal;
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
        slot.journalIndex(journal.append(slot.buffer(), 0, slot.length(), slot.receiveTimeNs(), slot.sourcePosition()));
        journaled++;
        if (endOfBatch)
        {
            journal.endOfBatch();
        }
    }

    /** @return inputs journaled since start (read by the processor thread or monitoring). */
    public long journaled()
    {
        return journaled;
    }
}
