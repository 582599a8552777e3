package io.marginengine.engine.differential;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Invariants that hold after every input whatever the stream:
 * <ul>
 * <li>money is conserved: the sum of all wallets (cross and isolated, the fund included) equals
 * {@code deposits - withdrawals + realized PnL - fees - funding paid};</li>
 * <li>no breach goes unnoticed: no ladder that holds a position and has
 * {@code E < callLevel x MM} is NORMAL.</li>
 * </ul>
 */
final class Invariants
{
    private Invariants()
    {
    }

    /** The invariants {@code view} breaks now, in words; empty when it keeps them all. */
    static List<String> violations(final InvariantView view)
    {
        final List<String> violations = new ArrayList<>();
        BigDecimal wallets = BigDecimal.ZERO;
        for (final long account : view.accounts())
        {
            wallets = wallets.add(view.crossWallet(account));
            for (final BigDecimal isolated : view.isolatedWallets(account).values())
            {
                wallets = wallets.add(isolated);
            }
        }
        final InvariantView.Totals totals = view.totals();
        final BigDecimal expected = totals.deposits().subtract(totals.withdrawals()).add(totals.realizedPnl())
            .subtract(totals.fees()).subtract(totals.fundingPaid());
        if (wallets.compareTo(expected) != 0)
        {
            violations.add("money is not conserved: wallets sum to " + wallets.toPlainString() + " but deposits " +
                totals.deposits().toPlainString() + " - withdrawals " + totals.withdrawals().toPlainString() +
                " + realized " + totals.realizedPnl().toPlainString() + " - fees " + totals.fees().toPlainString() +
                " - funding " + totals.fundingPaid().toPlainString() + " = " + expected.toPlainString());
        }
        for (final InvariantView.Ladder ladder : view.ladders())
        {
            if (ladder.hasPositions() && "NORMAL".equals(ladder.status()) &&
                ladder.equity().compareTo(view.callLevel().multiply(ladder.maintenance())) < 0)
            {
                violations.add("breach unnoticed: " + ladder + " is NORMAL with equity below callLevel " +
                    view.callLevel().toPlainString() + " x maintenance");
            }
        }
        return violations;
    }
}
