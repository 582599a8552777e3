package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The formulas of RULES section 2 and the fill netting of section 3, on exact decimals.
 * Every method rounds only where RULES says, in the direction it says.
 */
final class MarginMath
{
    private MarginMath()
    {
    }

    /** {@code N(q, P) = ceil$(|q| x P x m)}. */
    static BigDecimal notional(final Instrument instrument, final BigDecimal qty, final BigDecimal price)
    {
        return Decimals.ceilMoney(qty.abs().multiply(price).multiply(instrument.multiplier));
    }

    /** The highest tier whose floor is at or below {@code notional}; -1 when none is (negative notional). */
    static int tierIndex(final Instrument instrument, final BigDecimal notional)
    {
        int index = -1;
        for (int t = 0; t < instrument.tiers.size(); t++)
        {
            if (instrument.tiers.get(t).floor().compareTo(notional) <= 0)
            {
                index = t;
            }
        }
        return index;
    }

    /** {@code MM = ceil$(N x mmr[t]) - cum[t]}; zero for a flat position. */
    static BigDecimal maintenance(final Instrument instrument, final BigDecimal qty, final BigDecimal mark)
    {
        if (qty.signum() == 0)
        {
            return Decimals.zeroMoney();
        }
        final BigDecimal notional = notional(instrument, qty, mark);
        final Tier tier = instrument.tiers.get(tierIndex(instrument, notional));
        return Decimals.ceilMoney(notional.multiply(tier.mmr())).subtract(tier.cum());
    }

    /** {@code IM = ceil$(N x imr[t]) - cumIm[t]}; zero for a flat position. */
    static BigDecimal initial(final Instrument instrument, final BigDecimal qty, final BigDecimal mark)
    {
        if (qty.signum() == 0)
        {
            return Decimals.zeroMoney();
        }
        final BigDecimal notional = notional(instrument, qty, mark);
        final Tier tier = instrument.tiers.get(tierIndex(instrument, notional));
        return Decimals.ceilMoney(notional.multiply(tier.imr())).subtract(tier.cumIm());
    }

    /** {@code uPnL = floor$((q x mark - C) x m)}. */
    static BigDecimal unrealized(
        final Instrument instrument, final BigDecimal qty, final BigDecimal cost, final BigDecimal mark)
    {
        return Decimals.floorMoney(qty.multiply(mark).subtract(cost).multiply(instrument.multiplier));
    }

    /** The reported entry price: {@code C / q} truncated toward zero to priceScale + 4 places; 0 when flat. */
    static BigDecimal entryPrice(final Instrument instrument, final BigDecimal qty, final BigDecimal cost)
    {
        if (qty.signum() == 0)
        {
            return BigDecimal.ZERO;
        }
        return cost.divide(qty, instrument.priceScale + 4, RoundingMode.DOWN);
    }

    /** Outcome of netting one fill into a position. */
    record FillResult(BigDecimal qty, BigDecimal cost, BigDecimal realized)
    {
    }

    /**
     * Nets a fill of signed quantity {@code delta} at {@code price} into the position
     * {@code (qty, cost)} (RULES section 3, Fills).
     * <ul>
     * <li>opening: {@code q += d, C += d x P};</li>
     * <li>reducing: {@code k = min(|d|, |q|)}, {@code s = sign(q) x k},
     * {@code Cr = ceil(C x k / |q|)} at the cost scale, realized {@code floor$((s x P - Cr) x m)},
     * {@code q -= s, C -= Cr}; a rest opens a new position the other way at {@code P}.</li>
     * </ul>
     */
    static FillResult fill(
        final Instrument instrument,
        final BigDecimal qty,
        final BigDecimal cost,
        final BigDecimal delta,
        final BigDecimal price)
    {
        final int costScale = instrument.costScale();
        if (qty.signum() == 0 || qty.signum() == delta.signum())
        {
            return new FillResult(
                qty.add(delta), cost.add(delta.multiply(price)).setScale(costScale, RoundingMode.UNNECESSARY),
                Decimals.zeroMoney());
        }
        final BigDecimal closed = delta.abs().min(qty.abs());
        final BigDecimal signedClosed = qty.signum() > 0 ? closed : closed.negate();
        final BigDecimal removedCost = cost.multiply(closed).divide(qty.abs(), costScale, RoundingMode.CEILING);
        final BigDecimal realized = Decimals.floorMoney(
            signedClosed.multiply(price).subtract(removedCost).multiply(instrument.multiplier));
        BigDecimal newQty = qty.subtract(signedClosed);
        BigDecimal newCost = cost.subtract(removedCost);
        final BigDecimal rest = delta.add(signedClosed);
        if (rest.signum() != 0)
        {
            newQty = rest;
            newCost = rest.multiply(price).setScale(costScale, RoundingMode.UNNECESSARY);
        }
        return new FillResult(newQty, newCost, realized);
    }
}
