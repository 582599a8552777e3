package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

import static io.marginengine.engine.reference.Fields.refuseIf;
import static io.marginengine.engine.reference.Fields.require;

/**
 * Inputs that move money or settings of one account: {@code account}, {@code deposit},
 * {@code withdraw}, {@code margin_mode}, {@code isolated_margin}, {@code query}. Checks run in
 * the order unknown ids, numbers, value ranges, state rules (in the order RULES lists them),
 * capacity.
 */
final class AccountInputs
{
    private AccountInputs()
    {
    }

    static boolean account(final EngineState state, final JsonNode input, final Capacity capacity)
    {
        final long id = Fields.account(input);
        require(id >= 0, "account id " + id + " is negative");
        refuseIf(state.accounts.containsKey(id), RejectCode.ALREADY_EXISTS, "account " + id + " already exists");
        refuseIf(state.accounts.size() >= capacity.maxAccounts(), RejectCode.CAPACITY,
            "account " + id + " refused: the engine holds its maximum of " + capacity.maxAccounts() + " accounts");
        state.accounts.put(id, new Account(id));
        return false;
    }

    /** Adds to the cross wallet; a deposit to the fund (account 0) is reported as {@code insurance_fund}. */
    static boolean deposit(final EngineState state, final JsonNode input, final OutputWriter out)
    {
        final Account account = state.account(Fields.account(input));
        final BigDecimal amount = Fields.money(input, "amount");
        require(amount.signum() > 0, "deposit amount " + amount.toPlainString() + " must be above 0");
        InsuranceFund.credit(state, out, LadderRef.cross(account.id), amount, account.id);
        state.totalDeposits = state.totalDeposits.add(amount);
        return true;
    }

    /** Takes from the cross wallet; a withdrawal from the fund is reported as {@code insurance_fund}. */
    static boolean withdraw(final EngineState state, final JsonNode input, final OutputWriter out)
    {
        final Account account = state.account(Fields.account(input));
        final BigDecimal amount = Fields.money(input, "amount");
        require(amount.signum() > 0, "withdraw amount " + amount.toPlainString() + " must be above 0");
        takeFromCross(state, out, account, amount, "withdraw");
        state.totalWithdrawals = state.totalWithdrawals.add(amount);
        return true;
    }

    /**
     * Takes {@code amount} out of the cross wallet with the withdrawal rules:
     * {@code INSUFFICIENT_FUNDS} when {@code WB < amount}, {@code NOT_ALLOWED} unless the cross
     * ladder is NORMAL, {@code INSUFFICIENT_MARGIN} when afterwards {@code E < IMreq}.
     */
    private static void takeFromCross(
        final EngineState state, final OutputWriter out, final Account account, final BigDecimal amount,
        final String what)
    {
        final String prefix = what + " " + amount.toPlainString() + " from account " + account.id + " refused: ";
        refuseIf(account.wallet.compareTo(amount) < 0, RejectCode.INSUFFICIENT_FUNDS,
            prefix + "wallet holds " + account.wallet.toPlainString());
        refuseIf(account.cross.status != LadderStatus.NORMAL, RejectCode.NOT_ALLOWED,
            prefix + "the account is " + account.cross.status);
        final LadderFigures figures = state.figures(LadderRef.cross(account.id));
        final BigDecimal equityAfter = figures.equity().subtract(amount);
        refuseIf(equityAfter.compareTo(figures.initial()) < 0, RejectCode.INSUFFICIENT_MARGIN,
            prefix + "equity " + equityAfter.toPlainString() + " would fall below initial margin " +
            figures.initial().toPlainString());
        InsuranceFund.credit(state, out, LadderRef.cross(account.id), amount.negate(), account.id);
    }

    /**
     * Switches an instrument between cross and isolated. Setting the mode it already has does
     * nothing. Otherwise NOT_ALLOWED while the position is non-zero, or (back to cross) while the
     * isolated ladder is not NORMAL. Isolated creates a flat isolated position (a position slot);
     * cross returns IWB to the cross wallet and removes it.
     */
    static boolean marginMode(
        final EngineState state, final JsonNode input, final OutputWriter out, final Capacity capacity)
    {
        final Account account = state.account(Fields.account(input));
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final boolean toIsolated = "isolated".equals(input.get("mode").textValue());
        final Position position = account.positions.get(instrument.id);
        final boolean isIsolated = position != null && position.isolated;
        if (toIsolated == isIsolated)
        {
            return false;
        }
        final String prefix = "margin_mode " + input.get("mode").textValue() + " for account " + account.id +
            " on instrument " + instrument.id + " refused: ";
        refuseIf(position != null && !position.isFlat(), RejectCode.NOT_ALLOWED,
            prefix + "the account holds a position of " + (position == null ? "" : position.qty.toPlainString()));
        if (toIsolated)
        {
            refuseIf(account.positions.size() >= capacity.maxPositionsPerAccount(), RejectCode.CAPACITY,
                prefix + "the account holds its maximum of " + capacity.maxPositionsPerAccount() + " positions");
            account.positions.put(instrument.id, new Position(instrument.id, true,
                BigDecimal.ZERO.setScale(instrument.qtyScale), BigDecimal.ZERO.setScale(instrument.costScale())));
        }
        else
        {
            refuseIf(position.ladder.status != LadderStatus.NORMAL, RejectCode.NOT_ALLOWED,
                prefix + "the isolated position is " + position.ladder.status);
            InsuranceFund.credit(state, out, LadderRef.cross(account.id), position.isolatedWallet, account.id);
            account.positions.remove(instrument.id);
        }
        return true;
    }

    /**
     * Moves money between the cross wallet and an isolated position: positive amounts as a
     * withdrawal from the cross part; negative ones need {@code IWB >= |amount|}, a NORMAL isolated
     * ladder, and afterwards {@code IWB + uPnL >= IM}.
     */
    static boolean isolatedMargin(final EngineState state, final JsonNode input, final OutputWriter out)
    {
        final Account account = state.account(Fields.account(input));
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final BigDecimal amount = Fields.money(input, "amount");
        require(amount.signum() != 0, "isolated_margin amount must not be 0");
        final Position position = account.positions.get(instrument.id);
        refuseIf(position == null || !position.isolated, RejectCode.NOT_ALLOWED,
            "isolated_margin for account " + account.id + " refused: instrument " + instrument.id + " is not isolated");
        if (amount.signum() > 0)
        {
            takeFromCross(state, out, account, amount, "isolated_margin");
            position.isolatedWallet = position.isolatedWallet.add(amount);
            return true;
        }
        final BigDecimal taken = amount.negate();
        final String prefix = "isolated_margin " + amount.toPlainString() + " for account " + account.id +
            " on instrument " + instrument.id + " refused: ";
        refuseIf(position.isolatedWallet.compareTo(taken) < 0, RejectCode.INSUFFICIENT_FUNDS,
            prefix + "isolated margin holds " + position.isolatedWallet.toPlainString());
        refuseIf(position.ladder.status != LadderStatus.NORMAL, RejectCode.NOT_ALLOWED,
            prefix + "the isolated position is " + position.ladder.status);
        final LadderFigures figures = state.figures(new LadderRef(account.id, instrument.id));
        final BigDecimal equityAfter = figures.equity().subtract(taken);
        refuseIf(equityAfter.compareTo(figures.initial()) < 0, RejectCode.INSUFFICIENT_MARGIN,
            prefix + "isolated equity " + equityAfter.toPlainString() + " would fall below initial margin " +
            figures.initial().toPlainString());
        position.isolatedWallet = position.isolatedWallet.subtract(taken);
        InsuranceFund.credit(state, out, LadderRef.cross(account.id), taken, account.id);
        return true;
    }

    static boolean query(final EngineState state, final JsonNode input, final OutputWriter out)
    {
        AccountStateWriter.write(state, state.account(Fields.account(input)), out);
        return false;
    }
}
