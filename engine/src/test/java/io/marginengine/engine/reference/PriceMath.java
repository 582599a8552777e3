package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Liquidation and bankruptcy prices of a position (SPEC section 3, RULES section 6).
 * <p>
 * With {@code Q = |q| x m}, {@code side = sign(q)}, signed cost {@code C} (so that
 * {@code side x Q x EP = C x m}), ladder wallet {@code W} and the other positions' {@code MMo},
 * {@code uPnLo}:
 * <pre>
 *   LP(t) = (W - MMo + uPnLo + cum[t] - C x m) / (Q x mmr[t] - side x Q)
 *   BP    = (W + uPnLo - C x m) / (-side x Q)
 * </pre>
 * This is SPEC's {@code - side x Q x EP} written with the signed cost. (RULES writes
 * {@code - side x C x m}, which is the same for a long but has the wrong sign for a short;
 * solving E = MMreq, resp. E = 0, for the mark gives the form above.)
 */
final class PriceMath
{
    private PriceMath()
    {
    }

    /**
     * The liquidation price, rounded half-up to the tick; null when flat or when the rounded
     * price is not above zero. The tier is the first, in ascending order, that the notional
     * at {@code LP(t)} falls in; if none, the tier of the current notional.
     */
    static BigDecimal liquidationPrice(
        final Instrument instrument,
        final Position position,
        final BigDecimal wallet,
        final BigDecimal maintenanceOthers,
        final BigDecimal unrealizedOthers)
    {
        if (position.isFlat())
        {
            return null;
        }
        final BigDecimal q = position.qty.abs().multiply(instrument.multiplier);
        final BigDecimal costTimesMultiplier = position.cost.multiply(instrument.multiplier);
        final int side = position.qty.signum();
        final BigDecimal base = wallet.subtract(maintenanceOthers).add(unrealizedOthers).subtract(costTimesMultiplier);

        int chosen = -1;
        for (int t = 0; t < instrument.tiers.size() && chosen < 0; t++)
        {
            final Tier tier = instrument.tiers.get(t);
            final BigDecimal numerator = base.add(tier.cum());
            // RULES section 6: the candidate is LP(t) rounded half-up to the tick; one at or below
            // zero is skipped; it is consistent when N(q, LP(t)) falls in tier t.
            final BigDecimal candidate = numerator.divide(denominator(q, tier, side), instrument.priceScale,
                RoundingMode.HALF_UP);
            if (candidate.signum() > 0 &&
                MarginMath.tierIndex(instrument, MarginMath.notional(instrument, position.qty, candidate)) == t)
            {
                chosen = t;
            }
        }
        if (chosen < 0)
        {
            chosen = MarginMath.tierIndex(instrument, MarginMath.notional(instrument, position.qty, instrument.mark()));
        }
        final Tier tier = instrument.tiers.get(chosen);
        final BigDecimal lp = base.add(tier.cum())
            .divide(denominator(q, tier, side), instrument.priceScale, RoundingMode.HALF_UP);
        return lp.signum() > 0 ? lp : null;
    }

    private static BigDecimal denominator(final BigDecimal q, final Tier tier, final int side)
    {
        return q.multiply(tier.mmr()).subtract(side > 0 ? q : q.negate());
    }

    /**
     * The bankruptcy price (equity zero), rounded as a liquidation limit: up to the tick for a
     * long (the order sells), down for a short; null when flat or not above zero.
     */
    static BigDecimal bankruptcyPrice(
        final Instrument instrument,
        final Position position,
        final BigDecimal wallet,
        final BigDecimal unrealizedOthers)
    {
        if (position.isFlat())
        {
            return null;
        }
        final BigDecimal q = position.qty.abs().multiply(instrument.multiplier);
        final boolean isLong = position.qty.signum() > 0;
        final BigDecimal numerator = wallet.add(unrealizedOthers).subtract(position.cost.multiply(instrument.multiplier));
        final BigDecimal denominator = isLong ? q.negate() : q;
        final BigDecimal bp = numerator.divide(denominator, instrument.priceScale,
            isLong ? RoundingMode.CEILING : RoundingMode.FLOOR);
        return bp.signum() > 0 ? bp : null;
    }
}
