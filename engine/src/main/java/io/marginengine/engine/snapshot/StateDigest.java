package io.marginengine.engine.snapshot;

import net.openhft.hashing.LongTupleHashFunction;

/**
 * The digest of the engine's state: XXH3 128-bit (seed 0) over the canonical {@link StateImage}
 * of the state, whose sections and their order are drawn in {@code ProcessorState} and
 * docs/RECOVERY.md. Every byte of true state is in the image (used slots only: the digest
 * does not depend on unused capacity); scratch buffers and derived indexes are not.
 * Two engines that processed the same inputs from the same start have the same digest; a
 * digest that differs means the states differ.
 * <p>
 * Written as 32 lower-case hex digits, the high 64 bits first.
 */
public final class StateDigest
{
    private static final LongTupleHashFunction XXH3_128 = LongTupleHashFunction.xx128();

    private final long high;
    private final long low;

    /**
     * @param high the high 64 bits.
     * @param low  the low 64 bits.
     */
    public StateDigest(final long high, final long low)
    {
        this.high = high;
        this.low = low;
    }

    /**
     * Digests the written bytes of an image.
     *
     * @param image a state image.
     * @return its digest.
     */
    public static StateDigest of(final StateImage image)
    {
        final long[] result = new long[2];
        digest(image, result);
        return new StateDigest(result[1], result[0]);
    }

    /**
     * Digests the written bytes of an image into an array, without allocating.
     *
     * @param image  a state image.
     * @param result receives the low 64 bits at 0 and the high 64 bits at 1.
     */
    public static void digest(final StateImage image, final long[] result)
    {
        XXH3_128.hashMemory(image.buffer().addressOffset(), image.length(), result);
    }

    /**
     * Reads a digest written by {@link #toString()}.
     *
     * @param hex 32 hex digits.
     * @return the digest.
     * @throws IllegalArgumentException when the text is not 32 hex digits.
     */
    public static StateDigest parse(final String hex)
    {
        if (hex.length() != 32)
        {
            throw new IllegalArgumentException("state digest '" + hex + "' is not 32 hex digits");
        }
        try
        {
            return new StateDigest(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("state digest '" + hex + "' is not 32 hex digits", ex);
        }
    }

    /** @return the high 64 bits. */
    public long high()
    {
        return high;
    }

    /** @return the low 64 bits. */
    public long low()
    {
        return low;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof StateDigest && ((StateDigest)other).high == high && ((StateDigest)other).low == low;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(high * 31 + low);
    }

    /** @return 32 lower-case hex digits, high bits first. */
    @Override
    public String toString()
    {
        return String.format("%016x%016x", high, low);
    }
}
