package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The margin-call procedure of SPEC section 4 as RULES section 4 fixes it, and the
 * liquidation orders of RULES section 5.
 * <pre>
 *   called     E &lt; callLevel x MM          (ladder holds a position)
 *   liquidate  E &lt; liquidationLevel x MM
 *   cured      E &gt;= cureLevel x IM
 *
 *   1. NORMAL and called: margin_call, MARGIN_CALL, go on with 2.
 *   2. MARGIN_CALL: cured: margin_call_cured, NORMAL. Else if not blocked and
 *      (now &gt;= deadline or liquidate): LIQUIDATING, go on with 3.
 *   3. LIQUIDATING, no order outstanding: cured or no positions: liquidation_done, NORMAL;
 *      else, unless blocked, the next liquidation_order.
 * </pre>
 */
final class LadderEvaluator
{
    private LadderEvaluator()
    {
    }

    /**
     * Evaluates every ladder: accounts in creation order, cross first, then isolated by instrument
     * id. The insurance fund's ladders are never evaluated (RULES section 5a: the fund is not
     * margin-called).
     */
    static void evaluateAll(final EngineState state, final OutputWriter out)
    {
        for (final LadderRef ref : state.ladders())
        {
            if (ref.account() != EngineState.FUND_ACCOUNT)
            {
                evaluate(state, ref, out);
            }
        }
    }

    /**
     * Time passing, part (b): MARGIN_CALL ladders whose deadline is reached, in the order
     * (deadline, account creation order, cross first, instrument id).
     */
    static void evaluateDue(final EngineState state, final OutputWriter out)
    {
        final List<LadderRef> due = new ArrayList<>();
        for (final LadderRef ref : state.ladders())
        {
            final Ladder ladder = state.ladder(ref);
            if (ref.account() != EngineState.FUND_ACCOUNT && ladder.status == LadderStatus.MARGIN_CALL &&
                state.now >= ladder.deadline)
            {
                due.add(ref);
            }
        }
        due.sort(Comparator
            .comparingLong((LadderRef ref) -> state.ladder(ref).deadline)
            .thenComparingInt(ref -> state.creationIndex(ref.account()))
            .thenComparingInt(ref -> ref.isCross() ? -1 : ref.instrument()));
        for (final LadderRef ref : due)
        {
            evaluate(state, ref, out);
        }
    }

    /** One evaluation of one ladder at {@code state.now}. */
    static void evaluate(final EngineState state, final LadderRef ref, final OutputWriter out)
    {
        final Ladder ladder = state.ladder(ref);
        final Params params = state.params;
        final LadderFigures figures = state.figures(ref);

        if (ladder.status == LadderStatus.NORMAL)
        {
            if (!(figures.hasPositions() && below(figures.equity(), params.callLevel, figures.maintenance())))
            {
                return;
            }
            ladder.status = LadderStatus.MARGIN_CALL;
            ladder.deadline = saturatedAdd(state.now, params.callGraceNs);
            final BigDecimal shortfall = Decimals.ceilMoney(params.cureLevel.multiply(figures.initial()))
                .subtract(figures.equity()).min(AccountStateWriter.LARGEST);
            out.marginCall(ref, figures, shortfall, ladder.deadline);
        }

        if (ladder.status == LadderStatus.MARGIN_CALL)
        {
            if (cured(figures, params))
            {
                ladder.status = LadderStatus.NORMAL;
                out.marginCallCured(ref, figures);
                return;
            }
            final boolean liquidate = below(figures.equity(), params.liquidationLevel, figures.maintenance());
            if (state.blocked(ref) || !(state.now >= ladder.deadline || liquidate))
            {
                return;
            }
            ladder.status = LadderStatus.LIQUIDATING;
        }

        if (ladder.order != null)
        {
            return;
        }
        if (cured(figures, params) || !figures.hasPositions())
        {
            ladder.status = LadderStatus.NORMAL;
            out.liquidationDone(ref);
            return;
        }
        if (!state.blocked(ref))
        {
            issueOrder(state, ref, ladder, out);
        }
    }

    /** {@code E < level x requirement}, exactly. */
    private static boolean below(final BigDecimal equity, final BigDecimal level, final BigDecimal requirement)
    {
        return equity.compareTo(level.multiply(requirement)) < 0;
    }

    private static boolean cured(final LadderFigures figures, final Params params)
    {
        return figures.equity().compareTo(params.cureLevel.multiply(figures.initial())) >= 0;
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static void issueOrder(final EngineState state, final LadderRef ref, final Ladder ladder, final OutputWriter out)
    {
        final Position target = largestMaintenance(state, ref);
        final Instrument instrument = state.instruments.get(target.instrument);
        final long lots = target.qty.unscaledValue().abs().longValueExact();
        final long qtyLots = state.params.partialLiquidation ? smallestCuringLots(state, ref, target, lots) : lots;
        final boolean sell = target.qty.signum() > 0;

        final LadderFigures figures = state.figures(ref);
        final BigDecimal upnl = MarginMath.unrealized(instrument, target.qty, target.cost, instrument.mark());
        final BigDecimal unrealizedOthers = figures.equity().subtract(figures.wallet()).subtract(upnl);
        final BigDecimal bankruptcy = PriceMath.bankruptcyPrice(instrument, target, figures.wallet(), unrealizedOthers);
        final BigDecimal price;
        if (bankruptcy != null)
        {
            price = bankruptcy;
        }
        else
        {
            price = sell ? instrument.tick() : instrument.mark();
        }

        final LiquidationOrder order = new LiquidationOrder(
            state.nextOrderId++, target.instrument, sell, BigDecimal.valueOf(qtyLots, instrument.qtyScale), price);
        ladder.order = order;
        out.liquidationOrder(ref.account(), order, !ref.isCross());
    }

    /** The ladder's non-flat position with the largest MM; ties go to the lower instrument id. */
    private static Position largestMaintenance(final EngineState state, final LadderRef ref)
    {
        Position best = null;
        BigDecimal bestMaintenance = null;
        for (final Position position : state.positions(ref))
        {
            if (position.isFlat())
            {
                continue;
            }
            final Instrument instrument = state.instruments.get(position.instrument);
            final BigDecimal maintenance = MarginMath.maintenance(instrument, position.qty, instrument.mark());
            if (best == null || maintenance.compareTo(bestMaintenance) > 0)
            {
                best = position;
                bestMaintenance = maintenance;
            }
        }
        return best;
    }

    /**
     * The smallest number of lots {@code k} with {@code P(k)}, by the binary search RULES
     * section 5 prescribes; the whole position when {@code P(|q|)} is false.
     */
    private static long smallestCuringLots(
        final EngineState state, final LadderRef ref, final Position target, final long lots)
    {
        if (!curedAfterClosing(state, ref, target, lots))
        {
            return lots;
        }
        long lo = 1;
        long hi = lots;
        while (lo < hi)
        {
            final long mid = lo + (hi - lo) / 2;
            if (curedAfterClosing(state, ref, target, mid))
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

    /**
     * {@code P(k)}: closing {@code k} lots of {@code target} at the mark, realized as for a fill
     * and paying the liquidation fee {@code ceil$(liquidationFeeRate x N(k, mark))}, leaves the
     * ladder cured ({@code E' >= cureLevel x IM'}).
     */
    static boolean curedAfterClosing(
        final EngineState state, final LadderRef ref, final Position target, final long closeLots)
    {
        final Instrument instrument = state.instruments.get(target.instrument);
        final BigDecimal mark = instrument.mark();
        final BigDecimal k = BigDecimal.valueOf(closeLots, instrument.qtyScale);
        final MarginMath.FillResult after = MarginMath.fill(
            instrument, target.qty, target.cost, target.qty.signum() > 0 ? k.negate() : k, mark);
        final BigDecimal fee = Decimals.ceilMoney(
            instrument.liquidationFeeRate.multiply(MarginMath.notional(instrument, k, mark)));

        BigDecimal equity = state.wallet(ref).add(after.realized()).subtract(fee);
        BigDecimal initial = BigDecimal.ZERO;
        for (final Position position : state.positions(ref))
        {
            final Instrument other = state.instruments.get(position.instrument);
            if (position == target)
            {
                equity = equity.add(MarginMath.unrealized(instrument, after.qty(), after.cost(), mark));
                initial = initial.add(MarginMath.initial(instrument, after.qty(), mark));
            }
            else if (!position.isFlat())
            {
                equity = equity.add(MarginMath.unrealized(other, position.qty, position.cost, other.mark()));
                initial = initial.add(MarginMath.initial(other, position.qty, other.mark()));
            }
        }
        return equity.compareTo(state.params.cureLevel.multiply(initial)) >= 0;
    }
}
