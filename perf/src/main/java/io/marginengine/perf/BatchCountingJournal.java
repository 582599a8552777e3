package io.marginengine.perf;

import io.marginengine.engine.pipeline.InputJournal;
import org.agrona.DirectBuffer;

/**
 * An input journal that counts the batches the journal handler commits (one per Disruptor
 * batch) and hands everything to the real journal: the pipeline benchmark reports inputs per
 * journal batch with it, which says how much the batching of the journal saves under load.
 * The counter is written by the journal thread only and read by others.
 */
public final class BatchCountingJournal implements InputJournal
{
    private final InputJournal journal;
    private volatile long batches;

    /**
     * @param journal the journal that does the work; closed with this one.
     */
    public BatchCountingJournal(final InputJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public long append(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final long sourcePosition)
    {
        return journal.append(buffer, offset, length, receiveTimeNs, sourcePosition);
    }

    @Override
    public void endOfBatch()
    {
        journal.endOfBatch();
        batches = batches + 1;
    }

    @Override
    public long nextIndex()
    {
        return journal.nextIndex();
    }

    @Override
    public void close()
    {
        journal.close();
    }

    /** @return batches committed so far. */
    public long batches()
    {
        return batches;
    }
}
