package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.RejectCode;

import java.util.Arrays;

import static io.marginengine.journal.codec.MessageTypes.MAX_REASON_LENGTH;
import static io.marginengine.journal.codec.MessageTypes.MAX_SYMBOL_LENGTH;
import static io.marginengine.journal.codec.MessageTypes.MAX_TIERS;

/**
 * The values of one input line, indexed by {@link InputField} id, in preallocated arrays
 * that are reset per line.
 * <p>
 * Every field is in one of four states: absent, JSON {@code null} (which means absent),
 * present with a value, or bad with a problem sentence. A line is read completely before its
 * type decides which fields matter, so a bad value in a field its type does not use costs
 * nothing, and the first problem in schema order is the one reported.
 */
final class InputFields
{
    static final int TIER_FLOOR = 0;
    static final int TIER_IMR = 1;
    static final int TIER_MMR = 2;
    static final int TIER_PARTS = 3;

    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte PRESENT = 2;
    private static final byte BAD = 3;

    private final byte[] states = new byte[InputField.COUNT];
    private final long[] values = new long[InputField.COUNT];
    private final int[] scales = new int[InputField.COUNT];
    private final RejectCode[] codes = new RejectCode[InputField.COUNT];
    private final StringBuilder[] problems = new StringBuilder[InputField.COUNT];
    private final StringBuilder discarded = new StringBuilder(MAX_REASON_LENGTH);
    private final StringBuilder symbol = new StringBuilder(MAX_SYMBOL_LENGTH);
    private final StringBuilder reason = new StringBuilder(MAX_REASON_LENGTH);
    private final long[] tierMantissas = new long[MAX_TIERS * TIER_PARTS];
    private final int[] tierScales = new int[MAX_TIERS * TIER_PARTS];
    private int tierCount;

    InputFields()
    {
        for (int id = 0; id < InputField.COUNT; id++)
        {
            problems[id] = new StringBuilder(MAX_REASON_LENGTH);
        }
    }

    void reset()
    {
        Arrays.fill(states, ABSENT);
        symbol.setLength(0);
        reason.setLength(0);
        tierCount = 0;
    }

    boolean isUnseen(final int id)
    {
        return states[id] == ABSENT;
    }

    boolean isMissing(final int id)
    {
        return states[id] == ABSENT || states[id] == NULL;
    }

    boolean isNull(final int id)
    {
        return states[id] == NULL;
    }

    boolean isPresent(final int id)
    {
        return states[id] == PRESENT;
    }

    boolean isBad(final int id)
    {
        return states[id] == BAD;
    }

    void markNull(final int id)
    {
        states[id] = NULL;
    }

    void set(final int id, final long value)
    {
        set(id, value, 0);
    }

    /**
     * Records a good value unless the field already has a problem (the first problem stays).
     */
    void set(final int id, final long value, final int scale)
    {
        if (states[id] != BAD)
        {
            states[id] = PRESENT;
            values[id] = value;
            scales[id] = scale;
        }
    }

    void applyDefault(final int id)
    {
        set(id, InputField.defaultValue(id), 0);
    }

    long value(final int id)
    {
        return values[id];
    }

    int scale(final int id)
    {
        return scales[id];
    }

    /**
     * Marks a field bad and returns the empty builder for its problem sentence; when the
     * field already has a problem, returns a scratch builder so the first problem stays.
     */
    StringBuilder problem(final int id, final RejectCode code)
    {
        if (states[id] == BAD)
        {
            discarded.setLength(0);
            return discarded;
        }
        states[id] = BAD;
        codes[id] = code;
        problems[id].setLength(0);
        return problems[id];
    }

    CharSequence problemOf(final int id)
    {
        return problems[id];
    }

    RejectCode codeOf(final int id)
    {
        return codes[id];
    }

    StringBuilder symbol()
    {
        return symbol;
    }

    StringBuilder reason()
    {
        return reason;
    }

    int tierCount()
    {
        return tierCount;
    }

    void tierCount(final int count)
    {
        tierCount = count;
    }

    void setTier(final int tier, final int part, final long mantissa, final int scale)
    {
        tierMantissas[tier * TIER_PARTS + part] = mantissa;
        tierScales[tier * TIER_PARTS + part] = scale;
    }

    long tierMantissa(final int tier, final int part)
    {
        return tierMantissas[tier * TIER_PARTS + part];
    }

    int tierScale(final int tier, final int part)
    {
        return tierScales[tier * TIER_PARTS + part];
    }
}
