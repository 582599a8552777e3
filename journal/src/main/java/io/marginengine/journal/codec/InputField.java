package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.BooleanType;

/**
 * The fields an input line may carry (SPEC section 6, docs/RULES.md section 7): one small
 * integer id per JSON field name, its kind, what a person should have written, and the value
 * it takes when an optional field is left out.
 * <p>
 * A field name has the same kind in every input type, so a line can be read into one table
 * before its type is known; each type then picks the fields it needs
 * ({@link InputMessageEncoder}).
 */
final class InputField
{
    static final int UNKNOWN = -1;

    static final int TS = 0;
    static final int SEQ = 1;
    static final int SOURCE = 2;
    static final int ACCOUNT = 3;
    static final int INSTRUMENT = 4;
    static final int ORDER_ID = 5;
    static final int PRICE_SCALE = 6;
    static final int QTY_SCALE = 7;
    static final int STALE_AFTER_NS = 8;
    static final int CALL_GRACE_NS = 9;
    static final int QTY = 10;
    static final int PRICE = 11;
    static final int FEE = 12;
    static final int AMOUNT = 13;
    static final int RATE = 14;
    static final int MULTIPLIER = 15;
    static final int LIQUIDATION_FEE_RATE = 16;
    static final int MAX_MARK_MOVE_RATE = 17;
    static final int CALL_LEVEL = 18;
    static final int LIQUIDATION_LEVEL = 19;
    static final int CURE_LEVEL = 20;
    static final int SIDE = 21;
    static final int MODE = 22;
    static final int LIQUIDATION = 23;
    static final int PARTIAL_LIQUIDATION = 24;
    static final int SYMBOL = 25;
    static final int TIERS = 26;
    static final int INPUT = 27;
    static final int CODE = 28;
    static final int REASON = 29;
    static final int COUNT = 30;

    static final int KIND_INT64 = 0;
    static final int KIND_INT32 = 1;
    static final int KIND_UINT8 = 2;
    static final int KIND_DECIMAL = 3;
    static final int KIND_SIDE = 4;
    static final int KIND_MODE = 5;
    static final int KIND_BOOLEAN = 6;
    static final int KIND_SYMBOL = 7;
    static final int KIND_TIERS = 8;
    static final int KIND_INPUT_TYPE = 9;
    static final int KIND_REJECT_CODE = 10;
    static final int KIND_TEXT = 11;

    /** The SBE null value of an int64 field and of a Decimal mantissa. */
    static final long NULL_LONG = Long.MIN_VALUE;

    private static final String[] NAMES = new String[COUNT];
    private static final int[] KINDS = new int[COUNT];
    private static final long[] DEFAULTS = new long[COUNT];

    static
    {
        define(TS, "ts", KIND_INT64, NULL_LONG);
        define(SEQ, "seq", KIND_INT64, NULL_LONG);
        define(SOURCE, "source", KIND_INT32, 0);
        define(ACCOUNT, "account", KIND_INT64, 0);
        define(INSTRUMENT, "instrument", KIND_INT32, 0);
        define(ORDER_ID, "orderId", KIND_INT64, NULL_LONG);
        define(PRICE_SCALE, "priceScale", KIND_UINT8, 0);
        define(QTY_SCALE, "qtyScale", KIND_UINT8, 0);
        define(STALE_AFTER_NS, "staleAfterNs", KIND_INT64, 0);
        define(CALL_GRACE_NS, "callGraceNs", KIND_INT64, NULL_LONG);
        define(QTY, "qty", KIND_DECIMAL, 0);
        define(PRICE, "price", KIND_DECIMAL, 0);
        define(FEE, "fee", KIND_DECIMAL, 0);
        define(AMOUNT, "amount", KIND_DECIMAL, 0);
        define(RATE, "rate", KIND_DECIMAL, 0);
        define(MULTIPLIER, "multiplier", KIND_DECIMAL, 1);
        define(LIQUIDATION_FEE_RATE, "liquidationFeeRate", KIND_DECIMAL, 0);
        define(MAX_MARK_MOVE_RATE, "maxMarkMoveRate", KIND_DECIMAL, NULL_LONG);
        define(CALL_LEVEL, "callLevel", KIND_DECIMAL, NULL_LONG);
        define(LIQUIDATION_LEVEL, "liquidationLevel", KIND_DECIMAL, NULL_LONG);
        define(CURE_LEVEL, "cureLevel", KIND_DECIMAL, NULL_LONG);
        define(SIDE, "side", KIND_SIDE, 0);
        define(MODE, "mode", KIND_MODE, 0);
        define(LIQUIDATION, "liquidation", KIND_BOOLEAN, BooleanType.FALSE.value());
        define(PARTIAL_LIQUIDATION, "partialLiquidation", KIND_BOOLEAN, BooleanType.NULL_VAL.value());
        define(SYMBOL, "symbol", KIND_SYMBOL, 0);
        define(TIERS, "tiers", KIND_TIERS, 0);
        define(INPUT, "input", KIND_INPUT_TYPE, 0);
        define(CODE, "code", KIND_REJECT_CODE, 0);
        define(REASON, "reason", KIND_TEXT, 0);
    }

    private InputField()
    {
    }

    /**
     * Finds a field by its JSON name. Jackson interns field names, so this does not allocate.
     *
     * @param name a JSON field name.
     * @return the field id, or {@link #UNKNOWN} for a name no input carries (it is ignored).
     */
    static int idOf(final String name)
    {
        for (int id = 0; id < COUNT; id++)
        {
            if (NAMES[id].equals(name))
            {
                return id;
            }
        }
        return UNKNOWN;
    }

    static String name(final int id)
    {
        return NAMES[id];
    }

    static int kind(final int id)
    {
        return KINDS[id];
    }

    /**
     * The value an optional field takes when it is absent: the SBE null, or the documented
     * default (fee 0, multiplier 1, liquidation false, staleAfterNs 0, source 0). A decimal
     * default has scale 0.
     */
    static long defaultValue(final int id)
    {
        return DEFAULTS[id];
    }

    /**
     * What a person should write for a field of this kind, for the end of a reason sentence.
     */
    static String expected(final int kind)
    {
        switch (kind)
        {
            case KIND_INT64: return "an integer from -9223372036854775807 to 9223372036854775807";
            case KIND_INT32: return "an integer from -2147483647 to 2147483647";
            case KIND_UINT8: return "an integer from 0 to 254";
            case KIND_DECIMAL: return "a decimal number such as \"-12.5\"";
            case KIND_SIDE: return "\"buy\" or \"sell\"";
            case KIND_MODE: return "\"cross\" or \"isolated\"";
            case KIND_BOOLEAN: return "true or false";
            case KIND_SYMBOL: return "1 to 16 printable ASCII characters";
            case KIND_TIERS: return "an array of up to 12 tiers {\"floor\",\"imr\",\"mmr\"}";
            case KIND_INPUT_TYPE: return "an input type such as \"fill\"";
            case KIND_REJECT_CODE: return "a reject code such as \"BAD_INPUT\"";
            default: return "a string";
        }
    }

    /**
     * What a field of this kind is, for "value ... is not <what>".
     */
    static String noun(final int kind)
    {
        switch (kind)
        {
            case KIND_INT64:
            case KIND_INT32:
            case KIND_UINT8: return "an integer";
            case KIND_DECIMAL: return "a decimal number";
            case KIND_SIDE: return "a side";
            case KIND_MODE: return "a margin mode";
            case KIND_BOOLEAN: return "a boolean";
            case KIND_SYMBOL: return "a valid symbol";
            case KIND_TIERS: return "an array";
            case KIND_INPUT_TYPE: return "an input type";
            case KIND_REJECT_CODE: return "a reject code";
            default: return "a string";
        }
    }

    /**
     * The smallest value of an integer kind; the SBE null (the type's minimum) is excluded.
     */
    static long minValue(final int kind)
    {
        switch (kind)
        {
            case KIND_INT32: return Integer.MIN_VALUE + 1;
            case KIND_UINT8: return 0;
            default: return Long.MIN_VALUE + 1;
        }
    }

    /**
     * The largest value of an integer kind; 255 is the uint8 SBE null and is excluded.
     */
    static long maxValue(final int kind)
    {
        switch (kind)
        {
            case KIND_INT32: return Integer.MAX_VALUE;
            case KIND_UINT8: return 254;
            default: return Long.MAX_VALUE;
        }
    }

    private static void define(final int id, final String name, final int kind, final long defaultValue)
    {
        NAMES[id] = name;
        KINDS[id] = kind;
        DEFAULTS[id] = defaultValue;
    }
}
