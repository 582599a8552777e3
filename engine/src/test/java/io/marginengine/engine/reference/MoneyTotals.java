package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * Money that entered or left the wallets since the start, for the conservation invariant:
 * sum of all wallets (cross and isolated, the fund included) equals
 * {@code deposits - withdrawals + realizedPnl - fees - fundingPaid}. Liquidation fees (to the
 * fund) and deficit payments (from the fund) move money between wallets and are reported for
 * information only; takeovers and ADL realize PnL, which counts in {@code realizedPnl}.
 */
public record MoneyTotals(
    BigDecimal deposits,
    BigDecimal withdrawals,
    BigDecimal realizedPnl,
    BigDecimal fees,
    BigDecimal fundingPaid,
    BigDecimal liquidationFees,
    BigDecimal deficitsPaid)
{
}
