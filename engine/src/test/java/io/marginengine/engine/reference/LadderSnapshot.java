package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * One ladder as the model sees it now, for invariant checks: the cross part of
 * {@code account} when {@code instrument} is null, else its isolated position; {@code wallet} is
 * its WB or IWB.
 */
public record LadderSnapshot(
    long account,
    Integer instrument,
    String status,
    BigDecimal wallet,
    BigDecimal equity,
    BigDecimal maintenance,
    BigDecimal initial,
    boolean hasPositions,
    boolean liquidationOrderOutstanding)
{
}
