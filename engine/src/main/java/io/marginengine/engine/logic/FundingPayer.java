package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.HolderIndex;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.journal.sbe.FundingDecoder;
import io.marginengine.journal.sbe.RejectCode;

import static io.marginengine.engine.logic.Int128Math.CEILING;

/**
 * Applies {@code funding} (SPEC section 4 "Other inputs", docs/RULES.md section 3): every open
 * position on the instrument pays {@code ceil$(sign(q) x rate x N)} from the wallet that
 * backs it (negative: receives). All payments are made and every paying ladder computed
 * first; if any of that overflows the payments are taken back and the input refused, so
 * funding is applied to every position or to none. Then every holder is evaluated.
 */
public final class FundingPayer
{
    private static final String INPUT = "funding";

    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final LadderSweep sweep;
    private final Totals totals;
    private final InsuranceFund fund;
    private final int[] paidSlots;
    private final int[] paidPositions;
    private final long[] payments;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param lookups     id resolution.
     * @param numbers     decimal normalization.
     * @param rejection   where refusals are written.
     * @param sweep       evaluates every holder afterwards.
     * @param totals      money tallies.
     * @param fund        the insurance fund, whose own funding is reported.
     * @param maxAccounts most accounts, to size the undo list.
     */
    public FundingPayer(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final Lookups lookups, final InputNumbers numbers, final Rejection rejection, final LadderSweep sweep,
        final Totals totals, final InsuranceFund fund, final int maxAccounts)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.lookups = lookups;
        this.numbers = numbers;
        this.rejection = rejection;
        this.sweep = sweep;
        this.totals = totals;
        this.fund = fund;
        this.paidSlots = new int[maxAccounts];
        this.paidPositions = new int[maxAccounts];
        this.payments = new long[maxAccounts];
    }

    /**
     * Applies a {@code funding} input.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void funding(final FundingDecoder in, final long now)
    {
        final int instrumentId = in.instrument();
        final int inst = lookups.instrument(instrumentId, INPUT);
        final long rate = numbers.value(in.rate(), MarginCalculator.RATE_SCALE, INPUT, "rate");
        final int paid = payAll(inst, instrumentId, rate);
        for (int i = 0; i < paid; i++)
        {
            totals.funding(payments[i]);
            if (paidSlots[i] == fund.slot() && !accounts.isIsolated(paidPositions[i]))
            {
                fund.report(fund.accountId(), -payments[i]);
            }
        }
        sweep.holders(instrumentId, now);
    }

    private int payAll(final int inst, final int instrumentId, final long rate)
    {
        final long mark = instruments.mark(inst);
        int paid = 0;
        try
        {
            final int n = accounts.count();
            final HolderIndex holders = accounts.holders();
            for (int slot = holders.next(inst, 0, n); slot != HolderIndex.NONE; slot = holders.next(inst, slot + 1, n))
            {
                final int p = accounts.findPosition(slot, instrumentId);
                if (p == AccountStore.MISSING || accounts.qty(p) == 0)
                {
                    continue;
                }
                final long q = accounts.qty(p);
                final long notional = calculator.notional(inst, Math.abs(q), mark);
                final long payment = Int128Math.mulDiv(q > 0 ? notional : -notional, rate, MarginCalculator.RATE_ONE, CEILING);
                Wallets.credit(accounts, slot, p, -payment);
                paidSlots[paid] = slot;
                paidPositions[paid] = p;
                payments[paid] = payment;
                paid++;
                calculator.ladder(slot, accounts.isIsolated(p) ? p : AccountStore.MISSING);
            }
            return paid;
        }
        catch (final ArithmeticOverflowException ex)
        {
            for (int i = 0; i < paid; i++)
            {
                Wallets.credit(accounts, paidSlots[i], paidPositions[i], payments[i]);
            }
            rejection.reason().append("funding on instrument ").append(instrumentId)
                .append(" refused: a payment or a wallet would leave the 64-bit range");
            throw rejection.reject(RejectCode.OVERFLOW);
        }
    }
}
