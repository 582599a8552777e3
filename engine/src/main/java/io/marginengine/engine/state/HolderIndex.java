package io.marginengine.engine.state;

/**
 * Which accounts hold a position record on each instrument: one bit per (instrument slot,
 * account slot), so that a sweep over an instrument's holders visits them in account slot
 * order (the global evaluation order of docs/RULES.md section 4) without touching the
 * records of accounts that do not hold it.
 * <p>
 * A set bit means the account has a position record on the instrument (it may be flat: an
 * isolated position keeps its record); a sweep still checks the quantity. The bits are
 * derived from the account records, kept in step by {@link AccountStore} as positions are
 * inserted, removed and restored, and never saved on their own.
 * <pre>
 *   bits[instrumentSlot * words + (accountSlot >>> 6)]  bit (accountSlot &amp; 63)
 * </pre>
 * Preallocated: maxInstruments x ceil(maxAccounts / 64) longs.
 */
public final class HolderIndex
{
    /** Returned by {@link #next} when no holder is left. */
    public static final int NONE = -1;

    private final long[] bits;
    private final int words;

    /**
     * @param maxAccounts    account slots.
     * @param maxInstruments instrument slots.
     */
    public HolderIndex(final int maxAccounts, final int maxInstruments)
    {
        words = (maxAccounts + 63) >>> 6;
        final long longs = (long)words * maxInstruments;
        if (longs > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("the holder index of " + maxAccounts + " accounts x " + maxInstruments +
                " instruments needs " + (longs * 8 >> 20) + " MiB, more than one array holds; lower maxAccounts or maxInstruments");
        }
        bits = new long[(int)longs];
    }

    /** Forgets every holder (before the account store is rebuilt from a state image). */
    public void clear()
    {
        java.util.Arrays.fill(bits, 0L);
    }

    /**
     * @param instrumentSlot instrument store slot.
     * @param accountSlot    account store slot.
     */
    public void add(final int instrumentSlot, final int accountSlot)
    {
        bits[instrumentSlot * words + (accountSlot >>> 6)] |= 1L << accountSlot;
    }

    /**
     * @param instrumentSlot instrument store slot.
     * @param accountSlot    account store slot.
     */
    public void remove(final int instrumentSlot, final int accountSlot)
    {
        bits[instrumentSlot * words + (accountSlot >>> 6)] &= ~(1L << accountSlot);
    }

    /**
     * @param instrumentSlot instrument store slot.
     * @param accountSlot    account store slot.
     * @return whether the account holds a position record on the instrument.
     */
    public boolean holds(final int instrumentSlot, final int accountSlot)
    {
        return (bits[instrumentSlot * words + (accountSlot >>> 6)] & (1L << accountSlot)) != 0;
    }

    /**
     * The first holder at or after a slot: iterate with
     * {@code for (int s = next(i, 0, n); s != NONE; s = next(i, s + 1, n))}.
     *
     * @param instrumentSlot instrument store slot.
     * @param fromSlot       first account slot to consider.
     * @param limit          account slots in use; holders at or past it are not returned.
     * @return the holder's account slot, or {@link #NONE}.
     */
    public int next(final int instrumentSlot, final int fromSlot, final int limit)
    {
        if (fromSlot >= limit)
        {
            return NONE;
        }
        final int base = instrumentSlot * words;
        int w = fromSlot >>> 6;
        final int lastWord = (limit - 1) >>> 6;
        long word = bits[base + w] & (-1L << fromSlot);
        while (true)
        {
            if (word != 0)
            {
                final int slot = (w << 6) + Long.numberOfTrailingZeros(word);
                return slot < limit ? slot : NONE;
            }
            if (++w > lastWord)
            {
                return NONE;
            }
            word = bits[base + w];
        }
    }
}
