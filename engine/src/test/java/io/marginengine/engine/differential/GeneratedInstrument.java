package io.marginengine.engine.differential;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the stream generator knows about one instrument it defined: its scales and multiplier,
 * and the last accepted mark (the random walk continues from there).
 */
final class GeneratedInstrument
{
    final int id;
    final int priceScale;
    final int qtyScale;
    final BigDecimal multiplier;
    final boolean guarded;
    boolean defined;
    /** Last accepted mark, or the price the walk starts from before the first mark. */
    BigDecimal price;

    GeneratedInstrument(
        final int id, final int priceScale, final int qtyScale, final BigDecimal multiplier, final boolean guarded,
        final BigDecimal startPrice)
    {
        this.id = id;
        this.priceScale = priceScale;
        this.qtyScale = qtyScale;
        this.multiplier = multiplier;
        this.guarded = guarded;
        this.price = startPrice;
    }

    /** {@code value} rounded to the tick, at least one tick. */
    BigDecimal toTick(final BigDecimal value)
    {
        final BigDecimal tick = BigDecimal.ONE.movePointLeft(priceScale);
        return value.setScale(priceScale, RoundingMode.HALF_UP).max(tick);
    }

    /** Lots (units of the last qty decimal) of a quantity at this instrument's scale. */
    long lots(final BigDecimal qty)
    {
        return qty.setScale(qtyScale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    BigDecimal qty(final long lots)
    {
        return BigDecimal.valueOf(lots, qtyScale);
    }
}
