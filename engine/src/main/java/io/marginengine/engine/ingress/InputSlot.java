package io.marginengine.engine.ingress;

import io.marginengine.journal.JournalRecordDescriptor;
import io.marginengine.journal.codec.MessageTypes;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One slot of the input ring: a fixed-size buffer holding one input in the binary form of
 * the event contract (SBE header and body), its length, the time it was received, and the
 * journal index the journal handler gives it. Slots are allocated once, when the ring is
 * built, and reused for every input.
 */
public final class InputSlot
{
    /** Bytes a slot holds: the largest input of the contract. */
    public static final int CAPACITY = MessageTypes.MAX_INPUT_LENGTH;
    /** Journal index of a slot the journal has not yet written. */
    public static final long NOT_JOURNALED = -1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
    private int length;
    private long receiveTimeNs;
    private long journalIndex = NOT_JOURNALED;
    private long sourcePosition = JournalRecordDescriptor.NO_SOURCE_POSITION;

    /** @return the slot's buffer; the message starts at 0. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return bytes of the message. */
    public int length()
    {
        return length;
    }

    /** @return when the input was received, ns (from the publisher's clock, never the processor's). */
    public long receiveTimeNs()
    {
        return receiveTimeNs;
    }

    /** @return the index the journal gave the input, or {@link #NOT_JOURNALED}. */
    public long journalIndex()
    {
        return journalIndex;
    }

    /**
     * Fills the slot from a publisher.
     *
     * @param length        bytes already copied into {@link #buffer()}.
     * @param receiveTimeNs receive time.
     */
    public void set(final int length, final long receiveTimeNs)
    {
        set(length, receiveTimeNs, JournalRecordDescriptor.NO_SOURCE_POSITION);
    }

    /**
     * Fills the slot from an ingress that read the input from another process's queue.
     *
     * @param length         bytes already copied into {@link #buffer()}.
     * @param receiveTimeNs  receive time.
     * @param sourcePosition where it was read from (journaled, so the ingress can resume).
     */
    public void set(final int length, final long receiveTimeNs, final long sourcePosition)
    {
        this.length = length;
        this.receiveTimeNs = receiveTimeNs;
        this.sourcePosition = sourcePosition;
        this.journalIndex = NOT_JOURNALED;
    }

    /** @return where an ingress read the input from, or {@link JournalRecordDescriptor#NO_SOURCE_POSITION}. */
    public long sourcePosition()
    {
        return sourcePosition;
    }

    /**
     * Records the journal index, once written.
     *
     * @param journalIndex index.
     */
    public void journalIndex(final long journalIndex)
    {
        this.journalIndex = journalIndex;
    }
}
