package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What happens to the unfilled remainder {@code r} of a liquidation order that expired at limit
 * {@code L} (RULES section 5a):
 * <pre>
 *   takeover  the fund nets r at L like a fill when, with that position, its equity covers its IMreq
 *   ADL       otherwise: opposite-side positions, highest rank first, each closes min(rest, |q|) at L
 *             (adl event); the fund takes any rest whatever its balance
 *   deficit   then every ladder the transfer settled on that is flat with a negative wallet
 *             (the liquidated ladder first, then the candidates in ADL order)
 * </pre>
 * Both sides of every transfer close or net at {@code L} as for a fill with no fee; realized PnL
 * goes to the wallet that backs each position and counts as realized PnL. The ladders are then
 * evaluated by the caller, in the global order.
 * <p>
 * Details RULES leaves open, decided as a risk desk would:
 * <ul>
 * <li>the remainder is capped at what is left of the liquidated position on its side (fills
 * outside the waterfall may have reduced it): the waterfall never opens a position for the
 * liquidated account;</li>
 * <li>the fund needs room for the position (it already holds the instrument, or has a free
 * position slot); without room there is no takeover, and a rest after ADL that the fund has no
 * room for stays on the liquidated ladder, whose evaluation then issues the next order;</li>
 * <li>the fund's position is the one that backs its position on the instrument (cross unless the
 * fund set that instrument isolated), and its takeover test is on that ladder;</li>
 * <li>rank is the exact quotient, truncated once to scale 8; candidates are ordered by that
 * truncated rank; a candidate whose ladder has {@code E <= 0} has no rank (none is reported);</li>
 * <li>transfers are not market fills: they do not change the instrument's last fill price.</li>
 * </ul>
 */
final class Waterfall
{
    private static final int RANK_SCALE = 8;

    private Waterfall()
    {
    }

    /** One opposite-side position that ADL may close, with its rank (null: ranks last). */
    private record Candidate(Account account, Position position, LadderRef ladder, BigDecimal rank)
    {
    }

    /** Orders candidates: ranked before unranked, higher rank first, lower account id, cross first. */
    private static final Comparator<Candidate> ADL_ORDER = Comparator
        .comparing((Candidate c) -> c.rank() == null ? 1 : 0)
        .thenComparing(c -> c.rank() == null ? BigDecimal.ZERO : c.rank().negate())
        .thenComparingLong(c -> c.account().id)
        .thenComparingInt(c -> c.ladder().isCross() ? -1 : c.ladder().instrument());

    /** Settles the remainder of {@code order}, which has just expired, for {@code account}. */
    static void expire(
        final EngineState state,
        final OutputWriter out,
        final Account account,
        final Instrument instrument,
        final LiquidationOrder order,
        final Capacity capacity)
    {
        final LadderRef liquidated = state.ladderOf(account, instrument.id);
        final List<LadderRef> settled = new ArrayList<>();
        settled.add(liquidated);
        final Position position = account.positions.get(instrument.id);
        final int side = order.sell() ? 1 : -1;
        if (position != null && position.qty.signum() == side)
        {
            final BigDecimal remainder = order.remaining().min(position.qty.abs());
            final BigDecimal price = order.price();
            if (fundTakesOver(state, instrument, signed(side, remainder), price, capacity))
            {
                takeOver(state, out, account, instrument, side, remainder, price);
            }
            else
            {
                final BigDecimal rest = deleverage(state, out, account, instrument, side, remainder, price, settled);
                if (rest.signum() > 0 && fundHasRoom(state, instrument, capacity))
                {
                    takeOver(state, out, account, instrument, side, rest, price);
                }
            }
        }
        for (final LadderRef ref : settled)
        {
            InsuranceFund.coverDeficit(state, out, ref);
        }
    }

    /**
     * The takeover test: with room for the position, the fund's ladder that would hold it has,
     * after netting {@code delta} at {@code price} (no fee, marks held), equity at least IMreq.
     */
    private static boolean fundTakesOver(
        final EngineState state,
        final Instrument instrument,
        final BigDecimal delta,
        final BigDecimal price,
        final Capacity capacity)
    {
        if (!fundHasRoom(state, instrument, capacity))
        {
            return false;
        }
        final Account fund = state.accounts.get(EngineState.FUND_ACCOUNT);
        final TradeInputs.CheckFigures after = TradeInputs.afterFill(state, state.ladderOf(fund, instrument.id),
            instrument, fund.positions.get(instrument.id), delta, price);
        return after.fits() && after.equity().compareTo(after.initial()) >= 0;
    }

    private static boolean fundHasRoom(final EngineState state, final Instrument instrument, final Capacity capacity)
    {
        final Account fund = state.accounts.get(EngineState.FUND_ACCOUNT);
        return fund.positions.containsKey(instrument.id) || fund.positions.size() < capacity.maxPositionsPerAccount();
    }

    /** The liquidated position closes {@code qty} at {@code price}; the fund nets it on the liquidated side. */
    private static void takeOver(
        final EngineState state,
        final OutputWriter out,
        final Account account,
        final Instrument instrument,
        final int side,
        final BigDecimal qty,
        final BigDecimal price)
    {
        transfer(state, out, account, instrument, signed(-side, qty), price, EngineState.FUND_ACCOUNT);
        transfer(state, out, state.accounts.get(EngineState.FUND_ACCOUNT), instrument, signed(side, qty), price,
            account.id);
    }

    /**
     * ADL of {@code remainder} against the opposite-side positions, highest rank first; adds each
     * candidate's ladder to {@code settled} and returns what no candidate took.
     */
    private static BigDecimal deleverage(
        final EngineState state,
        final OutputWriter out,
        final Account account,
        final Instrument instrument,
        final int side,
        final BigDecimal remainder,
        final BigDecimal price,
        final List<LadderRef> settled)
    {
        BigDecimal rest = remainder;
        for (final Candidate candidate : candidates(state, account, instrument, side))
        {
            if (rest.signum() == 0)
            {
                break;
            }
            final BigDecimal qty = rest.min(candidate.position().qty.abs());
            final BigDecimal closing = signed(side, qty);
            transfer(state, out, candidate.account(), instrument, closing, price, account.id);
            transfer(state, out, account, instrument, closing.negate(), price, candidate.account().id);
            // RULES 5a: a candidate with equity at or below zero is not ranked and reports rank 0
            out.adl(candidate.account().id, instrument.id, closing.signum() < 0, qty, price,
                candidate.rank() == null ? BigDecimal.ZERO : candidate.rank());
            settled.add(candidate.ladder());
            rest = rest.subtract(qty);
        }
        return rest;
    }

    /**
     * Every ladder but the fund's and the liquidated account's holding a non-zero position on
     * {@code instrument} against the liquidated {@code side}, in ADL order.
     */
    private static List<Candidate> candidates(
        final EngineState state, final Account liquidated, final Instrument instrument, final int side)
    {
        final List<Candidate> candidates = new ArrayList<>();
        for (final Account account : state.accounts.values())
        {
            final Position position = account.positions.get(instrument.id);
            if (account.id == EngineState.FUND_ACCOUNT || account == liquidated || position == null ||
                position.qty.signum() != -side)
            {
                continue;
            }
            final LadderRef ladder = state.ladderOf(account, instrument.id);
            candidates.add(new Candidate(account, position, ladder, rank(state, instrument, position, ladder)));
        }
        candidates.sort(ADL_ORDER);
        return candidates;
    }

    /**
     * {@code rank = PnL% x leverage} when {@code uPnL > 0}, else {@code PnL% / leverage}, with
     * {@code PnL% = uPnL / |C x m|} and {@code leverage = N / E} at the current mark, from the
     * candidate's own ladder; computed exactly and truncated toward zero to scale 8. Null when the
     * ladder's {@code E <= 0} (such a candidate ranks below all others).
     */
    static BigDecimal rank(final EngineState state, final Instrument instrument, final Position position,
        final LadderRef ladder)
    {
        final BigDecimal equity = state.figures(ladder).equity();
        if (equity.signum() <= 0)
        {
            return null;
        }
        final BigDecimal mark = instrument.mark();
        final BigDecimal upnl = MarginMath.unrealized(instrument, position.qty, position.cost, mark);
        final BigDecimal entryNotional = position.cost.multiply(instrument.multiplier).abs();
        final BigDecimal notional = MarginMath.notional(instrument, position.qty, mark);
        if (upnl.signum() > 0)
        {
            return upnl.multiply(notional).divide(entryNotional.multiply(equity), RANK_SCALE, RoundingMode.DOWN);
        }
        return upnl.multiply(equity).divide(entryNotional.multiply(notional), RANK_SCALE, RoundingMode.DOWN);
    }

    /**
     * Nets {@code delta} at {@code price} into the account's position on {@code instrument} (a new
     * cross position when it holds none) as a fill with no fee: realized PnL to the wallet that
     * backs it (reported, naming the other party {@code party}, when that wallet is the fund's
     * balance), a flat cross position removed.
     */
    private static void transfer(
        final EngineState state,
        final OutputWriter out,
        final Account account,
        final Instrument instrument,
        final BigDecimal delta,
        final BigDecimal price,
        final long party)
    {
        Position position = account.positions.get(instrument.id);
        if (position == null)
        {
            position = new Position(instrument.id, false,
                BigDecimal.ZERO.setScale(instrument.qtyScale), BigDecimal.ZERO.setScale(instrument.costScale()));
            account.positions.put(instrument.id, position);
        }
        final LadderRef ref = state.ladderOf(account, instrument.id);
        final MarginMath.FillResult result = MarginMath.fill(instrument, position.qty, position.cost, delta, price);
        position.qty = result.qty();
        position.cost = result.cost();
        InsuranceFund.credit(state, out, ref, result.realized(), party);
        state.totalRealizedPnl = state.totalRealizedPnl.add(result.realized());
        if (!position.isolated && position.isFlat())
        {
            account.positions.remove(instrument.id);
        }
    }

    private static BigDecimal signed(final int sign, final BigDecimal qty)
    {
        return sign > 0 ? qty : qty.negate();
    }
}
