package io.marginengine.engine.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where every input is written before it takes effect. The journal gives each input a dense
 * index (0, 1, 2, ...) that outputs name as their cause and replay reproduces.
 */
public interface InputJournal extends AutoCloseable
{
    /**
     * Writes one input.
     *
     * @param buffer        holds the SBE message.
     * @param offset        where it starts.
     * @param length        its length.
     * @param receiveTimeNs  when it was received.
     * @param sourcePosition where an ingress read it from another process's queue, or
     *                       {@code JournalRecordDescriptor.NO_SOURCE_POSITION}.
     * @return its journal index.
     */
    long append(DirectBuffer buffer, int offset, int length, long receiveTimeNs, long sourcePosition);

    /**
     * The end of a batch of appends: a journal that buffers makes them visible (and, when so
     * configured, durable) here.
     */
    default void endOfBatch()
    {
    }

    /** @return the index the next append will get. */
    long nextIndex();

    @Override
    void close();
}
