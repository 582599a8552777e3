package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/** Reads fields of an input that {@link InputDecoder} has accepted, bringing decimals to their scale. */
final class Fields
{
    private Fields()
    {
    }

    static long account(final JsonNode input)
    {
        return input.get("account").longValue();
    }

    static int instrument(final JsonNode input)
    {
        return input.get("instrument").intValue();
    }

    static boolean isBuy(final JsonNode input)
    {
        return "buy".equals(input.get("side").textValue());
    }

    static boolean has(final JsonNode input, final String field)
    {
        final JsonNode node = input.get(field);
        return node != null && !node.isNull();
    }

    /** A decimal field brought to {@code scale} ({@code BAD_NUMBER}, {@code OVERFLOW}). */
    static BigDecimal decimal(final JsonNode input, final String field, final int scale)
    {
        return Decimals.atScale(Decimals.value(input.get(field)), scale, field);
    }

    static BigDecimal money(final JsonNode input, final String field)
    {
        return decimal(input, field, Decimals.MONEY_SCALE);
    }

    static BigDecimal rate(final JsonNode input, final String field)
    {
        return decimal(input, field, Decimals.RATE_SCALE);
    }

    /** Throws {@code BAD_INPUT} with {@code reason} unless {@code condition}. */
    static void require(final boolean condition, final String reason)
    {
        if (!condition)
        {
            throw new Reject(RejectCode.BAD_INPUT, reason);
        }
    }

    /** Throws {@code code} with {@code reason} when {@code condition}. */
    static void refuseIf(final boolean condition, final RejectCode code, final String reason)
    {
        if (condition)
        {
            throw new Reject(code, reason);
        }
    }
}
