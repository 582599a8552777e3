package io.marginengine.engine.pipeline;

import org.agrona.DirectBuffer;

/**
 * An input journal that assigns dense indexes (0, 1, 2, ...) and stores nothing.
 * <p>
 * A stand-in until the Chronicle Queue journal ({@code ChronicleInputJournal}) lands: it lets
 * the engine process run with the real ring, handlers and index numbering, but an input it
 * "journals" survives nothing, neither a restart nor a crash, and a restart numbers inputs
 * from {@code firstIndex} again. Use it only where losing the inputs is acceptable.
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
    public long append(final DirectBuffer buffer, final int offset, final int length, final long receiveTimeNs)
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
