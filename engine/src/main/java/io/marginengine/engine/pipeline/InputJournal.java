package io.marginengine.engine.pipeline;

import io.marginengine.journal.JournalRecordHandler;
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

    /**
     * Hands every record from {@code fromIndex} to the last one to a handler, in journal order:
     * recovery replays the journal through the processor with it, before the engine takes any
     * new input. A journal that keeps no records (one that only counts) replays nothing, and
     * refuses when asked for records it has numbered.
     *
     * @param fromIndex the first journal index to deliver.
     * @param handler   receives each record.
     * @return records delivered.
     * @throws IllegalStateException when the journal does not hold the records asked for (older
     *                               ones deleted, or it cannot replay).
     */
    default long replay(final long fromIndex, final JournalRecordHandler handler)
    {
        if (fromIndex < nextIndex())
        {
            throw new IllegalStateException("this journal cannot replay: it numbered inputs up to " + (nextIndex() - 1) +
                " but keeps none of them");
        }
        return 0;
    }

    @Override
    void close();
}
