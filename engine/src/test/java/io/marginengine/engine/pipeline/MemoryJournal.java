package io.marginengine.engine.pipeline;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A journal in memory for tests: keeps a copy of every input, in order, and can be slowed
 * down to fill the ring.
 */
final class MemoryJournal implements InputJournal
{
    final List<byte[]> records = new ArrayList<>();
    private final long pauseEveryRecords;
    private long next;
    volatile boolean closed;

    MemoryJournal(final long pauseEveryRecords)
    {
        this.pauseEveryRecords = pauseEveryRecords;
    }

    @Override
    public long append(
        final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final long sourcePosition)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        synchronized (records)
        {
            records.add(copy);
        }
        if (pauseEveryRecords > 0 && next % pauseEveryRecords == 0)
        {
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return next++;
    }

    @Override
    public long nextIndex()
    {
        return next;
    }

    @Override
    public void close()
    {
        closed = true;
    }
}
