package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * Equity and requirements of one ladder at current marks: wallet W, {@code E = W + sum uPnL},
 * {@code MMreq}, {@code IMreq}, and whether it holds any non-zero position.
 */
record LadderFigures(BigDecimal wallet, BigDecimal equity, BigDecimal maintenance, BigDecimal initial,
                     boolean hasPositions)
{
}
