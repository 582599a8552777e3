package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.AccountDecoder;
import io.marginengine.journal.sbe.CheckDecoder;
import io.marginengine.journal.sbe.ClockDecoder;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.FundingDecoder;
import io.marginengine.journal.sbe.InstrumentDecoder;
import io.marginengine.journal.sbe.InvalidInputDecoder;
import io.marginengine.journal.sbe.IsolatedMarginDecoder;
import io.marginengine.journal.sbe.LiquidationExpiredDecoder;
import io.marginengine.journal.sbe.MarginModeChangeDecoder;
import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.ParamsDecoder;
import io.marginengine.journal.sbe.QueryDecoder;
import io.marginengine.journal.sbe.WithdrawDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.marginengine.journal.codec.JsonLine.decimal;
import static io.marginengine.journal.codec.JsonLine.integer;

/**
 * Writes SBE input messages as JSON Lines, in the form {@link JsonInputEncoder} reads back
 * to the same bytes: {@code type}, {@code ts}, then {@code seq} when present and
 * {@code source} when not 0, then the fields in schema order; optional fields only when
 * present. Used by the journal dump and to turn recorded inputs back into scenario files.
 */
final class InputLineWriter
{
    private final InstrumentDecoder instrument = new InstrumentDecoder();
    private final ParamsDecoder params = new ParamsDecoder();
    private final AccountDecoder account = new AccountDecoder();
    private final DepositDecoder deposit = new DepositDecoder();
    private final WithdrawDecoder withdraw = new WithdrawDecoder();
    private final MarginModeChangeDecoder marginMode = new MarginModeChangeDecoder();
    private final IsolatedMarginDecoder isolatedMargin = new IsolatedMarginDecoder();
    private final FillDecoder fill = new FillDecoder();
    private final LiquidationExpiredDecoder liquidationExpired = new LiquidationExpiredDecoder();
    private final MarkDecoder mark = new MarkDecoder();
    private final FundingDecoder funding = new FundingDecoder();
    private final ClockDecoder clock = new ClockDecoder();
    private final CheckDecoder check = new CheckDecoder();
    private final QueryDecoder query = new QueryDecoder();
    private final InvalidInputDecoder invalidInput = new InvalidInputDecoder();
    private final UnsafeBuffer text = new UnsafeBuffer(0, 0);

    /**
     * Writes one input message body.
     *
     * @return the length of the body read (after the header), or -1 for a template id that
     *     is no input.
     */
    int write(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version,
        final StringBuilder out)
    {
        switch (templateId)
        {
            case InstrumentDecoder.TEMPLATE_ID: return instrument(instrument.wrap(buffer, offset, blockLength, version), out);
            case ParamsDecoder.TEMPLATE_ID: return params(params.wrap(buffer, offset, blockLength, version), out);
            case AccountDecoder.TEMPLATE_ID: return account(account.wrap(buffer, offset, blockLength, version), out);
            case DepositDecoder.TEMPLATE_ID: return deposit(deposit.wrap(buffer, offset, blockLength, version), out);
            case WithdrawDecoder.TEMPLATE_ID: return withdraw(withdraw.wrap(buffer, offset, blockLength, version), out);
            case MarginModeChangeDecoder.TEMPLATE_ID:
                return marginMode(marginMode.wrap(buffer, offset, blockLength, version), out);
            case IsolatedMarginDecoder.TEMPLATE_ID:
                return isolatedMargin(isolatedMargin.wrap(buffer, offset, blockLength, version), out);
            case FillDecoder.TEMPLATE_ID: return fill(fill.wrap(buffer, offset, blockLength, version), out);
            case LiquidationExpiredDecoder.TEMPLATE_ID:
                return liquidationExpired(liquidationExpired.wrap(buffer, offset, blockLength, version), out);
            case MarkDecoder.TEMPLATE_ID: return mark(mark.wrap(buffer, offset, blockLength, version), out);
            case FundingDecoder.TEMPLATE_ID: return funding(funding.wrap(buffer, offset, blockLength, version), out);
            case ClockDecoder.TEMPLATE_ID: return clock(clock.wrap(buffer, offset, blockLength, version), out);
            case CheckDecoder.TEMPLATE_ID: return check(check.wrap(buffer, offset, blockLength, version), out);
            case QueryDecoder.TEMPLATE_ID: return query(query.wrap(buffer, offset, blockLength, version), out);
            case InvalidInputDecoder.TEMPLATE_ID:
                return invalidInput(invalidInput.wrap(buffer, offset, blockLength, version), out);
            default: return -1;
        }
    }

    private static void common(
        final StringBuilder out, final int templateId, final long ts, final long seq, final int source)
    {
        JsonLine.begin(out, MessageTypes.typeName(templateId));
        JsonLine.optionalInteger(out, "ts", ts, InvalidInputDecoder.tsNullValue());
        JsonLine.optionalInteger(out, "seq", seq, InvalidInputDecoder.seqNullValue());
        JsonLine.optionalInteger(out, "source", source, 0);
    }

    private int instrument(final InstrumentDecoder d, final StringBuilder out)
    {
        common(out, InstrumentDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "instrument", d.instrument());
        integer(out, "priceScale", d.priceScale());
        integer(out, "qtyScale", d.qtyScale());
        decimal(out, "multiplier", d.multiplier());
        decimal(out, "liquidationFeeRate", d.liquidationFeeRate());
        integer(out, "staleAfterNs", d.staleAfterNs());
        decimal(out, "maxMarkMoveRate", d.maxMarkMoveRate());
        JsonLine.name(out, "tiers").append('[');
        final InstrumentDecoder.TiersDecoder tiers = d.tiers();
        while (tiers.hasNext())
        {
            tiers.next();
            out.append(out.charAt(out.length() - 1) == '[' ? "{" : ",{");
            decimal(out, "floor", tiers.floor());
            decimal(out, "imr", tiers.imr());
            decimal(out, "mmr", tiers.mmr());
            out.append('}');
        }
        out.append(']');
        d.wrapSymbol(text);
        JsonLine.text(out, "symbol", text);
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int params(final ParamsDecoder d, final StringBuilder out)
    {
        common(out, ParamsDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        decimal(out, "callLevel", d.callLevel());
        decimal(out, "liquidationLevel", d.liquidationLevel());
        decimal(out, "cureLevel", d.cureLevel());
        JsonLine.optionalInteger(out, "callGraceNs", d.callGraceNs(), ParamsDecoder.callGraceNsNullValue());
        JsonLine.bool(out, "partialLiquidation", d.partialLiquidationRaw());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int account(final AccountDecoder d, final StringBuilder out)
    {
        common(out, AccountDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int deposit(final DepositDecoder d, final StringBuilder out)
    {
        common(out, DepositDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        decimal(out, "amount", d.amount());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int withdraw(final WithdrawDecoder d, final StringBuilder out)
    {
        common(out, WithdrawDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        decimal(out, "amount", d.amount());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int marginMode(final MarginModeChangeDecoder d, final StringBuilder out)
    {
        common(out, MarginModeChangeDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        JsonLine.mode(out, "mode", d.modeRaw());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int isolatedMargin(final IsolatedMarginDecoder d, final StringBuilder out)
    {
        common(out, IsolatedMarginDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        decimal(out, "amount", d.amount());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int fill(final FillDecoder d, final StringBuilder out)
    {
        common(out, FillDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        JsonLine.side(out, "side", d.sideRaw());
        decimal(out, "qty", d.qty());
        decimal(out, "price", d.price());
        decimal(out, "fee", d.fee());
        JsonLine.bool(out, "liquidation", d.liquidationRaw());
        JsonLine.optionalInteger(out, "orderId", d.orderId(), FillDecoder.orderIdNullValue());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int liquidationExpired(final LiquidationExpiredDecoder d, final StringBuilder out)
    {
        common(out, LiquidationExpiredDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "orderId", d.orderId());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        decimal(out, "qty", d.qty());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int mark(final MarkDecoder d, final StringBuilder out)
    {
        common(out, MarkDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "instrument", d.instrument());
        decimal(out, "price", d.price());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int funding(final FundingDecoder d, final StringBuilder out)
    {
        common(out, FundingDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "instrument", d.instrument());
        decimal(out, "rate", d.rate());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int clock(final ClockDecoder d, final StringBuilder out)
    {
        common(out, ClockDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int check(final CheckDecoder d, final StringBuilder out)
    {
        common(out, CheckDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        JsonLine.side(out, "side", d.sideRaw());
        decimal(out, "qty", d.qty());
        decimal(out, "price", d.price());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int query(final QueryDecoder d, final StringBuilder out)
    {
        common(out, QueryDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        integer(out, "account", d.account());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int invalidInput(final InvalidInputDecoder d, final StringBuilder out)
    {
        common(out, InvalidInputDecoder.TEMPLATE_ID, d.ts(), d.seq(), d.source());
        JsonLine.string(out, "input", MessageTypes.typeName(d.inputType()));
        JsonLine.code(out, "code", d.codeRaw());
        d.wrapReason(text);
        JsonLine.text(out, "reason", text);
        JsonLine.end(out);
        return d.encodedLength();
    }
}
