package io.marginengine.engine.differential;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a model under test may expose so {@code InvariantProperties} can check it after every
 * input: balances, positions, the money that entered and left, and every ladder's status and
 * figures.
 * Optional: a {@code ModelUnderTest} that also implements this is checked, others are not.
 */
public interface InvariantView
{
    /**
     * One ladder: the cross part of {@code account} when {@code instrument} is null, else an isolated
     * position; {@code wallet} is its WB or IWB.
     */
    record Ladder(long account, Integer instrument, String status, BigDecimal wallet, BigDecimal equity,
                  BigDecimal maintenance, boolean hasPositions)
    {
    }

    /** Money that entered or left the wallets since the start (fills' fees, funding paid: signed). */
    record Totals(BigDecimal deposits, BigDecimal withdrawals, BigDecimal realizedPnl, BigDecimal fees,
                  BigDecimal fundingPaid)
    {
    }

    /** Every account id, the insurance fund included. */
    List<Long> accounts();

    /** The cross wallet WB (for the fund's account: its balance). */
    BigDecimal crossWallet(long account);

    /** The isolated wallets IWB of an account by instrument id. */
    Map<Integer, BigDecimal> isolatedWallets(long account);

    /** The non-zero positions of an account, cross and isolated: signed quantity by instrument id. */
    Map<Integer, BigDecimal> positions(long account);

    /** The insurance fund's balance. */
    BigDecimal fundBalance();

    /** The account id of the insurance fund. */
    default long fundAccount()
    {
        return 0;
    }

    /** Money that entered or left the wallets since the start. */
    Totals totals();

    /** Every ladder with its status, equity and maintenance requirement at current marks. */
    List<Ladder> ladders();

    /** The current {@code callLevel}. */
    BigDecimal callLevel();
}
