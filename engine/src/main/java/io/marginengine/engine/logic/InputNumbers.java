package io.marginengine.engine.logic;

import io.marginengine.journal.sbe.DecimalDecoder;
import io.marginengine.journal.sbe.RejectCode;

/**
 * Brings the decimals of an input (mantissa and the scale the sender used) to the scale of
 * their field exactly, refusing what cannot be represented: a missing value, a non-zero digit
 * past the field's scale ({@code BAD_NUMBER}, never rounded), or a value too large for 64 bits
 * ({@code OVERFLOW}). Trailing zeros past the scale are fine (docs/RULES.md section 1).
 */
public final class InputNumbers
{
    /** Largest scale a sender may use. */
    public static final int MAX_SCALE = 18;
    private static final long[] POWERS_OF_TEN = new long[MAX_SCALE + 1];

    static
    {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final Rejection rejection;

    /**
     * @param rejection where refusals are written.
     */
    public InputNumbers(final Rejection rejection)
    {
        this.rejection = rejection;
    }

    /**
     * @param exponent 0..18.
     * @return 10^exponent.
     */
    public static long pow10(final int exponent)
    {
        return POWERS_OF_TEN[exponent];
    }

    /**
     * @param decimal the field.
     * @return true when the sender left it out.
     */
    public static boolean isAbsent(final DecimalDecoder decimal)
    {
        return decimal.mantissa() == DecimalDecoder.mantissaNullValue();
    }

    /**
     * The field at {@code scale}, which must be present.
     *
     * @param decimal the field.
     * @param scale   target scale.
     * @param input   input type name, for the sentence.
     * @param field   field name, for the sentence.
     * @return the value at {@code scale}.
     */
    public long value(final DecimalDecoder decimal, final int scale, final String input, final String field)
    {
        final long mantissa = decimal.mantissa();
        final int from = decimal.scale();
        if (mantissa == DecimalDecoder.mantissaNullValue())
        {
            rejection.reason().append(input).append(" field '").append(field).append("' is missing");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (from > MAX_SCALE)
        {
            rejection.reason().append(input).append(" field '").append(field).append("' has scale ").append(from)
                .append("; at most ").append(MAX_SCALE).append(" decimals are accepted");
            throw rejection.reject(RejectCode.BAD_NUMBER);
        }
        if (from == scale)
        {
            return mantissa;
        }
        if (from < scale)
        {
            final long factor = POWERS_OF_TEN[scale - from];
            final long result = mantissa * factor;
            if (Math.multiplyHigh(mantissa, factor) != (result >> 63) || result == Long.MIN_VALUE)
            {
                rejection.reason().append(input).append(" field '").append(field).append("' value ")
                    .appendDecimal(mantissa, from).append(" is too large");
                throw rejection.reject(RejectCode.OVERFLOW);
            }
            return result;
        }
        final long divisor = POWERS_OF_TEN[from - scale];
        if (mantissa % divisor != 0)
        {
            rejection.reason().append(input).append(" field '").append(field).append("' value ")
                .appendDecimal(mantissa, from).append(" has more than ").append(scale).append(" decimals");
            throw rejection.reject(RejectCode.BAD_NUMBER);
        }
        return mantissa / divisor;
    }

    /**
     * Like {@link #value} but the result must be above zero.
     *
     * @param decimal the field.
     * @param scale   target scale.
     * @param input   input type name.
     * @param field   field name.
     * @return the value.
     */
    public long positive(final DecimalDecoder decimal, final int scale, final String input, final String field)
    {
        final long v = value(decimal, scale, input, field);
        if (v <= 0)
        {
            rejection.reason().append(input).append(" field '").append(field).append("' value ")
                .appendDecimal(v, scale).append(" must be greater than zero");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        return v;
    }

    /**
     * The field at {@code scale}, or {@code absent} when left out.
     *
     * @param decimal the field.
     * @param scale   target scale.
     * @param input   input type name.
     * @param field   field name.
     * @param absent  what an absent field means.
     * @return the value.
     */
    public long optional(final DecimalDecoder decimal, final int scale, final String input, final String field, final long absent)
    {
        return isAbsent(decimal) ? absent : value(decimal, scale, input, field);
    }
}
