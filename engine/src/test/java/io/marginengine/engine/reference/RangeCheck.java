package io.marginengine.engine.reference;

import java.math.BigDecimal;

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
            Decimals.requireFits(account.wallet, Decimals.MONEY_SCALE, "wallet of account " + account.id);
            for (final Position position : account.positions.values())
            {
                requirePositionInRange(state, account, position);
            }
        }
        for (final LadderRef ref : state.ladders())
        {
            final LadderFigures figures = state.figures(ref);
            final String what = "ladder " + ref;
            Decimals.requireFits(figures.equity(), Decimals.MONEY_SCALE, "equity of " + what);
            Decimals.requireFits(figures.maintenance(), Decimals.MONEY_SCALE, "maintenance of " + what);
            Decimals.requireFits(figures.initial(), Decimals.MONEY_SCALE, "initial margin of " + what);
        }
    }

    private static void requirePositionInRange(final EngineState state, final Account account, final Position position)
    {
        final Instrument instrument = state.instruments.get(position.instrument);
        final String what = " of account " + account.id + " on instrument " + instrument.id;
        Decimals.requireFits(position.qty, instrument.qtyScale, "position" + what);
        Decimals.requireFits(position.cost, instrument.costScale(), "position cost" + what);
        if (position.isolated)
        {
            Decimals.requireFits(position.isolatedWallet, Decimals.MONEY_SCALE, "isolated margin" + what);
        }
        if (position.isFlat())
        {
            return;
        }
        final BigDecimal mark = instrument.mark();
        Decimals.requireFits(MarginMath.notional(instrument, position.qty, mark), Decimals.MONEY_SCALE, "notional" + what);
        Decimals.requireFits(MarginMath.unrealized(instrument, position.qty, position.cost, mark), Decimals.MONEY_SCALE,
            "unrealized PnL" + what);
        Decimals.requireFits(MarginMath.maintenance(instrument, position.qty, mark), Decimals.MONEY_SCALE,
            "maintenance" + what);
        Decimals.requireFits(MarginMath.initial(instrument, position.qty, mark), Decimals.MONEY_SCALE,
            "initial margin" + what);
    }
}
