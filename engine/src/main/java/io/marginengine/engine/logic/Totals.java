package io.marginengine.engine.logic;

/**
 * Running tallies of every way money enters, leaves or moves between the engine's wallets,
 * so that conservation can be checked: the sum of all wallets (cross, isolated, the fund)
 * equals {@code deposits - withdrawals + realizedPnl - fees - fundingPaid}.
 */
public final class Totals
{
    private long deposits;
    private long withdrawals;
    private long realizedPnl;
    private long fees;
    private long fundingPaid;

    void deposit(final long amount)
    {
        deposits = Int128Math.add(deposits, amount);
    }

    void withdraw(final long amount)
    {
        withdrawals = Int128Math.add(withdrawals, amount);
    }

    void fill(final long realized, final long fee)
    {
        realizedPnl += realized;
        fees += fee;
    }

    void funding(final long paid)
    {
        fundingPaid += paid;
    }

    /** @return money deposited. */
    public long deposits()
    {
        return deposits;
    }

    /** @return money withdrawn. */
    public long withdrawals()
    {
        return withdrawals;
    }

    /** @return realized PnL credited to wallets (negative: debited). */
    public long realizedPnl()
    {
        return realizedPnl;
    }

    /** @return fill fees charged (negative: rebates paid). */
    public long fees()
    {
        return fees;
    }

    /** @return funding paid by wallets, net (negative: received). */
    public long fundingPaid()
    {
        return fundingPaid;
    }
}
