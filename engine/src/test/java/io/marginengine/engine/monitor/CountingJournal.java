package io.marginengine.engine.monitor;

import io.marginengine.engine.pipeline.InputJournal;

import org.agrona.DirectBuffer;

/**
 * A journal for tests that only counts: dense indexes, nothing stored.
 */
public final class CountingJournal implements InputJournal
{
    private long nextIndex;

    /** A journal whose first input gets index 0. */
    public CountingJournal()
    {
        this(0);
    }

    /**
     * @param firstIndex the index the first append gets, 0 or more.
     */
    public CountingJournal(final long firstIndex)
    {
        if (firstIndex < 0)
        {
            throw new IllegalArgumentException("first journal index " + firstIndex + " is invalid: expected 0 or more");
        }
        nextIndex = firstIndex;
    }

    /** Counts the input and returns its index; the bytes are not kept. */
    @Override
    public long append(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs, final long sourcePosition)
    {
        return nextIndex++;
    }

    @Override
    public long nextIndex()
    {
        return nextIndex;
    }

    /** Nothing to release. */
    @Override
    public void close()
    {
    }
}
