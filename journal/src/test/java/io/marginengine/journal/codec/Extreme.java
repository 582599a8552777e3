package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.LadderStatus;
import io.marginengine.journal.sbe.MarginMode;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.Side;

/**
 * The two ends of every field's range, for round-trip tests. Field number {@code k} of a
 * kind gets a value distinct from its neighbours, so a writer that swaps two fields fails.
 * <ul>
 *   <li>HIGH: int64 {@code Long.MAX_VALUE - k}, int32 {@code Integer.MAX_VALUE - k}, uint8
 *   {@code 254 - k}, decimals {@code Long.MAX_VALUE} at scale {@code 18 - k}, optionals
 *   present, 12 tiers, 3 positions (the second without liquidation and bankruptcy price),
 *   a 16-character symbol and a 200-character reason.</li>
 *   <li>LOW: int64 {@code Long.MIN_VALUE + 1 + k}, int32 {@code Integer.MIN_VALUE + 1 + k},
 *   uint8 {@code k}, decimals {@code Long.MIN_VALUE + 1} at scale {@code k}, optionals
 *   null, no tiers, no positions, empty strings.</li>
 * </ul>
 */
enum Extreme
{
    HIGH, LOW;

    static final String LONG_REASON = "say \"no\" \\ then\ttab; " + "x".repeat(179);

    long int64(final int k)
    {
        return this == HIGH ? Long.MAX_VALUE - k : Long.MIN_VALUE + 1 + k;
    }

    long optionalInt64(final int k)
    {
        return this == HIGH ? int64(k) : Long.MIN_VALUE;
    }

    int int32(final int k)
    {
        return this == HIGH ? Integer.MAX_VALUE - k : Integer.MIN_VALUE + 1 + k;
    }

    int optionalInt32(final int k)
    {
        return this == HIGH ? int32(k) : Integer.MIN_VALUE;
    }

    short uint8(final int k)
    {
        return (short)(this == HIGH ? 254 - k : k);
    }

    long mantissa()
    {
        return this == HIGH ? Long.MAX_VALUE : Long.MIN_VALUE + 1;
    }

    long optionalMantissa()
    {
        return this == HIGH ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    short scale(final int k)
    {
        return (short)(this == HIGH ? 18 - k : k);
    }

    /** The scale of an optional decimal: 0 when it is absent, the canonical null. */
    short optionalScale(final int k)
    {
        return this == HIGH ? scale(k) : 0;
    }

    BooleanType flag()
    {
        return this == HIGH ? BooleanType.TRUE : BooleanType.FALSE;
    }

    BooleanType optionalFlag()
    {
        return this == HIGH ? BooleanType.TRUE : BooleanType.NULL_VAL;
    }

    Side side()
    {
        return this == HIGH ? Side.SELL : Side.BUY;
    }

    MarginMode mode()
    {
        return this == HIGH ? MarginMode.ISOLATED : MarginMode.CROSS;
    }

    LadderStatus status()
    {
        return this == HIGH ? LadderStatus.LIQUIDATING : LadderStatus.NORMAL;
    }

    RejectCode code()
    {
        return this == HIGH ? RejectCode.ACCEPTED : RejectCode.BAD_INPUT;
    }

    int inputType()
    {
        return this == HIGH ? 15 : 1;
    }

    int tiers()
    {
        return this == HIGH ? 12 : 0;
    }

    int positions()
    {
        return this == HIGH ? 3 : 0;
    }

    String symbol()
    {
        return this == HIGH ? "ABCDEFGHIJKLMNOP" : "";
    }

    String reason()
    {
        return this == HIGH ? LONG_REASON : "";
    }

    /** Whether position {@code p} carries liquidation and bankruptcy prices. */
    boolean hasPrices(final int p)
    {
        return p != 1;
    }
}
