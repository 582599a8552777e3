package io.marginengine.journal.codec;

/**
 * A reusable holder for one decimal value, {@code mantissa / 10^scale}, filled by
 * {@link DecimalText#parse(CharSequence, MutableDecimal)}.
 * <p>
 * It exists so that parsing returns two numbers without allocating: the caller keeps one
 * instance and reads it after each call. It holds whatever was last set, including after
 * a failed parse (then its content is unspecified).
 */
public final class MutableDecimal
{
    private long mantissa;
    private int scale;

    /**
     * The unscaled value.
     *
     * @return the mantissa last set.
     */
    public long mantissa()
    {
        return mantissa;
    }

    /**
     * The number of decimal places.
     *
     * @return the scale last set.
     */
    public int scale()
    {
        return scale;
    }

    /**
     * Sets both parts at once, so the holder is never half updated.
     *
     * @param mantissa the unscaled value.
     * @param scale    the number of decimal places.
     * @return this holder, for chaining.
     */
    public MutableDecimal set(final long mantissa, final int scale)
    {
        this.mantissa = mantissa;
        this.scale = scale;
        return this;
    }

    /**
     * Shows the parts for test failure messages; not for production output
     * (use {@link DecimalText#format(long, int, StringBuilder)}).
     *
     * @return {@code mantissa e-scale}.
     */
    @Override
    public String toString()
    {
        return mantissa + "e-" + scale;
    }
}
