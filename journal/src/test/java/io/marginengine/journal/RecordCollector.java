package io.marginengine.journal;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of every record a reader delivers, for tests to compare.
 */
final class RecordCollector implements JournalRecordHandler
{
    final List<Long> indexes = new ArrayList<>();
    final List<Long> receiveTimes = new ArrayList<>();
    final List<byte[]> messages = new ArrayList<>();

    @Override
    public void onRecord(final long journalIndex, final long receiveTimeNs, final DirectBuffer buffer,
        final int offset, final int length)
    {
        indexes.add(journalIndex);
        receiveTimes.add(receiveTimeNs);
        final byte[] message = new byte[length];
        buffer.getBytes(offset, message);
        messages.add(message);
    }

    int size()
    {
        return indexes.size();
    }

    /**
     * Polls until the reader has nothing new.
     */
    RecordCollector drain(final JournalReader reader)
    {
        int read;
        do
        {
            read = reader.poll(this, 100);
        }
        while (read > 0);
        return this;
    }
}
