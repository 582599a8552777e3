package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Exact decimal helpers: parsing JSON decimals, bringing a value to the scale of its field
 * (RULES section 1), the 64-bit range check, money rounding and canonical output text.
 */
final class Decimals
{
    /** Money: balances, PnL, margin, fees, the fund, tier floors. */
    static final int MONEY_SCALE = 8;
    /** Rates, levels, multipliers. */
    static final int RATE_SCALE = 8;

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private Decimals()
    {
    }

    /**
     * Reads a decimal field already accepted by {@link InputDecoder}: a string of decimal
     * text or a JSON number, exactly.
     */
    static BigDecimal value(final JsonNode node)
    {
        if (node.isTextual())
        {
            return new BigDecimal(node.textValue());
        }
        if (node.isIntegralNumber())
        {
            return new BigDecimal(node.bigIntegerValue());
        }
        if (node.isBigDecimal())
        {
            return node.decimalValue();
        }
        // A binary float reached us; read its shortest text, never its binary value.
        return BigDecimal.valueOf(node.doubleValue());
    }

    /** True when {@code node} holds decimal text or a finite JSON number. */
    static boolean isDecimal(final JsonNode node)
    {
        if (node.isTextual())
        {
            return DECIMAL_TEXT.matcher(node.textValue()).matches();
        }
        if (node.isIntegralNumber() || node.isBigDecimal())
        {
            return true;
        }
        return node.isNumber() && Double.isFinite(node.doubleValue());
    }

    /**
     * The mantissa of a decimal as the sender wrote it (trailing fractional zeros dropped)
     * fits the 64-bit mantissa of the SBE {@code Decimal}.
     */
    static boolean fitsWireDecimal(final BigDecimal v)
    {
        BigDecimal stripped = v.stripTrailingZeros();
        if (stripped.scale() < 0)
        {
            stripped = stripped.setScale(0, RoundingMode.UNNECESSARY);
        }
        return fitsUnscaled(stripped.unscaledValue());
    }

    /** The scale the sender wrote once trailing fractional zeros are dropped. */
    static int wireScale(final BigDecimal v)
    {
        return Math.max(0, v.stripTrailingZeros().scale());
    }

    /**
     * Brings {@code v} to {@code scale} exactly: a non-zero digit past the scale is
     * {@code BAD_NUMBER}, a mantissa outside the signed 64-bit range is {@code OVERFLOW}.
     */
    static BigDecimal atScale(final BigDecimal v, final int scale, final String field)
    {
        final BigDecimal scaled;
        try
        {
            scaled = v.setScale(scale, RoundingMode.UNNECESSARY);
        }
        catch (final ArithmeticException e)
        {
            throw new Reject(RejectCode.BAD_NUMBER,
                field + " " + v.toPlainString() + " has more than " + scale + " decimal places");
        }
        if (!fitsUnscaled(scaled.unscaledValue()))
        {
            throw new Reject(RejectCode.OVERFLOW,
                field + " " + v.toPlainString() + " does not fit a 64-bit value at scale " + scale);
        }
        return scaled;
    }

    /** {@code v}, held at {@code scale} (exact), fits a signed 64-bit mantissa other than Long.MIN_VALUE. */
    static boolean fits(final BigDecimal v, final int scale)
    {
        return fitsUnscaled(v.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue());
    }

    private static boolean fitsUnscaled(final BigInteger unscaled)
    {
        return unscaled.abs().compareTo(LONG_MAX) <= 0;
    }

    /** Rounds up (toward +infinity) to the money unit 1e-8. */
    static BigDecimal ceilMoney(final BigDecimal v)
    {
        return v.setScale(MONEY_SCALE, RoundingMode.CEILING);
    }

    /** Rounds down (toward -infinity) to the money unit 1e-8. */
    static BigDecimal floorMoney(final BigDecimal v)
    {
        return v.setScale(MONEY_SCALE, RoundingMode.FLOOR);
    }

    /** Zero at the money scale. */
    static BigDecimal zeroMoney()
    {
        return BigDecimal.ZERO.setScale(MONEY_SCALE);
    }

    /** The canonical output text: shortest exact decimal, no exponent, "0" for zero. */
    static String text(final BigDecimal v)
    {
        if (v.signum() == 0)
        {
            return "0";
        }
        return v.stripTrailingZeros().toPlainString();
    }
}
