package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.AccountStateDecoder;
import io.marginengine.journal.sbe.AdlDecoder;
import io.marginengine.journal.sbe.CheckResultDecoder;
import io.marginengine.journal.sbe.InsuranceFundDecoder;
import io.marginengine.journal.sbe.LiquidationDoneDecoder;
import io.marginengine.journal.sbe.LiquidationOrderDecoder;
import io.marginengine.journal.sbe.MarginCallCuredDecoder;
import io.marginengine.journal.sbe.MarginCallDecoder;
import io.marginengine.journal.sbe.PriceResumedDecoder;
import io.marginengine.journal.sbe.PriceStaleDecoder;
import io.marginengine.journal.sbe.RejectDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.marginengine.journal.codec.JsonLine.decimal;
import static io.marginengine.journal.codec.JsonLine.integer;

/**
 * Writes SBE output messages as the JSON Lines of SPEC section 5: {@code type}, {@code ts},
 * {@code cause}, then the fields in schema order (docs/RULES.md section 7). Absent optional
 * fields are left out, except an account_state position's {@code liquidationPrice} and
 * {@code bankruptcyPrice} ({@code null}) and {@code marginRatio} ({@code "infinite"}), which
 * a reader expects to find.
 */
final class OutputLineWriter
{
    private static final int NULL_INSTRUMENT = MarginCallDecoder.instrumentNullValue();

    private final MarginCallDecoder marginCall = new MarginCallDecoder();
    private final MarginCallCuredDecoder marginCallCured = new MarginCallCuredDecoder();
    private final LiquidationOrderDecoder liquidationOrder = new LiquidationOrderDecoder();
    private final LiquidationDoneDecoder liquidationDone = new LiquidationDoneDecoder();
    private final AdlDecoder adl = new AdlDecoder();
    private final InsuranceFundDecoder insuranceFund = new InsuranceFundDecoder();
    private final PriceStaleDecoder priceStale = new PriceStaleDecoder();
    private final PriceResumedDecoder priceResumed = new PriceResumedDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final AccountStateDecoder accountState = new AccountStateDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final UnsafeBuffer text = new UnsafeBuffer(0, 0);

    /**
     * Writes one output message body.
     *
     * @return the length of the body read (after the header), or -1 for a template id that
     *     is no output.
     */
    int write(
        final int templateId, final DirectBuffer buffer, final int offset, final int blockLength, final int version,
        final StringBuilder out)
    {
        switch (templateId)
        {
            case MarginCallDecoder.TEMPLATE_ID: return marginCall(marginCall.wrap(buffer, offset, blockLength, version), out);
            case MarginCallCuredDecoder.TEMPLATE_ID:
                return marginCallCured(marginCallCured.wrap(buffer, offset, blockLength, version), out);
            case LiquidationOrderDecoder.TEMPLATE_ID:
                return liquidationOrder(liquidationOrder.wrap(buffer, offset, blockLength, version), out);
            case LiquidationDoneDecoder.TEMPLATE_ID:
                return liquidationDone(liquidationDone.wrap(buffer, offset, blockLength, version), out);
            case AdlDecoder.TEMPLATE_ID: return adl(adl.wrap(buffer, offset, blockLength, version), out);
            case InsuranceFundDecoder.TEMPLATE_ID:
                return insuranceFund(insuranceFund.wrap(buffer, offset, blockLength, version), out);
            case PriceStaleDecoder.TEMPLATE_ID: return priceStale(priceStale.wrap(buffer, offset, blockLength, version), out);
            case PriceResumedDecoder.TEMPLATE_ID:
                return priceResumed(priceResumed.wrap(buffer, offset, blockLength, version), out);
            case CheckResultDecoder.TEMPLATE_ID:
                return checkResult(checkResult.wrap(buffer, offset, blockLength, version), out);
            case AccountStateDecoder.TEMPLATE_ID:
                return accountState(accountState.wrap(buffer, offset, blockLength, version), out);
            case RejectDecoder.TEMPLATE_ID: return reject(reject.wrap(buffer, offset, blockLength, version), out);
            default: return -1;
        }
    }

    private static void common(final StringBuilder out, final int templateId, final long ts, final long cause)
    {
        JsonLine.begin(out, MessageTypes.typeName(templateId));
        integer(out, "ts", ts);
        integer(out, "cause", cause);
    }

    private int marginCall(final MarginCallDecoder d, final StringBuilder out)
    {
        common(out, MarginCallDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        JsonLine.optionalInteger(out, "instrument", d.instrument(), NULL_INSTRUMENT);
        decimal(out, "equity", d.equity());
        decimal(out, "maintenance", d.maintenance());
        decimal(out, "initial", d.initial());
        decimal(out, "shortfall", d.shortfall());
        integer(out, "deadline", d.deadline());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int marginCallCured(final MarginCallCuredDecoder d, final StringBuilder out)
    {
        common(out, MarginCallCuredDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        JsonLine.optionalInteger(out, "instrument", d.instrument(), NULL_INSTRUMENT);
        decimal(out, "equity", d.equity());
        decimal(out, "initial", d.initial());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int liquidationOrder(final LiquidationOrderDecoder d, final StringBuilder out)
    {
        common(out, LiquidationOrderDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "orderId", d.orderId());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        JsonLine.side(out, "side", d.sideRaw());
        decimal(out, "qty", d.qty());
        decimal(out, "price", d.price());
        JsonLine.bool(out, "isolated", d.isolatedRaw());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int liquidationDone(final LiquidationDoneDecoder d, final StringBuilder out)
    {
        common(out, LiquidationDoneDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        JsonLine.optionalInteger(out, "instrument", d.instrument(), NULL_INSTRUMENT);
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int adl(final AdlDecoder d, final StringBuilder out)
    {
        common(out, AdlDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        JsonLine.side(out, "side", d.sideRaw());
        decimal(out, "qty", d.qty());
        decimal(out, "price", d.price());
        decimal(out, "rank", d.rank());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int insuranceFund(final InsuranceFundDecoder d, final StringBuilder out)
    {
        common(out, InsuranceFundDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        decimal(out, "delta", d.delta());
        decimal(out, "balance", d.balance());
        decimal(out, "shortfall", d.shortfall());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int priceStale(final PriceStaleDecoder d, final StringBuilder out)
    {
        common(out, PriceStaleDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "instrument", d.instrument());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int priceResumed(final PriceResumedDecoder d, final StringBuilder out)
    {
        common(out, PriceResumedDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "instrument", d.instrument());
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int checkResult(final CheckResultDecoder d, final StringBuilder out)
    {
        common(out, CheckResultDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        integer(out, "instrument", d.instrument());
        JsonLine.bool(out, "accepted", d.acceptedRaw());
        JsonLine.code(out, "code", d.codeRaw());
        d.wrapReason(text);
        JsonLine.text(out, "reason", text);
        JsonLine.end(out);
        return d.encodedLength();
    }

    private int accountState(final AccountStateDecoder d, final StringBuilder out)
    {
        common(out, AccountStateDecoder.TEMPLATE_ID, d.ts(), d.cause());
        integer(out, "account", d.account());
        JsonLine.status(out, "status", d.statusRaw());
        decimal(out, "wallet", d.wallet());
        decimal(out, "equity", d.equity());
        decimal(out, "maintenance", d.maintenance());
        decimal(out, "initial", d.initial());
        JsonLine.decimalOr(out, "marginRatio", d.marginRatio(), "\"infinite\"");
        JsonLine.name(out, "positions").append('[');
        final AccountStateDecoder.PositionsDecoder positions = d.positions();
        while (positions.hasNext())
        {
            position(positions.next(), out);
        }
        out.append(']');
        JsonLine.end(out);
        return d.encodedLength();
    }

    private static void position(final AccountStateDecoder.PositionsDecoder p, final StringBuilder out)
    {
        out.append(out.charAt(out.length() - 1) == '[' ? "{" : ",{");
        integer(out, "instrument", p.instrument());
        decimal(out, "qty", p.qty());
        decimal(out, "entryPrice", p.entryPrice());
        decimal(out, "mark", p.mark());
        decimal(out, "upnl", p.upnl());
        decimal(out, "maintenance", p.maintenance());
        decimal(out, "initial", p.initial());
        JsonLine.bool(out, "isolated", p.isolatedRaw());
        decimal(out, "isolatedMargin", p.isolatedMargin());
        JsonLine.decimalOr(out, "liquidationPrice", p.liquidationPrice(), "null");
        JsonLine.decimalOr(out, "bankruptcyPrice", p.bankruptcyPrice(), "null");
        JsonLine.status(out, "status", p.statusRaw());
        JsonLine.end(out);
    }

    private int reject(final RejectDecoder d, final StringBuilder out)
    {
        common(out, RejectDecoder.TEMPLATE_ID, d.ts(), d.cause());
        JsonLine.code(out, "code", d.codeRaw());
        JsonLine.string(out, "input", MessageTypes.typeName(d.inputType()));
        d.wrapReason(text);
        JsonLine.text(out, "reason", text);
        JsonLine.end(out);
        return d.encodedLength();
    }
}
