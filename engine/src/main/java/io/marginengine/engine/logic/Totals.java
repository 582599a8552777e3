package io.marginengine.engine.logic;

import io.marginengine.engine.snapshot.StateImage;

import java.math.BigInteger;

/**
 * Running tallies of every way money enters, leaves or moves between the engine's wallets,
 * so that conservation can be checked: the sum of all wallets (cross, isolated, the fund)
 * equals {@code deposits - withdrawals + realizedPnl - fees - fundingPaid}.
 * <p>
 * Each tally is a 128-bit accumulator: a tally is a record of what happened and must never
 * refuse an input or wrap, however long the engine runs. Adding allocates nothing; reading
 * (for reports and tests) builds a {@link BigInteger}.
 */
public final class Totals
{
    private static final int DEPOSITS = 0;
    private static final int WITHDRAWALS = 1;
    private static final int REALIZED = 2;
    private static final int FEES = 3;
    private static final int FUNDING = 4;

    private final long[] high = new long[5];
    private final long[] low = new long[5];

    private void add(final int tally, final long value)
    {
        final long before = low[tally];
        final long after = before + value;
        low[tally] = after;
        high[tally] += (value >> 63) + (Long.compareUnsigned(after, before) < 0 ? 1 : 0);
    }

    private BigInteger read(final int tally)
    {
        return BigInteger.valueOf(high[tally]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low[tally])));
    }

    /**
     * Appends the tallies to a state image: for each of deposits, withdrawals, realized PnL,
     * fees and funding, the high then the low 64 bits.
     *
     * @param image where they go.
     */
    void writeTo(final StateImage image)
    {
        for (int tally = DEPOSITS; tally <= FUNDING; tally++)
        {
            image.putLong(high[tally]).putLong(low[tally]);
        }
    }

    /**
     * Replaces the tallies by those {@link #writeTo} wrote.
     *
     * @param image positioned at them.
     */
    void readFrom(final StateImage image)
    {
        for (int tally = DEPOSITS; tally <= FUNDING; tally++)
        {
            high[tally] = image.getLong("a money tally");
            low[tally] = image.getLong("a money tally");
        }
    }

    void deposit(final long amount)
    {
        add(DEPOSITS, amount);
    }

    void withdraw(final long amount)
    {
        add(WITHDRAWALS, amount);
    }

    void fill(final long realized, final long fee)
    {
        add(REALIZED, realized);
        add(FEES, fee);
    }

    void funding(final long paid)
    {
        add(FUNDING, paid);
    }

    /** @return money deposited, money units. */
    public BigInteger deposits()
    {
        return read(DEPOSITS);
    }

    /** @return money withdrawn, money units. */
    public BigInteger withdrawals()
    {
        return read(WITHDRAWALS);
    }

    /** @return realized PnL credited to wallets (negative: debited), money units. */
    public BigInteger realizedPnl()
    {
        return read(REALIZED);
    }

    /** @return fill fees charged (negative: rebates paid), money units. */
    public BigInteger fees()
    {
        return read(FEES);
    }

    /** @return funding paid by wallets, net (negative: received), money units. */
    public BigInteger fundingPaid()
    {
        return read(FUNDING);
    }
}
