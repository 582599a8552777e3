package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An instrument: its fixed definition plus the price facts the model keeps about it (last
 * mark, last fill price, when it was last marked, whether it is stale).
 */
final class Instrument
{
    final int id;
    final String symbol;
    final int priceScale;
    final int qtyScale;
    final BigDecimal multiplier;
    final BigDecimal liquidationFeeRate;
    final long staleAfterNs;
    /** Null when the mark move guard is off. */
    final BigDecimal maxMarkMoveRate;
    final List<Tier> tiers;

    /** Last accepted mark, null before the first one. */
    BigDecimal lastMark;
    /** Price of the last accepted fill on this instrument (any account), null before one. */
    BigDecimal lastFillPrice;
    /** Timestamp of the last mark, or of the definition before the first mark. */
    long lastMarkTs;
    boolean stale;

    Instrument(
        final int id,
        final String symbol,
        final int priceScale,
        final int qtyScale,
        final BigDecimal multiplier,
        final BigDecimal liquidationFeeRate,
        final long staleAfterNs,
        final BigDecimal maxMarkMoveRate,
        final List<Tier> tiers)
    {
        this.id = id;
        this.symbol = symbol;
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
        this.multiplier = multiplier;
        this.liquidationFeeRate = liquidationFeeRate;
        this.staleAfterNs = staleAfterNs;
        this.maxMarkMoveRate = maxMarkMoveRate;
        this.tiers = List.copyOf(tiers);
    }

    /**
     * Builds the tiers with their cumulative amounts: {@code cum[0] = 0},
     * {@code cum[t] = cum[t-1] + floor$(floor[t] x (mmr[t] - mmr[t-1]))}, same for {@code cumIm}.
     */
    static List<Tier> withCumulative(final List<BigDecimal[]> floorImrMmr)
    {
        final List<Tier> tiers = new ArrayList<>();
        BigDecimal cum = Decimals.zeroMoney();
        BigDecimal cumIm = Decimals.zeroMoney();
        for (int t = 0; t < floorImrMmr.size(); t++)
        {
            final BigDecimal[] row = floorImrMmr.get(t);
            if (t > 0)
            {
                final BigDecimal[] previous = floorImrMmr.get(t - 1);
                cum = cum.add(Decimals.floorMoney(row[0].multiply(row[2].subtract(previous[2]))));
                cumIm = cumIm.add(Decimals.floorMoney(row[0].multiply(row[1].subtract(previous[1]))));
            }
            tiers.add(new Tier(row[0], row[1], row[2], cumIm, cum));
        }
        return tiers;
    }

    /** The mark: the last mark, else the last fill price, else null (no price yet). */
    BigDecimal mark()
    {
        return lastMark != null ? lastMark : lastFillPrice;
    }

    /** Scale of a position's cost: qtyScale + priceScale. */
    int costScale()
    {
        return qtyScale + priceScale;
    }

    /** One price tick. */
    BigDecimal tick()
    {
        return BigDecimal.ONE.movePointLeft(priceScale).setScale(priceScale);
    }

    Instrument copy()
    {
        final Instrument copy = new Instrument(
            id, symbol, priceScale, qtyScale, multiplier, liquidationFeeRate, staleAfterNs, maxMarkMoveRate, tiers);
        copy.lastMark = lastMark;
        copy.lastFillPrice = lastFillPrice;
        copy.lastMarkTs = lastMarkTs;
        copy.stale = stale;
        return copy;
    }
}
