package io.marginengine.engine.pipeline;

import io.marginengine.journal.JournalWriter;
import org.agrona.DirectBuffer;

/**
 * The input journal on Chronicle Queue: each Disruptor batch of inputs is written as one
 * journal batch (one Chronicle document), committed at the end of the batch, before the
 * processor handler, which is gated on the journal handler, sees any input of it.
 * Durability is the {@link JournalWriter}'s: a committed batch survives a crash of the
 * process (it is in the OS page cache); it survives a power loss only with a sync policy
 * that msyncs.
 */
public final class ChronicleInputJournal implements InputJournal
{
    private final JournalWriter writer;

    /**
     * @param writer the journal writer; closed with this journal.
     */
    public ChronicleInputJournal(final JournalWriter writer)
    {
        this.writer = writer;
    }

    @Override
    public long append(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final long sourcePosition)
    {
        if (!writer.inBatch())
        {
            writer.beginBatch();
        }
        return writer.append(buffer, offset, length, receiveTimeNs, sourcePosition);
    }

    @Override
    public void endOfBatch()
    {
        if (writer.inBatch())
        {
            writer.commitBatch();
        }
    }

    @Override
    public long nextIndex()
    {
        return writer.nextJournalIndex();
    }

    @Override
    public void close()
    {
        endOfBatch();
        writer.close();
    }
}
