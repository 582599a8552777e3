package io.marginengine.engine.logic;

import io.marginengine.journal.codec.DecimalText;
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
    public static final int MAX_SCALE = DecimalText.MAX_SCALE;

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
        return DecimalText.powerOfTen(exponent);
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
        final long result = DecimalText.rescale(mantissa, from, scale);
        if (result == DecimalText.RESCALE_FAILED)
        {
            final boolean lostDigits = DecimalText.rescaleStatus(mantissa, from, scale) == DecimalText.NOT_EXACT;
            rejection.reason().append(input).append(" field '").append(field).append("' value ")
                .appendDecimal(mantissa, from).append(lostDigits ? " has more than " : " is too large at ")
                .append(scale).append(" decimals");
            throw rejection.reject(lostDigits ? RejectCode.BAD_NUMBER : RejectCode.OVERFLOW);
        }
        return result;
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
