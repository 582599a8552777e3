package io.marginengine.engine.logic;

import io.marginengine.engine.snapshot.StateImage;

/**
 * Margin-call deadlines in the order they fall due: a binary min-heap on
 * (deadline, account slot, instrument id; -1 for the cross ladder), in primitive arrays.
 * <p>
 * Entries are not removed when a call is cured; the processor checks each popped entry
 * against the ladder (still called, same deadline) and drops stale ones. When the heap is
 * full, stale entries are dropped first ({@link Validity}); if more than half of it is still
 * in use the arrays grow to twice the size, which allocates and so is reserved for more simultaneous calls
 * than planned (capacity: twice the accounts).
 */
public final class DeadlineQueue
{
    /** Tells whether an entry still stands for a called ladder. */
    public interface Validity
    {
        /**
         * @param deadline     the entry's deadline.
         * @param accountSlot  account slot.
         * @param instrumentId instrument id of an isolated ladder, -1 for cross.
         * @return true when the ladder is still in MARGIN_CALL with that deadline.
         */
        boolean isValid(long deadline, int accountSlot, int instrumentId);
    }

    private long[] deadlines;
    private int[] slots;
    private int[] instruments;
    private int size;

    /** Deadline of the last popped entry. */
    public long poppedDeadline;
    /** Account slot of the last popped entry. */
    public int poppedSlot;
    /** Instrument of the last popped entry, -1 for cross. */
    public int poppedInstrument;

    /**
     * @param capacity entries held before stale ones are dropped.
     */
    public DeadlineQueue(final int capacity)
    {
        deadlines = new long[capacity];
        slots = new int[capacity];
        instruments = new int[capacity];
    }

    /** @return entries held, stale ones included. */
    public int size()
    {
        return size;
    }

    /** @return entries the arrays hold before they must grow. */
    public int capacity()
    {
        return deadlines.length;
    }

    /** @return true when there is no entry. */
    public boolean isEmpty()
    {
        return size == 0;
    }

    /** @return the earliest deadline; only when not empty. */
    public long peekDeadline()
    {
        return deadlines[0];
    }

    /**
     * Adds an entry.
     *
     * @param deadline     deadline.
     * @param accountSlot  account slot.
     * @param instrumentId instrument id, -1 for cross.
     * @param validity     used to drop stale entries when full.
     */
    public void push(final long deadline, final int accountSlot, final int instrumentId, final Validity validity)
    {
        if (size == deadlines.length)
        {
            compact(validity);
            if (size > deadlines.length / 2)
            {
                grow();
            }
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!less(deadline, accountSlot, instrumentId, parent))
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, deadline, accountSlot, instrumentId);
    }

    /** Removes the earliest entry into the {@code popped*} fields; only when not empty. */
    public void pop()
    {
        poppedDeadline = deadlines[0];
        poppedSlot = slots[0];
        poppedInstrument = instruments[0];
        final int last = --size;
        if (last > 0)
        {
            siftDown(0, deadlines[last], slots[last], instruments[last]);
        }
    }

    private void siftDown(final int from, final long d, final int s, final int inst)
    {
        int i = from;
        final int half = size >>> 1;
        while (i < half)
        {
            int child = 2 * i + 1;
            final int right = child + 1;
            if (right < size && lessAt(right, child))
            {
                child = right;
            }
            if (!less(deadlines[child], slots[child], instruments[child], d, s, inst))
            {
                break;
            }
            move(child, i);
            i = child;
        }
        set(i, d, s, inst);
    }

    private void compact(final Validity validity)
    {
        int kept = 0;
        for (int i = 0; i < size; i++)
        {
            if (validity.isValid(deadlines[i], slots[i], instruments[i]))
            {
                move(i, kept++);
            }
        }
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--)
        {
            siftDown(i, deadlines[i], slots[i], instruments[i]);
        }
    }

    private void grow()
    {
        final int capacity = Math.max(16, deadlines.length * 2);
        deadlines = java.util.Arrays.copyOf(deadlines, capacity);
        slots = java.util.Arrays.copyOf(slots, capacity);
        instruments = java.util.Arrays.copyOf(instruments, capacity);
    }

    /**
     * Appends the heap to a state image: the entry count, then each entry in array order
     * (deadline, then account slot and instrument id in one long). Stale entries are kept:
     * they decide when the heap is compacted, so a restored heap must be the same array.
     *
     * @param image where it goes.
     */
    void writeTo(final StateImage image)
    {
        image.putLong(size);
        for (int i = 0; i < size; i++)
        {
            image.putLong(deadlines[i]).putLong(((long)slots[i] << 32) | (instruments[i] & 0xFFFF_FFFFL));
        }
    }

    /**
     * Replaces the heap by the one {@link #writeTo} wrote, growing the arrays (which
     * allocates) when it holds more entries than they do.
     *
     * @param image positioned at it.
     */
    void readFrom(final StateImage image)
    {
        final int n = (int)image.getLong("the deadline count", 0, (image.remaining() - Long.BYTES) / (2 * Long.BYTES));
        while (n > deadlines.length)
        {
            grow();
        }
        for (int i = 0; i < n; i++)
        {
            deadlines[i] = image.getLong("a deadline");
            final long ids = image.getLong("the ladder of a deadline");
            slots[i] = (int)(ids >> 32);
            instruments[i] = (int)ids;
        }
        size = n;
    }

    /**
     * @param entries entries held.
     * @return bytes {@link #writeTo} needs for them.
     */
    static long imageLength(final int entries)
    {
        return Long.BYTES + 2L * Long.BYTES * entries;
    }

    private boolean less(final long d, final int s, final int inst, final int at)
    {
        return less(d, s, inst, deadlines[at], slots[at], instruments[at]);
    }

    private boolean lessAt(final int a, final int b)
    {
        return less(deadlines[a], slots[a], instruments[a], deadlines[b], slots[b], instruments[b]);
    }

    private static boolean less(final long d1, final int s1, final int i1, final long d2, final int s2, final int i2)
    {
        if (d1 != d2)
        {
            return d1 < d2;
        }
        if (s1 != s2)
        {
            return s1 < s2;
        }
        return i1 < i2;
    }

    private void move(final int from, final int to)
    {
        set(to, deadlines[from], slots[from], instruments[from]);
    }

    private void set(final int i, final long d, final int s, final int inst)
    {
        deadlines[i] = d;
        slots[i] = s;
        instruments[i] = inst;
    }
}
