package io.marginengine.engine.logic;

import io.marginengine.engine.egress.ReasonBuilder;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.LadderDescriptor;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.IsolatedMarginDecoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.WithdrawDecoder;

/**
 * Money in and out of wallets: {@code deposit}, {@code withdraw} and {@code isolated_margin}
 * (SPEC section 4 "Other inputs", docs/RULES.md section 3). Every refusal is decided before
 * any wallet changes.
 */
public final class WalletKeeper
{

    private final AccountStore accounts;
    private final MarginCalculator calculator;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final CallLadder ladder;
    private final Totals totals;
    private final InsuranceFund fund;

    /**
     * @param accounts   account store.
     * @param calculator margin formulas.
     * @param lookups    id resolution.
     * @param numbers    decimal normalization.
     * @param rejection  where refusals are written.
     * @param ladder     single-ladder evaluation.
     * @param totals     money tallies.
     * @param fund       the insurance fund, whose deposits are reported.
     */
    public WalletKeeper(
        final AccountStore accounts, final MarginCalculator calculator, final Lookups lookups,
        final InputNumbers numbers, final Rejection rejection, final CallLadder ladder, final Totals totals,
        final InsuranceFund fund)
    {
        this.fund = fund;
        this.accounts = accounts;
        this.calculator = calculator;
        this.lookups = lookups;
        this.numbers = numbers;
        this.rejection = rejection;
        this.ladder = ladder;
        this.totals = totals;
    }

    /**
     * Applies {@code deposit}.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void deposit(final DepositDecoder in, final long now)
    {
        final int slot = lookups.account(in.account(), "deposit");
        final long amount = numbers.positive(in.amount(), MarginCalculator.MONEY_SCALE, "deposit", "amount");
        final long before = accounts.wallet(slot);
        try
        {
            accounts.wallet(slot, Int128Math.add(before, amount));
            calculator.cross(slot);
        }
        catch (final ArithmeticOverflowException ex)
        {
            accounts.wallet(slot, before);
            rejection.reason().append("deposit ").appendDecimal(amount, MarginCalculator.MONEY_SCALE).append(" to account ")
                .append(in.account()).append(" refused: the wallet would leave the 64-bit range");
            throw rejection.reject(RejectCode.OVERFLOW);
        }
        totals.deposit(amount);
        if (slot == fund.slot())
        {
            fund.deposited(amount);
        }
        // the cross ladder was computed above, after the deposit, and nothing changed it since
        ladder.evaluateComputed(slot, AccountStore.MISSING, now);
    }

    /**
     * Applies {@code withdraw}: the wallet must cover it, the cross ladder be NORMAL, and
     * equity after it stay at or above the initial requirement.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void withdraw(final WithdrawDecoder in, final long now)
    {
        final int slot = lookups.account(in.account(), "withdraw");
        final long amount = numbers.positive(in.amount(), MarginCalculator.MONEY_SCALE, "withdraw", "amount");
        takeFromCross(slot, in.account(), amount, "withdraw");
        accounts.wallet(slot, accounts.wallet(slot) - amount);
        totals.withdraw(amount);
        if (slot == fund.slot())
        {
            fund.report(fund.accountId(), -amount);
        }
        ladder.evaluate(slot, AccountStore.MISSING, now);
    }

    private void takeFromCross(final int slot, final long accountId, final long amount, final String input)
    {
        final long wallet = accounts.wallet(slot);
        if (wallet < amount)
        {
            refusal(input, amount, accountId).append(": wallet ").appendDecimal(wallet, MarginCalculator.MONEY_SCALE).append(" does not cover it");
            throw rejection.reject(RejectCode.INSUFFICIENT_FUNDS);
        }
        final int status = LadderDescriptor.status(accounts.buffer(), accounts.crossLadder(slot));
        if (status != LadderDescriptor.NORMAL)
        {
            refusal(input, amount, accountId).append(": the account is ")
                .append(status == LadderDescriptor.MARGIN_CALL ? "in MARGIN_CALL" : "LIQUIDATING")
                .append(" and only reduces risk");
            throw rejection.reject(RejectCode.NOT_ALLOWED);
        }
        calculator.cross(slot);
        final long equityAfter = Int128Math.subtract(calculator.equity, amount);
        if (equityAfter < calculator.initial)
        {
            refusal(input, amount, accountId).append(": equity ").appendDecimal(equityAfter, MarginCalculator.MONEY_SCALE)
                .append(" would fall below initial margin ").appendDecimal(calculator.initial, MarginCalculator.MONEY_SCALE);
            throw rejection.reject(RejectCode.INSUFFICIENT_MARGIN);
        }
    }

    private long sumOrRefuse(final long a, final long b, final String input, final long accountId)
    {
        try
        {
            return Int128Math.add(a, b);
        }
        catch (final ArithmeticOverflowException ex)
        {
            rejection.reason().append(input).append(" for account ").append(accountId)
                .append(" refused: a wallet would leave the 64-bit range");
            throw rejection.reject(RejectCode.OVERFLOW);
        }
    }

    private ReasonBuilder refusal(final String input, final long amount, final long accountId)
    {
        return rejection.reason().append(input).append(" ").appendDecimal(amount, MarginCalculator.MONEY_SCALE)
            .append(" from account ").append(accountId).append(" refused");
    }

    /**
     * Applies {@code isolated_margin}: a positive amount moves from the cross wallet to the
     * isolated position (checked like a withdrawal), a negative one back (only down to the
     * position's initial requirement).
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void isolatedMargin(final IsolatedMarginDecoder in, final long now)
    {
        final String input = "isolated_margin";
        final int slot = lookups.account(in.account(), input);
        lookups.instrument(in.instrument(), input);
        final long amount = numbers.value(in.amount(), MarginCalculator.MONEY_SCALE, input, "amount");
        if (amount == 0)
        {
            rejection.reason().append("isolated_margin field 'amount' must not be zero");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final int p = accounts.findPosition(slot, in.instrument());
        if (p == AccountStore.MISSING || !accounts.isIsolated(p))
        {
            rejection.reason().append("isolated_margin refused: instrument ").append(in.instrument())
                .append(" of account ").append(in.account()).append(" is not in isolated mode");
            throw rejection.reject(RejectCode.NOT_ALLOWED);
        }
        final long iwb = accounts.isolatedWallet(p);
        if (amount > 0)
        {
            takeFromCross(slot, in.account(), amount, input);
            final long newIwb = sumOrRefuse(iwb, amount, input, in.account());
            accounts.wallet(slot, accounts.wallet(slot) - amount);
            accounts.isolatedWallet(p, newIwb);
            if (slot == fund.slot())
            {
                fund.report(fund.accountId(), -amount);
            }
        }
        else
        {
            takeFromIsolated(p, in.account(), in.instrument(), -amount);
            final long newWallet = sumOrRefuse(accounts.wallet(slot), -amount, "isolated_margin", in.account());
            accounts.isolatedWallet(p, iwb + amount);
            accounts.wallet(slot, newWallet);
            if (slot == fund.slot())
            {
                fund.report(fund.accountId(), -amount);
            }
        }
        ladder.evaluate(slot, AccountStore.MISSING, now);
        ladder.evaluate(slot, p, now);
    }

    private void takeFromIsolated(final int p, final long accountId, final int instrumentId, final long amount)
    {
        final long iwb = accounts.isolatedWallet(p);
        if (iwb < amount)
        {
            rejection.reason().append("isolated_margin -").appendDecimal(amount, MarginCalculator.MONEY_SCALE).append(" for account ")
                .append(accountId).append(" refused: isolated margin ").appendDecimal(iwb, MarginCalculator.MONEY_SCALE)
                .append(" on instrument ").append(instrumentId).append(" does not cover it");
            throw rejection.reject(RejectCode.INSUFFICIENT_FUNDS);
        }
        if (LadderDescriptor.status(accounts.buffer(), accounts.isolatedLadder(p)) != LadderDescriptor.NORMAL)
        {
            rejection.reason().append("isolated_margin -").appendDecimal(amount, MarginCalculator.MONEY_SCALE).append(" for account ")
                .append(accountId).append(" refused: the isolated position on instrument ").append(instrumentId)
                .append(" is not NORMAL");
            throw rejection.reject(RejectCode.NOT_ALLOWED);
        }
        calculator.isolated(p);
        final long equityAfter = Int128Math.subtract(calculator.equity, amount);
        if (equityAfter < calculator.initial)
        {
            rejection.reason().append("isolated_margin -").appendDecimal(amount, MarginCalculator.MONEY_SCALE).append(" for account ")
                .append(accountId).append(" refused: isolated equity ").appendDecimal(equityAfter, MarginCalculator.MONEY_SCALE)
                .append(" would fall below its initial margin ").appendDecimal(calculator.initial, MarginCalculator.MONEY_SCALE);
            throw rejection.reject(RejectCode.INSUFFICIENT_MARGIN);
        }
    }
}
