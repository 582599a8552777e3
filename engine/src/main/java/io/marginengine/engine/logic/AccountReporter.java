package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;

import static io.marginengine.engine.logic.Int128Math.CEILING;
import static io.marginengine.engine.logic.Int128Math.DOWN;

/**
 * Answers {@code query} with an {@code account_state}: the cross part's wallet, equity,
 * requirements and margin ratio, and every position with its mark, PnL, requirements,
 * isolated margin, liquidation and bankruptcy prices.
 */
public final class AccountReporter
{
    /** Extra decimals of the reported entry price beyond the price scale. */
    public static final int ENTRY_EXTRA_DECIMALS = 4;

    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final PriceLevels levels;
    private final OutputPublisher publisher;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param levels      liquidation and bankruptcy prices.
     * @param publisher   outputs.
     */
    public AccountReporter(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final PriceLevels levels, final OutputPublisher publisher)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.levels = levels;
        this.publisher = publisher;
    }

    /**
     * Publishes the state of one account.
     *
     * @param slot account slot.
     */
    public void report(final int slot)
    {
        calculator.cross(slot);
        final long crossEquity = calculator.equity;
        final long crossMaintenance = calculator.maintenance;
        final boolean hasRatio = crossEquity > 0;
        final long ratio = hasRatio ? ratio(crossMaintenance, crossEquity) : 0;
        publisher.accountState(accounts.id(slot), LadderDescriptor.status(accounts.buffer(), accounts.crossLadder(slot)),
            calculator.wallet, crossEquity, crossMaintenance, calculator.initial, hasRatio, ratio);
        final int n = accounts.positionCount(slot);
        publisher.accountStatePositions(n);
        for (int i = 0; i < n; i++)
        {
            position(accounts.position(slot, i), crossEquity, crossMaintenance);
        }
        publisher.accountStateEnd();
    }

    /** {@code ceil(MM / E)} at scale 8, held at the largest 64-bit value when E is tiny. */
    private static long ratio(final long maintenance, final long equity)
    {
        try
        {
            return Int128Math.mulDiv(maintenance, MarginCalculator.RATE_ONE, equity, CEILING);
        }
        catch (final ArithmeticOverflowException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    /**
     * {@code C / q} truncated to {@code priceScale + 4} places, or to {@code priceScale} when
     * the extra places do not fit 64 bits; the second value tells which.
     */
    private long entry(final long cost, final long qty)
    {
        final long c = qty > 0 ? cost : -cost;
        final long q = Math.abs(qty);
        try
        {
            entryScaleExtra = ENTRY_EXTRA_DECIMALS;
            return Int128Math.mulDiv(c, InputNumbers.pow10(ENTRY_EXTRA_DECIMALS), q, DOWN);
        }
        catch (final ArithmeticOverflowException ex)
        {
            entryScaleExtra = 0;
            return Int128Math.mulDiv(c, 1, q, DOWN);
        }
    }

    private int entryScaleExtra;

    private void position(final int p, final long crossEquity, final long crossMaintenance)
    {
        final int inst = accounts.instrumentSlot(p);
        final int priceScale = instruments.priceScale(inst);
        final long qty = accounts.qty(p);
        final long cost = accounts.cost(p);
        final boolean isolated = accounts.isIsolated(p);
        final long iwb = accounts.isolatedWallet(p);
        calculator.position(p);
        final long upnl = calculator.positionUpnl;
        final long mm = calculator.positionMaintenance;
        long entry = 0;
        entryScaleExtra = ENTRY_EXTRA_DECIMALS;
        long liquidation = PriceLevels.NONE;
        long bankruptcy = PriceLevels.NONE;
        if (qty != 0)
        {
            entry = entry(cost, qty);
            try
            {
                final long ladderEquity = isolated ? Int128Math.add(iwb, upnl) : crossEquity;
                final long ladderMaintenance = isolated ? mm : crossMaintenance;
                final long walletOthers = Int128Math.subtract(ladderEquity, upnl);
                final long a = Int128Math.subtract(walletOthers, Int128Math.subtract(ladderMaintenance, mm));
                liquidation = levels.liquidation(inst, qty, cost, a, calculator.positionNotional);
                bankruptcy = levels.bankruptcy(inst, qty, cost, walletOthers);
            }
            catch (final ArithmeticOverflowException ex)
            {
                liquidation = PriceLevels.NONE;
                bankruptcy = PriceLevels.NONE;
            }
        }
        final int status = isolated ? LadderDescriptor.status(accounts.buffer(), accounts.isolatedLadder(p)) : LadderDescriptor.NORMAL;
        publisher.accountStatePosition(accounts.instrumentId(p), qty, instruments.qtyScale(inst), entry,
            priceScale + entryScaleExtra,
            instruments.hasFlag(inst, InstrumentStore.FLAG_HAS_PRICE), instruments.mark(inst), priceScale, upnl, mm, calculator.positionInitial,
            isolated, iwb, liquidation != PriceLevels.NONE, liquidation, bankruptcy != PriceLevels.NONE, bankruptcy, status);
    }
}
