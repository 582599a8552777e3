package io.marginengine.journal.codec;

import org.agrona.MutableDirectBuffer;

/**
 * Exact conversion between decimal text and the fixed-point form of the event contract,
 * a signed 64-bit mantissa with a scale ({@code value = mantissa / 10^scale}).
 * <p>
 * Decimal text is {@code -?[0-9]+(\.[0-9]+)?}: no exponent, no {@code '+'}, no leading or
 * trailing dot, no spaces (docs/RULES.md section 1). Nothing here goes through binary
 * floating point, nothing rounds, and no method allocates on success, so the edge can
 * parse and print numbers on its hot path.
 * <p>
 * {@link Long#MIN_VALUE} is the SBE null mantissa ("absent"), so it is never a valid value:
 * parsing never produces it, and rescaling and formatting refuse it.
 */
public final class DecimalText
{
    /** The largest scale accepted by {@link #parse(CharSequence, MutableDecimal)}. */
    public static final int MAX_SCALE = 18;

    /** Status: the operation succeeded. */
    public static final int OK = 0;

    /** Status: the text is not of the form {@code -?[0-9]+(\.[0-9]+)?}. */
    public static final int MALFORMED = 1;

    /** Status: the value does not fit a signed 64-bit mantissa (other than the null value). */
    public static final int OVERFLOW = 2;

    /** Status: the text has more than {@link #MAX_SCALE} decimals. */
    public static final int SCALE_TOO_LARGE = 3;

    /** Status: a rescale would drop non-zero digits. */
    public static final int NOT_EXACT = 4;

    /**
     * Returned by {@link #rescale(long, int, int)} when the value cannot be represented at
     * the target scale; {@link #rescaleStatus(long, int, int)} says why. It is the SBE null
     * mantissa, which is never a valid value, so it cannot be mistaken for a result.
     */
    public static final long RESCALE_FAILED = Long.MIN_VALUE;

    private static final long[] POWERS_OF_TEN = powersOfTen();

    private DecimalText()
    {
    }

    /**
     * Parses a whole char sequence as decimal text.
     *
     * @param text the text, nothing else around it.
     * @param out  receives mantissa and scale on success.
     * @return {@link #OK}, {@link #MALFORMED}, {@link #OVERFLOW} or {@link #SCALE_TOO_LARGE}.
     * @see #parse(CharSequence, int, int, MutableDecimal)
     */
    public static int parse(final CharSequence text, final MutableDecimal out)
    {
        return parse(text, 0, text.length(), out);
    }

    /**
     * Parses {@code text[start, end)} as decimal text into mantissa and the scale as written
     * ({@code "00012.500"} gives 12500 at scale 3; {@code "-0"} gives 0 at scale 0).
     * <p>
     * Syntax is checked first, then the scale, then the 64-bit range, so a caller can tell a
     * typo from a number that is merely too big. Leading zeros do not count against the range.
     *
     * @param text  holds the text.
     * @param start index of the first character.
     * @param end   index one past the last character.
     * @param out   receives mantissa and scale on success; unspecified otherwise.
     * @return {@link #OK}, {@link #MALFORMED}, {@link #OVERFLOW} or {@link #SCALE_TOO_LARGE}.
     */
    public static int parse(final CharSequence text, final int start, final int end, final MutableDecimal out)
    {
        final boolean negative = start < end && text.charAt(start) == '-';
        final int digitsStart = negative ? start + 1 : start;
        long mantissa = 0;
        boolean overflow = false;
        int dot = -1;
        for (int i = digitsStart; i < end; i++)
        {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9')
            {
                final int digit = c - '0';
                if (mantissa > (Long.MAX_VALUE - digit) / 10)
                {
                    overflow = true;
                }
                else if (!overflow)
                {
                    mantissa = mantissa * 10 + digit;
                }
            }
            else if (c != '.' || dot >= 0 || i == digitsStart)
            {
                return MALFORMED;
            }
            else
            {
                dot = i;
            }
        }
        if (digitsStart == end || dot == end - 1)
        {
            return MALFORMED;
        }
        final int scale = dot < 0 ? 0 : end - dot - 1;
        if (scale > MAX_SCALE)
        {
            return SCALE_TOO_LARGE;
        }
        if (overflow)
        {
            return OVERFLOW;
        }
        out.set(negative ? -mantissa : mantissa, scale);
        return OK;
    }

    /**
     * Brings a value to another scale exactly. Trailing zeros beyond the target scale are
     * fine (60000.000 at scale 3 to scale 2 gives 6000000); any non-zero digit beyond it,
     * or a result outside the 64-bit range, fails.
     *
     * @param mantissa  the unscaled value; must not be {@link Long#MIN_VALUE}.
     * @param fromScale its scale, {@code >= 0}.
     * @param toScale   the wanted scale, {@code >= 0}.
     * @return the mantissa at {@code toScale}, or {@link #RESCALE_FAILED}.
     * @throws IllegalArgumentException if a scale is negative (a programming error).
     */
    public static long rescale(final long mantissa, final int fromScale, final int toScale)
    {
        if (fromScale < 0 || toScale < 0)
        {
            throw new IllegalArgumentException("scales must be >= 0: from " + fromScale + " to " + toScale);
        }
        if (mantissa == Long.MIN_VALUE)
        {
            return RESCALE_FAILED;
        }
        if (mantissa == 0 || fromScale == toScale)
        {
            return mantissa;
        }
        if (toScale > fromScale)
        {
            return scaleUp(mantissa, toScale - fromScale);
        }
        return scaleDown(mantissa, fromScale - toScale);
    }

    /**
     * Says why {@link #rescale(long, int, int)} failed (or that it did not), so the caller can
     * reject with the right reason: {@code BAD_NUMBER} for lost digits, {@code OVERFLOW} for range.
     *
     * @param mantissa  as given to {@code rescale}.
     * @param fromScale as given to {@code rescale}.
     * @param toScale   as given to {@code rescale}.
     * @return {@link #OK}, {@link #NOT_EXACT} or {@link #OVERFLOW} (also for the null mantissa).
     */
    public static int rescaleStatus(final long mantissa, final int fromScale, final int toScale)
    {
        if (rescale(mantissa, fromScale, toScale) != RESCALE_FAILED)
        {
            return OK;
        }
        return mantissa != Long.MIN_VALUE && toScale < fromScale ? NOT_EXACT : OVERFLOW;
    }

    /**
     * Appends the canonical text of a value: the shortest exact decimal, trailing zeros and a
     * bare dot removed, {@code "0"} for zero, {@code '-'} for negatives, never an exponent
     * ({@code 3000000000000 @ 8} is {@code "30000"}). This is the output form of docs/RULES.md.
     *
     * @param mantissa the unscaled value; must not be {@link Long#MIN_VALUE}.
     * @param scale    the number of decimals, {@code >= 0}.
     * @param out      receives the text.
     * @return {@code out}, for chaining.
     * @throws IllegalArgumentException for the null mantissa or a negative scale.
     */
    public static StringBuilder format(final long mantissa, final int scale, final StringBuilder out)
    {
        checkFormattable(mantissa, scale);
        long value = mantissa;
        int places = scale;
        while (places > 0 && value % 10 == 0)
        {
            value /= 10;
            places--;
        }
        if (value < 0)
        {
            out.append('-');
            value = -value;
        }
        out.append(integerPart(value, places));
        if (places > 0)
        {
            final long fraction = fractionPart(value, places);
            out.append('.');
            for (int zeros = places - digitCount(fraction); zeros > 0; zeros--)
            {
                out.append('0');
            }
            out.append(fraction);
        }
        return out;
    }

    /**
     * Writes the canonical text of {@link #format(long, int, StringBuilder)} as ASCII bytes,
     * for encoders that build output directly in a buffer.
     *
     * @param mantissa the unscaled value; must not be {@link Long#MIN_VALUE}.
     * @param scale    the number of decimals, {@code >= 0}.
     * @param buffer   receives the bytes; needs room for {@code 3 + max(19, scale)} bytes.
     * @param index    where the first byte goes.
     * @return the number of bytes written.
     * @throws IllegalArgumentException for the null mantissa or a negative scale.
     */
    public static int format(final long mantissa, final int scale, final MutableDirectBuffer buffer, final int index)
    {
        checkFormattable(mantissa, scale);
        long value = mantissa;
        int places = scale;
        while (places > 0 && value % 10 == 0)
        {
            value /= 10;
            places--;
        }
        int at = index;
        if (value < 0)
        {
            buffer.putByte(at++, (byte)'-');
            value = -value;
        }
        at += buffer.putNaturalLongAscii(at, integerPart(value, places));
        if (places > 0)
        {
            final long fraction = fractionPart(value, places);
            buffer.putByte(at++, (byte)'.');
            for (int zeros = places - digitCount(fraction); zeros > 0; zeros--)
            {
                buffer.putByte(at++, (byte)'0');
            }
            at += buffer.putNaturalLongAscii(at, fraction);
        }
        return at - index;
    }

    /**
     * Ten to a power, for callers that compare or scale values by hand.
     *
     * @param exponent 0 to {@link #MAX_SCALE}.
     * @return {@code 10^exponent}.
     */
    public static long powerOfTen(final int exponent)
    {
        return POWERS_OF_TEN[exponent];
    }

    private static long scaleUp(final long mantissa, final int places)
    {
        if (places > MAX_SCALE)
        {
            return RESCALE_FAILED;
        }
        final long factor = POWERS_OF_TEN[places];
        final long product = mantissa * factor;
        final boolean fits = Math.multiplyHigh(mantissa, factor) == (product >> 63) && product != Long.MIN_VALUE;
        return fits ? product : RESCALE_FAILED;
    }

    private static long scaleDown(final long mantissa, final int places)
    {
        // Every non-zero mantissa is below 10^19, so it cannot be a multiple of a larger power.
        if (places > MAX_SCALE)
        {
            return RESCALE_FAILED;
        }
        final long divisor = POWERS_OF_TEN[places];
        return mantissa % divisor == 0 ? mantissa / divisor : RESCALE_FAILED;
    }

    private static long integerPart(final long magnitude, final int places)
    {
        return places > MAX_SCALE ? 0 : magnitude / POWERS_OF_TEN[places];
    }

    private static long fractionPart(final long magnitude, final int places)
    {
        return places > MAX_SCALE ? magnitude : magnitude % POWERS_OF_TEN[places];
    }

    private static int digitCount(final long magnitude)
    {
        int digits = 1;
        while (digits <= MAX_SCALE && magnitude >= POWERS_OF_TEN[digits])
        {
            digits++;
        }
        return digits;
    }

    private static void checkFormattable(final long mantissa, final int scale)
    {
        if (mantissa == Long.MIN_VALUE)
        {
            throw new IllegalArgumentException("the null mantissa (Long.MIN_VALUE) is not a number");
        }
        if (scale < 0)
        {
            throw new IllegalArgumentException("scale must be >= 0: " + scale);
        }
    }

    private static long[] powersOfTen()
    {
        final long[] powers = new long[MAX_SCALE + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
