package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.util.function.Supplier;

/**
 * After an input's effect and before it is committed: every stored value and every figure the
 * engine keeps in a {@code long} must fit its signed 64-bit mantissa at its scale, else the
 * input is rejected with {@code OVERFLOW} (RULES section 1). Checked: wallets, IWBs; per
 * position q, C, N, uPnL, MM, IM; per ladder E, MMreq, IMreq.
 */
final class RangeCheck
{
    private RangeCheck()
    {
    }

    static void requireInRange(final EngineState state)
    {
        for (final Account account : state.accounts.values())
        {
            requireFits(account.wallet, Decimals.MONEY_SCALE, () -> "wallet of account " + account.id);
            for (final Position position : account.positions.values())
            {
                requirePositionInRange(state, account, position);
            }
        }
        for (final LadderRef ref : state.ladders())
        {
            final LadderFigures figures = state.figures(ref);
            requireFits(figures.equity(), Decimals.MONEY_SCALE, () -> "equity of ladder " + ref);
            requireFits(figures.maintenance(), Decimals.MONEY_SCALE, () -> "maintenance of ladder " + ref);
            requireFits(figures.initial(), Decimals.MONEY_SCALE, () -> "initial margin of ladder " + ref);
        }
    }

    private static void requirePositionInRange(final EngineState state, final Account account, final Position position)
    {
        final Instrument instrument = state.instruments.get(position.instrument);
        final Supplier<String> where = () -> " of account " + account.id + " on instrument " + instrument.id;
        requireFits(position.qty, instrument.qtyScale, () -> "position" + where.get());
        requireFits(position.cost, instrument.costScale(), () -> "position cost" + where.get());
        if (position.isolated)
        {
            requireFits(position.isolatedWallet, Decimals.MONEY_SCALE, () -> "isolated margin" + where.get());
        }
        if (position.isFlat())
        {
            return;
        }
        final BigDecimal mark = instrument.mark();
        requireFits(MarginMath.notional(instrument, position.qty, mark), Decimals.MONEY_SCALE, () -> "notional" + where.get());
        requireFits(MarginMath.unrealized(instrument, position.qty, position.cost, mark), Decimals.MONEY_SCALE,
            () -> "unrealized PnL" + where.get());
        requireFits(MarginMath.maintenance(instrument, position.qty, mark), Decimals.MONEY_SCALE,
            () -> "maintenance" + where.get());
        requireFits(MarginMath.initial(instrument, position.qty, mark), Decimals.MONEY_SCALE,
            () -> "initial margin" + where.get());
    }

    private static void requireFits(final BigDecimal value, final int scale, final Supplier<String> what)
    {
        if (!Decimals.fits(value, scale))
        {
            throw new Reject(RejectCode.OVERFLOW, what.get() + " " + value.toPlainString() + " would leave the 64-bit range");
        }
    }
}
