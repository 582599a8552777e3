package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * The one outstanding liquidation order of a ladder: what was sent and how much of it is
 * still open. Immutable; a partial fill replaces it with {@link #withRemaining}.
 */
record LiquidationOrder(long orderId, int instrument, boolean sell, BigDecimal remaining, BigDecimal price)
{
    LiquidationOrder withRemaining(final BigDecimal newRemaining)
    {
        return new LiquidationOrder(orderId, instrument, sell, newRemaining, price);
    }
}
