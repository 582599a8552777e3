package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Answers a {@code query} with an {@code account_state}: the cross ladder's figures and every
 * position (cross and isolated) in ascending instrument id with its own figures, liquidation
 * and bankruptcy prices.
 */
final class AccountStateWriter
{
    private AccountStateWriter()
    {
    }

    static void write(final EngineState state, final Account account, final OutputWriter out)
    {
        final LadderRef crossRef = LadderRef.cross(account.id);
        final LadderFigures cross = state.figures(crossRef);
        final ObjectNode node = out.begin("account_state");
        node.put("account", account.id);
        node.put("status", account.cross.status.name());
        node.put("wallet", Decimals.text(account.wallet));
        node.put("equity", Decimals.text(cross.equity()));
        node.put("maintenance", Decimals.text(cross.maintenance()));
        node.put("initial", Decimals.text(cross.initial()));
        node.put("marginRatio", marginRatio(cross));
        final ArrayNode positions = node.putArray("positions");
        for (final Position position : account.positions.values())
        {
            writePosition(state, account, position, cross, positions.addObject());
        }
    }

    /** The largest reported figure: 2^63 - 1 at scale 8 (RULES section 4). */
    static final BigDecimal LARGEST = new BigDecimal(java.math.BigInteger.valueOf(Long.MAX_VALUE), 8);

    /** {@code ceil(MM / E)} at scale 8, "infinite" when {@code E <= 0}, held at {@link #LARGEST}. */
    static String marginRatio(final LadderFigures figures)
    {
        if (figures.equity().signum() <= 0)
        {
            return "infinite";
        }
        return Decimals.text(figures.maintenance().divide(figures.equity(), 8, RoundingMode.CEILING).min(LARGEST));
    }

    private static void writePosition(
        final EngineState state,
        final Account account,
        final Position position,
        final LadderFigures cross,
        final ObjectNode node)
    {
        final Instrument instrument = state.instruments.get(position.instrument);
        final BigDecimal mark = instrument.mark();
        final BigDecimal upnl = position.isFlat() ?
            Decimals.zeroMoney() : MarginMath.unrealized(instrument, position.qty, position.cost, mark);
        final BigDecimal maintenance = MarginMath.maintenance(instrument, position.qty, mark);
        final BigDecimal initial = MarginMath.initial(instrument, position.qty, mark);

        final BigDecimal wallet;
        final BigDecimal maintenanceOthers;
        final BigDecimal unrealizedOthers;
        if (position.isolated)
        {
            wallet = position.isolatedWallet;
            maintenanceOthers = BigDecimal.ZERO;
            unrealizedOthers = BigDecimal.ZERO;
        }
        else
        {
            wallet = account.wallet;
            maintenanceOthers = cross.maintenance().subtract(maintenance);
            unrealizedOthers = cross.equity().subtract(cross.wallet()).subtract(upnl);
        }

        node.put("instrument", position.instrument);
        node.put("qty", Decimals.text(position.qty));
        node.put("entryPrice", Decimals.text(MarginMath.entryPrice(instrument, position.qty, position.cost)));
        if (mark != null)
        {
            node.put("mark", Decimals.text(mark));
        }
        node.put("upnl", Decimals.text(upnl));
        node.put("maintenance", Decimals.text(maintenance));
        node.put("initial", Decimals.text(initial));
        node.put("isolated", position.isolated);
        node.put("isolatedMargin", Decimals.text(position.isolated ? position.isolatedWallet : BigDecimal.ZERO));
        putPrice(node, "liquidationPrice",
            PriceMath.liquidationPrice(instrument, position, wallet, maintenanceOthers, unrealizedOthers));
        putPrice(node, "bankruptcyPrice", PriceMath.bankruptcyPrice(instrument, position, wallet, unrealizedOthers));
        node.put("status", position.isolated ? position.ladder.status.name() : LadderStatus.NORMAL.name());
    }

    private static void putPrice(final ObjectNode node, final String field, final BigDecimal price)
    {
        if (price == null)
        {
            node.putNull(field);
        }
        else
        {
            node.put(field, Decimals.text(price));
        }
    }
}
