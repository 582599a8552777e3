package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * A position of one account on one instrument: signed quantity {@code qty} (qtyScale),
 * signed cost {@code cost} (sum of signed qty x price over the opening fills, at
 * qtyScale + priceScale). An isolated position also holds its wallet {@code isolatedWallet}
 * and its own {@link Ladder}; it stays while flat until the mode goes back to cross.
 */
final class Position
{
    final int instrument;
    final boolean isolated;
    BigDecimal qty;
    BigDecimal cost;
    /** IWB; null for a cross position. */
    BigDecimal isolatedWallet;
    /** The isolated ladder; null for a cross position. */
    Ladder ladder;

    Position(final int instrument, final boolean isolated, final BigDecimal qty, final BigDecimal cost)
    {
        this.instrument = instrument;
        this.isolated = isolated;
        this.qty = qty;
        this.cost = cost;
        if (isolated)
        {
            isolatedWallet = Decimals.zeroMoney();
            ladder = new Ladder();
        }
    }

    boolean isFlat()
    {
        return qty.signum() == 0;
    }

    Position copy()
    {
        final Position copy = new Position(instrument, isolated, qty, cost);
        copy.isolatedWallet = isolatedWallet;
        copy.ladder = ladder == null ? null : ladder.copy();
        return copy;
    }
}
