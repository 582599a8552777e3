package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;

import static io.marginengine.engine.logic.Int128Math.CEILING;

/**
 * Sizes and issues liquidation orders (SPEC section 4, docs/RULES.md section 5): the largest
 * maintenance contribution first, the smallest lot-step quantity that, closed at the mark
 * after the liquidation fee, leaves the ladder cured (the whole position when nothing
 * smaller does, or always with {@code partialLiquidation} off), as an IOC limit at the
 * bankruptcy price.
 */
public final class Liquidator
{
    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final PriceLevels levels;
    private final RiskParams params;
    private final OutputPublisher publisher;
    private long lastOrderId;


    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param levels      bankruptcy price.
     * @param params      risk parameters.
     * @param publisher   outputs.
     */
    public Liquidator(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final PriceLevels levels, final RiskParams params, final OutputPublisher publisher)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.levels = levels;
        this.params = params;
        this.publisher = publisher;
    }

    /** @return the id of the last order issued; ids count up from 1. */
    public long lastOrderId()
    {
        return lastOrderId;
    }

    /**
     * Sets the id of the last order issued, when state is restored from a snapshot.
     *
     * @param value order id, 0 before the first.
     */
    void lastOrderId(final long value)
    {
        lastOrderId = value;
    }

    /**
     * Issues the next liquidation order of a ladder, for its position with the largest
     * maintenance requirement, and records it as outstanding. The ladder's figures come from
     * the caller, which has just evaluated it.
     *
     * @param accountSlot      account slot.
     * @param isolatedPosition isolated position, or MISSING for cross.
     * @param ladder           the ladder's offset.
     * @param position         the ladder's position with the largest maintenance requirement.
     * @param equity           the ladder's equity.
     * @param initial          the ladder's initial requirement.
     */
    public void issue(
        final int accountSlot, final int isolatedPosition, final int ladder, final int position, final long equity,
        final long initial)
    {
        calculator.position(position);
        boolean sizable = true;
        long equityOthers = 0;
        long initialOthers = 0;
        try
        {
            equityOthers = Int128Math.subtract(equity, calculator.positionUpnl);
            initialOthers = Int128Math.subtract(initial, calculator.positionInitial);
        }
        catch (final ArithmeticOverflowException ex)
        {
            sizable = false;
        }

        final int inst = accounts.instrumentSlot(position);
        final long qty = accounts.qty(position);
        final long cost = accounts.cost(position);
        final long mark = instruments.mark(inst);
        final long qtyAbs = Math.abs(qty);
        final long size = params.partialLiquidation && sizable ?
            smallestCuringQty(inst, qty, cost, mark, equityOthers, initialOthers) : qtyAbs;
        final boolean sell = qty > 0;
        final long bankruptcy = sizable ? levels.bankruptcy(inst, qty, cost, equityOthers) : PriceLevels.NONE;
        final long limit = bankruptcy != PriceLevels.NONE ? bankruptcy : (sell ? 1 : mark);

        final long orderId = ++lastOrderId;
        final int instrumentId = accounts.instrumentId(position);
        LadderDescriptor.order(accounts.buffer(), ladder, orderId, instrumentId,
            sell ? LadderDescriptor.SIDE_SELL : LadderDescriptor.SIDE_BUY, size, limit);
        publisher.liquidationOrder(orderId, accounts.id(accountSlot), instrumentId, sell, size,
            instruments.qtyScale(inst), limit, instruments.priceScale(inst), isolatedPosition != AccountStore.MISSING);
    }

    private long smallestCuringQty(
        final int inst, final long qty, final long cost, final long mark, final long equityOthers, final long initialOthers)
    {
        final long qtyAbs = Math.abs(qty);
        try
        {
            if (!curesAfterClosing(inst, qty, cost, mark, qtyAbs, equityOthers, initialOthers))
            {
                return qtyAbs;
            }
            long lo = 1;
            long hi = qtyAbs;
            while (lo < hi)
            {
                final long mid = lo + (hi - lo) / 2;
                if (curesAfterClosing(inst, qty, cost, mark, mid, equityOthers, initialOthers))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }
            return lo;
        }
        catch (final ArithmeticOverflowException ex)
        {
            return qtyAbs;
        }
    }

    /**
     * P(k): closing {@code k} at the mark, paying the liquidation fee, leaves the ladder cured;
     * {@code equityOthers} and {@code initialOthers} are the ladder without this position.
     */
    private boolean curesAfterClosing(
        final int inst, final long qty, final long cost, final long mark, final long k, final long equityOthers,
        final long initialOthers)
    {
        final long qtyAbs = Math.abs(qty);
        final long closed = qty > 0 ? k : -k;
        final long removed = MarginCalculator.removedCost(cost, k, qtyAbs);
        final long realized = calculator.pnl(inst, closed, removed, mark);
        final long fee = Int128Math.mulDiv(instruments.feeRate(inst), calculator.notional(inst, k, mark),
            MarginCalculator.RATE_ONE, CEILING);
        final long restQty = qty - closed;
        final long restCost = cost - removed;
        long equityAfter = Int128Math.subtract(Int128Math.add(equityOthers, realized), fee);
        long initialAfter = initialOthers;
        if (restQty != 0)
        {
            equityAfter = Int128Math.add(equityAfter, calculator.pnl(inst, restQty, restCost, mark));
            final long restNotional = calculator.notional(inst, Math.abs(restQty), mark);
            initialAfter = Int128Math.add(initialAfter, calculator.requirement(inst, restNotional, true));
        }
        return Int128Math.compareProducts(equityAfter, MarginCalculator.RATE_ONE, params.cureLevel, initialAfter) >= 0;
    }
}
