package io.marginengine.engine.pipeline;

import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalRecordHandler;
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

    /**
     * Reads the journal's queue from {@code fromIndex} to its last committed record. The first
     * record must carry {@code fromIndex} (the queue may start later when older files were
     * deleted) and the last must be the one before {@link #nextIndex()}.
     */
    @Override
    public long replay(final long fromIndex, final JournalRecordHandler handler)
    {
        final long end = writer.nextJournalIndex();
        if (fromIndex >= end)
        {
            return 0;
        }
        final long[] expected = {fromIndex};
        try (JournalReader reader = new JournalReader(writer.directory(), fromIndex))
        {
            final JournalRecordHandler checked = (index, receiveTime, buffer, offset, length) ->
            {
                if (index != expected[0])
                {
                    throw new IllegalStateException("journal " + writer.directory() + " cannot be replayed from index " +
                        fromIndex + ": the record after " + (expected[0] - 1) + " has index " + index +
                        " (older journal files deleted?)");
                }
                expected[0]++;
                handler.onRecord(index, receiveTime, buffer, offset, length);
            };
            while (expected[0] < end && reader.poll(checked, 4096) > 0)
            {
                Thread.onSpinWait();
            }
        }
        if (expected[0] != end)
        {
            throw new IllegalStateException("journal " + writer.directory() + " ended at index " + (expected[0] - 1) +
                " while replaying, but its writer continues at " + end);
        }
        return end - fromIndex;
    }

    @Override
    public void close()
    {
        endOfBatch();
        writer.close();
    }
}
