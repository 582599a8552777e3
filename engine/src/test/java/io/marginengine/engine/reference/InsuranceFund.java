package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * The insurance fund of RULES section 5a: account 0, whose cross wallet is the fund's balance.
 * <ul>
 * <li>Every change of that balance emits {@code insurance_fund} {account (the other party, 0 when
 * there is none), delta (positive: into the fund), balance (after), shortfall (only when the fund
 * could not pay)}; a change of zero emits nothing.</li>
 * <li>Liquidation fee: moved from the wallet that backs the liquidated position to the fund.</li>
 * <li>Deficit: a ladder that holds no non-zero position and whose wallet is negative is paid
 * {@code min(deficit, balance)} by the fund (never more than the fund holds, so a fund with a
 * balance of zero or below pays nothing); what stays unpaid is reported as {@code shortfall} in
 * the same event, with {@code delta} 0 when nothing was paid.</li>
 * </ul>
 * RULES section 5a applies the deficit rule after a liquidation fill, a takeover or ADL. The
 * model applies it after <em>any</em> fill too: an account that closes an underwater position
 * itself (reducing orders are always accepted, and fills are facts) is left just as flat and
 * negative, and SPEC promises that no account ever keeps a silently negative balance.
 */
final class InsuranceFund
{
    private static final LadderRef FUND = LadderRef.cross(EngineState.FUND_ACCOUNT);

    private InsuranceFund()
    {
    }

    /** True for the fund's cross ladder, whose wallet is the fund's balance. */
    static boolean isBalance(final LadderRef ref)
    {
        return ref.equals(FUND);
    }

    /** The fund's balance: its cross wallet. */
    static BigDecimal balance(final EngineState state)
    {
        return state.wallet(FUND);
    }

    /**
     * Adds {@code amount} to the wallet of {@code ref}; when that wallet is the fund's balance and
     * the amount is not zero, reports the change with {@code party} as the other party.
     */
    static void credit(
        final EngineState state, final OutputWriter out, final LadderRef ref, final BigDecimal amount, final long party)
    {
        state.addToWallet(ref, amount);
        if (isBalance(ref) && amount.signum() != 0)
        {
            out.insuranceFund(party, amount, balance(state), null);
        }
    }

    /** Moves a liquidation fee from the wallet of the liquidated ladder {@code ref} to the fund. */
    static void collectFee(final EngineState state, final OutputWriter out, final LadderRef ref, final BigDecimal fee)
    {
        state.addToWallet(ref, fee.negate());
        credit(state, out, FUND, fee, ref.account());
        state.totalLiquidationFees = state.totalLiquidationFees.add(fee);
    }

    /**
     * The deficit rule: if the ladder {@code ref} holds no non-zero position and its wallet is
     * negative, the fund pays what it can and reports what it could not.
     */
    static void coverDeficit(final EngineState state, final OutputWriter out, final LadderRef ref)
    {
        if (ref.account() == EngineState.FUND_ACCOUNT)
        {
            return;
        }
        final LadderFigures figures = state.figures(ref);
        if (figures.hasPositions() || figures.wallet().signum() >= 0)
        {
            return;
        }
        final BigDecimal deficit = figures.wallet().negate();
        final BigDecimal paid = deficit.min(balance(state).max(Decimals.zeroMoney()));
        state.addToWallet(FUND, paid.negate());
        state.addToWallet(ref, paid);
        state.totalDeficitsPaid = state.totalDeficitsPaid.add(paid);
        final BigDecimal shortfall = deficit.subtract(paid);
        out.insuranceFund(ref.account(), paid.negate(), balance(state), shortfall.signum() > 0 ? shortfall : null);
    }
}
