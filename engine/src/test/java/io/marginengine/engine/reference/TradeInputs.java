package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

import static io.marginengine.engine.reference.Fields.refuseIf;
import static io.marginengine.engine.reference.Fields.require;

/**
 * Inputs from the matching engine: {@code fill}, {@code liquidation_expired}, {@code check}.
 */
final class TradeInputs
{
    private TradeInputs()
    {
    }

    /**
     * Nets a fill into the position, credits {@code realized - fee} to the wallet that backs it.
     * A liquidation fill must match the ladder's outstanding order (id, instrument, side, at most
     * its remaining qty; else BAD_INPUT), pays the liquidation fee
     * {@code min(ceil$(liquidationFeeRate x N(qty, price)), surplus)} to the fund, where
     * {@code surplus = max(0, floor$(qty x (price - limit) x m))} for a sell (mirrored for a buy),
     * reduces the order's remaining qty (the order ends at zero). Any fill then applies the
     * deficit rule to its ladder ({@link InsuranceFund#coverDeficit}).
     */
    static boolean fill(final EngineState state, final JsonNode input, final OutputWriter out, final Capacity capacity)
    {
        final Account account = state.account(Fields.account(input));
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final BigDecimal qty = Fields.decimal(input, "qty", instrument.qtyScale);
        final BigDecimal price = Fields.decimal(input, "price", instrument.priceScale);
        final BigDecimal fee = Fields.money(input, "fee");
        final boolean buy = Fields.isBuy(input);
        final boolean liquidation = Fields.has(input, "liquidation") && input.get("liquidation").booleanValue();
        require(qty.signum() > 0, "fill qty " + qty.toPlainString() + " must be above 0");
        require(price.signum() > 0, "fill price " + price.toPlainString() + " must be above 0");
        require(!liquidation || Fields.has(input, "orderId"), "a liquidation fill needs an orderId");

        final LadderRef ref = state.ladderOf(account, instrument.id);
        final Ladder ladder = state.ladder(ref);
        if (liquidation)
        {
            requireOrder(ladder.order, input.get("orderId").longValue(), instrument.id, qty, "fill");
            refuseIf(ladder.order.sell() == buy, RejectCode.BAD_INPUT,
                "liquidation fill side is not the side of order " + ladder.order.orderId());
        }

        Position position = account.positions.get(instrument.id);
        if (position == null)
        {
            refuseIf(account.positions.size() >= capacity.maxPositionsPerAccount(), RejectCode.CAPACITY,
                "fill for account " + account.id + " refused: it holds its maximum of " +
                capacity.maxPositionsPerAccount() + " positions");
            position = new Position(instrument.id, false,
                BigDecimal.ZERO.setScale(instrument.qtyScale), BigDecimal.ZERO.setScale(instrument.costScale()));
            account.positions.put(instrument.id, position);
        }

        final MarginMath.FillResult result = MarginMath.fill(
            instrument, position.qty, position.cost, buy ? qty : qty.negate(), price);
        position.qty = result.qty();
        position.cost = result.cost();
        // The fund trading on its own account: no counterparty to name.
        InsuranceFund.credit(state, out, ref, result.realized().subtract(fee), EngineState.FUND_ACCOUNT);
        state.totalRealizedPnl = state.totalRealizedPnl.add(result.realized());
        state.totalFees = state.totalFees.add(fee);
        if (liquidation)
        {
            settleLiquidation(state, out, instrument, ref, ladder, qty, price);
        }
        if (!position.isolated && position.isFlat())
        {
            account.positions.remove(instrument.id);
        }
        instrument.lastFillPrice = price;
        InsuranceFund.coverDeficit(state, out, ref);
        return true;
    }

    private static void settleLiquidation(
        final EngineState state,
        final OutputWriter out,
        final Instrument instrument,
        final LadderRef ref,
        final Ladder ladder,
        final BigDecimal qty,
        final BigDecimal price)
    {
        final LiquidationOrder order = ladder.order;
        final BigDecimal better = order.sell() ? price.subtract(order.price()) : order.price().subtract(price);
        final BigDecimal surplus = Decimals.floorMoney(qty.multiply(better).multiply(instrument.multiplier))
            .max(Decimals.zeroMoney());
        final BigDecimal liquidationFee = Decimals.ceilMoney(
            instrument.liquidationFeeRate.multiply(MarginMath.notional(instrument, qty, price))).min(surplus);
        InsuranceFund.collectFee(state, out, ref, liquidationFee);

        final BigDecimal remaining = order.remaining().subtract(qty);
        ladder.order = remaining.signum() == 0 ? null : order.withRemaining(remaining);
    }

    private static void requireOrder(
        final LiquidationOrder order, final long orderId, final int instrument, final BigDecimal qty, final String what)
    {
        refuseIf(order == null || order.orderId() != orderId || order.instrument() != instrument,
            RejectCode.BAD_INPUT, what + " names liquidation order " + orderId +
            ", which is not outstanding for this account and instrument");
        refuseIf(qty.compareTo(order.remaining()) > 0, RejectCode.BAD_INPUT,
            what + " qty " + qty.toPlainString() + " exceeds the remaining " + order.remaining().toPlainString() +
            " of liquidation order " + orderId);
    }

    /**
     * Ends the outstanding liquidation order; {@code qty} must be its whole remaining qty. The
     * unfilled remainder goes to the fund or to ADL ({@link Waterfall#expire}); the ladders are
     * then evaluated again.
     */
    static boolean liquidationExpired(
        final EngineState state, final JsonNode input, final OutputWriter out, final Capacity capacity)
    {
        final Account account = state.account(Fields.account(input));
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final BigDecimal qty = Fields.decimal(input, "qty", instrument.qtyScale);
        require(qty.signum() > 0, "liquidation_expired qty " + qty.toPlainString() + " must be above 0");
        final Ladder ladder = state.ladder(state.ladderOf(account, instrument.id));
        requireOrder(ladder.order, input.get("orderId").longValue(), instrument.id, qty, "liquidation_expired");
        refuseIf(qty.compareTo(ladder.order.remaining()) != 0, RejectCode.BAD_INPUT,
            "liquidation_expired qty " + qty.toPlainString() + " is not the remaining " +
            ladder.order.remaining().toPlainString() + " of order " + ladder.order.orderId());
        final LiquidationOrder order = ladder.order;
        ladder.order = null;
        Waterfall.expire(state, out, account, instrument, order, capacity);
        return true;
    }

    /**
     * Pre-trade check. Accepted when the order reduces risk (opposite side, qty at most |q|);
     * else NOT_ALLOWED while the position's ladder is not NORMAL; else accepted iff after a fill
     * of qty at price with no fee (marks held) the ladder has {@code E >= IMreq}.
     */
    static boolean check(final EngineState state, final JsonNode input, final OutputWriter out, final Capacity capacity)
    {
        final Account account = state.account(Fields.account(input));
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final BigDecimal qty = Fields.decimal(input, "qty", instrument.qtyScale);
        final BigDecimal price = Fields.decimal(input, "price", instrument.priceScale);
        require(qty.signum() > 0, "check qty " + qty.toPlainString() + " must be above 0");
        require(price.signum() > 0, "check price " + price.toPlainString() + " must be above 0");
        final BigDecimal delta = Fields.isBuy(input) ? qty : qty.negate();
        final LadderRef ref = state.ladderOf(account, instrument.id);
        final Position position = account.positions.get(instrument.id);
        final BigDecimal current = position == null ? BigDecimal.ZERO : position.qty;

        final RejectCode code;
        final String reason;
        if (current.signum() != 0 && current.signum() != delta.signum() && qty.compareTo(current.abs()) <= 0)
        {
            code = RejectCode.ACCEPTED;
            reason = "the order reduces the position";
        }
        else if (state.ladder(ref).status != LadderStatus.NORMAL)
        {
            code = RejectCode.NOT_ALLOWED;
            reason = "the order increases risk while the account is " + state.ladder(ref).status;
        }
        else if (position == null && account.positions.size() >= capacity.maxPositionsPerAccount())
        {
            code = RejectCode.CAPACITY;
            reason = "the account already holds its maximum of " + capacity.maxPositionsPerAccount() + " positions";
        }
        else
        {
            final CheckFigures after = afterFill(state, ref, instrument, position, delta, price);
            if (!after.fits())
            {
                code = RejectCode.OVERFLOW;
                reason = "the order's figures would leave the 64-bit range";
            }
            else if (after.equity().compareTo(after.initial()) >= 0)
            {
                code = RejectCode.ACCEPTED;
                reason = "equity " + after.equity().toPlainString() + " covers initial margin " +
                    after.initial().toPlainString();
            }
            else
            {
                code = RejectCode.INSUFFICIENT_MARGIN;
                reason = "equity " + after.equity().toPlainString() + " would fall below initial margin " +
                    after.initial().toPlainString();
            }
        }
        out.checkResult(account.id, instrument.id, code, reason);
        return false;
    }

    /** A ladder's equity and IMreq after a hypothetical fill, and whether its figures fit 64 bits. */
    record CheckFigures(BigDecimal equity, BigDecimal initial, boolean fits)
    {
    }

    /**
     * The ladder {@code ref}'s equity and IMreq after {@code position} (null when there is none)
     * nets a fill of {@code delta} at {@code price} with no fee, marks held (on an instrument with
     * no price yet, the mark is the fill price).
     */
    static CheckFigures afterFill(
        final EngineState state,
        final LadderRef ref,
        final Instrument instrument,
        final Position position,
        final BigDecimal delta,
        final BigDecimal price)
    {
        final BigDecimal mark = instrument.mark() != null ? instrument.mark() : price;
        final BigDecimal qty = position == null ? BigDecimal.ZERO.setScale(instrument.qtyScale) : position.qty;
        final BigDecimal cost = position == null ? BigDecimal.ZERO.setScale(instrument.costScale()) : position.cost;
        final MarginMath.FillResult result = MarginMath.fill(instrument, qty, cost, delta, price);

        BigDecimal equity = state.wallet(ref).add(result.realized());
        BigDecimal initial = Decimals.zeroMoney();
        boolean fits = Decimals.fits(result.qty(), instrument.qtyScale) &&
            Decimals.fits(result.cost(), instrument.costScale());
        for (final Position other : state.positions(ref))
        {
            if (other.instrument != instrument.id && !other.isFlat())
            {
                final Instrument otherInstrument = state.instruments.get(other.instrument);
                equity = equity.add(MarginMath.unrealized(otherInstrument, other.qty, other.cost, otherInstrument.mark()));
                initial = initial.add(MarginMath.initial(otherInstrument, other.qty, otherInstrument.mark()));
            }
        }
        if (result.qty().signum() != 0)
        {
            final BigDecimal upnl = MarginMath.unrealized(instrument, result.qty(), result.cost(), mark);
            final BigDecimal positionInitial = MarginMath.initial(instrument, result.qty(), mark);
            fits = fits && Decimals.fits(MarginMath.notional(instrument, result.qty(), mark), Decimals.MONEY_SCALE) &&
                Decimals.fits(upnl, Decimals.MONEY_SCALE) && Decimals.fits(positionInitial, Decimals.MONEY_SCALE);
            equity = equity.add(upnl);
            initial = initial.add(positionInitial);
        }
        fits = fits && Decimals.fits(equity, Decimals.MONEY_SCALE) && Decimals.fits(initial, Decimals.MONEY_SCALE);
        return new CheckFigures(equity, initial, fits);
    }
}
