package io.marginengine.engine.ingress;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.marginengine.journal.JournalRecordDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Puts inputs, already in the binary form of the event contract, on the ring. Safe for
 * several producer threads (the ring is a multi-producer Disruptor); copies the bytes into a
 * preallocated slot, so publishing allocates nothing. When the ring is full,
 * {@link #publish} waits for room: a full ring slows producers, it never drops or reorders
 * an input. {@link #tryPublish} returns false instead of waiting.
 */
public final class InputPublisher
{
    private final RingBuffer<InputSlot> ring;
    private final EpochNanoClock clock;

    /**
     * @param ring  the input ring.
     * @param clock the receive-time clock (inputs carry their own {@code ts}; this only
     *              stamps the journal record).
     */
    public InputPublisher(final RingBuffer<InputSlot> ring, final EpochNanoClock clock)
    {
        this.ring = ring;
        this.clock = clock;
    }

    /**
     * Publishes one input, waiting while the ring is full.
     *
     * @param buffer holds the SBE message (header and body).
     * @param offset where it starts.
     * @param length its length, at most {@link InputSlot#CAPACITY}.
     */
    public void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        publish(buffer, offset, length, JournalRecordDescriptor.NO_SOURCE_POSITION);
    }

    /**
     * Publishes one input an ingress read from another process's queue, waiting while the
     * ring is full; the position goes into the journal with it.
     *
     * @param buffer         holds the SBE message.
     * @param offset         where it starts.
     * @param length         its length, at most {@link InputSlot#CAPACITY}.
     * @param sourcePosition where it was read from.
     */
    public void publish(final DirectBuffer buffer, final int offset, final int length, final long sourcePosition)
    {
        checkLength(length);
        final long sequence = ring.next();
        fill(sequence, buffer, offset, length, sourcePosition);
    }

    /**
     * Publishes one input if the ring has room now.
     *
     * @param buffer holds the SBE message.
     * @param offset where it starts.
     * @param length its length, at most {@link InputSlot#CAPACITY}.
     * @return false when the ring was full and nothing was published.
     */
    public boolean tryPublish(final DirectBuffer buffer, final int offset, final int length)
    {
        checkLength(length);
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        fill(sequence, buffer, offset, length, JournalRecordDescriptor.NO_SOURCE_POSITION);
        return true;
    }

    private void fill(final long sequence, final DirectBuffer buffer, final int offset, final int length, final long sourcePosition)
    {
        try
        {
            final InputSlot slot = ring.get(sequence);
            slot.buffer().putBytes(0, buffer, offset, length);
            slot.set(length, clock.nanoTime(), sourcePosition);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    private static void checkLength(final int length)
    {
        if (length <= 0 || length > InputSlot.CAPACITY)
        {
            throw new IllegalArgumentException("input of " + length + " bytes does not fit a ring slot of " + InputSlot.CAPACITY + " bytes");
        }
    }

    /** @return slots free on the ring now (for monitoring). */
    public long remainingCapacity()
    {
        return ring.remainingCapacity();
    }
}
