package io.marginengine.journal;

import org.agrona.DirectBuffer;

/**
 * Receives the records a {@link JournalReader} reads, one call per record, in journal order.
 */
@FunctionalInterface
public interface JournalRecordHandler
{
    /**
     * One record. The buffer is a view of the mapped queue file, valid only during this call:
     * decode from it, or copy out what must outlive the call; never keep the buffer.
     *
     * @param journalIndex  the record's journal index (dense from 0).
     * @param receiveTimeNs the receive time the writer was given for it.
     * @param buffer        holds the SBE message, header first.
     * @param offset        where the message starts in {@code buffer}.
     * @param length        the message length in bytes.
     */
    void onRecord(long journalIndex, long receiveTimeNs, DirectBuffer buffer, int offset, int length);
}
