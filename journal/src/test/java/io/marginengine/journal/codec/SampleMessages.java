package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.AccountEncoder;
import io.marginengine.journal.sbe.AccountStateEncoder;
import io.marginengine.journal.sbe.AdlEncoder;
import io.marginengine.journal.sbe.CheckEncoder;
import io.marginengine.journal.sbe.CheckResultEncoder;
import io.marginengine.journal.sbe.ClockEncoder;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.DepositEncoder;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.FundingEncoder;
import io.marginengine.journal.sbe.InstrumentEncoder;
import io.marginengine.journal.sbe.InsuranceFundEncoder;
import io.marginengine.journal.sbe.InvalidInputEncoder;
import io.marginengine.journal.sbe.IsolatedMarginEncoder;
import io.marginengine.journal.sbe.LiquidationDoneEncoder;
import io.marginengine.journal.sbe.LiquidationExpiredEncoder;
import io.marginengine.journal.sbe.LiquidationOrderEncoder;
import io.marginengine.journal.sbe.MarginCallCuredEncoder;
import io.marginengine.journal.sbe.MarginCallEncoder;
import io.marginengine.journal.sbe.MarginModeChangeEncoder;
import io.marginengine.journal.sbe.MarkEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.ParamsEncoder;
import io.marginengine.journal.sbe.PriceResumedEncoder;
import io.marginengine.journal.sbe.PriceStaleEncoder;
import io.marginengine.journal.sbe.QueryEncoder;
import io.marginengine.journal.sbe.RejectEncoder;
import io.marginengine.journal.sbe.WithdrawEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Builds every message type of the contract with the values of an {@link Extreme}, using
 * the generated SBE encoders directly (not the code under test). The field numbering
 * ({@code k}) is the one {@link SbeRoundTripTest} checks.
 */
final class SampleMessages
{
    static final int[] INPUT_TEMPLATE_IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static final int[] OUTPUT_TEMPLATE_IDS = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110};

    private static final MessageHeaderEncoder HEADER = new MessageHeaderEncoder();

    private SampleMessages()
    {
    }

    /**
     * Encodes one message, header included, and returns its length.
     */
    static int encode(final int templateId, final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        switch (templateId)
        {
            case 1: return instrument(x, x.symbol(), buffer, offset);
            case 2: return params(x, buffer, offset);
            case 3: return 8 + new AccountEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).account(x.int64(2)).encodedLength();
            case 4: return deposit(x, buffer, offset);
            case 5: return withdraw(x, buffer, offset);
            case 6: return 8 + new MarginModeChangeEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0))
                .account(x.int64(2)).instrument(x.int32(1)).mode(x.mode()).encodedLength();
            case 7: return isolatedMargin(x, buffer, offset);
            case 8: return fill(x, buffer, offset);
            case 9: return liquidationExpired(x, buffer, offset);
            case 10: return mark(x, buffer, offset);
            case 11: return funding(x, buffer, offset);
            case 12: return 8 + new ClockEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).encodedLength();
            case 13: return check(x, buffer, offset);
            case 14: return 8 + new QueryEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).account(x.int64(2)).encodedLength();
            case 15: return 8 + new InvalidInputEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0))
                .inputType(x.inputType()).code(x.code()).reason(x.reason()).encodedLength();
            default: return encodeOutput(templateId, x, buffer, offset);
        }
    }

    static int instrument(final Extreme x, final String symbol, final MutableDirectBuffer buffer, final int offset)
    {
        final InstrumentEncoder e = new InstrumentEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0))
            .instrument(x.int32(1)).priceScale(x.uint8(0)).qtyScale(x.uint8(1));
        decimal(e.multiplier(), x, 0);
        decimal(e.liquidationFeeRate(), x, 1);
        e.staleAfterNs(x.int64(2));
        e.maxMarkMoveRate().mantissa(x.optionalMantissa()).scale(x.optionalScale(2));
        final InstrumentEncoder.TiersEncoder tiers = e.tiersCount(x.tiers());
        for (int t = 0; t < x.tiers(); t++)
        {
            tiers.next();
            decimal(tiers.floor(), x, t);
            decimal(tiers.imr(), x, t + 1);
            decimal(tiers.mmr(), x, t + 2);
        }
        e.symbol(symbol);
        return 8 + e.encodedLength();
    }

    private static int params(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final ParamsEncoder e = new ParamsEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0));
        e.callLevel().mantissa(x.optionalMantissa()).scale(x.optionalScale(0));
        e.liquidationLevel().mantissa(x.optionalMantissa()).scale(x.optionalScale(1));
        e.cureLevel().mantissa(x.optionalMantissa()).scale(x.optionalScale(2));
        e.callGraceNs(x.optionalInt64(2)).partialLiquidation(x.optionalFlag());
        return 8 + e.encodedLength();
    }

    private static int deposit(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final DepositEncoder e = new DepositEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).account(x.int64(2));
        decimal(e.amount(), x, 0);
        return 8 + e.encodedLength();
    }

    private static int withdraw(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final WithdrawEncoder e = new WithdrawEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).account(x.int64(2));
        decimal(e.amount(), x, 0);
        return 8 + e.encodedLength();
    }

    private static int isolatedMargin(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final IsolatedMarginEncoder e = new IsolatedMarginEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).account(x.int64(2)).instrument(x.int32(1));
        decimal(e.amount(), x, 0);
        return 8 + e.encodedLength();
    }

    private static int fill(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final FillEncoder e = new FillEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0))
            .account(x.int64(2)).instrument(x.int32(1)).side(x.side());
        decimal(e.qty(), x, 0);
        decimal(e.price(), x, 1);
        decimal(e.fee(), x, 2);
        e.liquidation(x.flag()).orderId(x.optionalInt64(3));
        return 8 + e.encodedLength();
    }

    private static int liquidationExpired(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final LiquidationExpiredEncoder e = new LiquidationExpiredEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0))
            .orderId(x.int64(2)).account(x.int64(3)).instrument(x.int32(1));
        decimal(e.qty(), x, 0);
        return 8 + e.encodedLength();
    }

    private static int mark(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final MarkEncoder e = new MarkEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).instrument(x.int32(1));
        decimal(e.price(), x, 0);
        return 8 + e.encodedLength();
    }

    private static int funding(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final FundingEncoder e = new FundingEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0)).instrument(x.int32(1));
        decimal(e.rate(), x, 0);
        return 8 + e.encodedLength();
    }

    private static int check(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final CheckEncoder e = new CheckEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).seq(x.optionalInt64(1)).source(x.int32(0))
            .account(x.int64(2)).instrument(x.int32(1)).side(x.side());
        decimal(e.qty(), x, 0);
        decimal(e.price(), x, 1);
        return 8 + e.encodedLength();
    }

    private static int encodeOutput(final int templateId, final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        switch (templateId)
        {
            case 100: return marginCall(x, buffer, offset);
            case 101: return marginCallCured(x, buffer, offset);
            case 102: return liquidationOrder(x, buffer, offset);
            case 103: return 8 + new LiquidationDoneEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2)).instrument(x.optionalInt32(0)).encodedLength();
            case 104: return adl(x, buffer, offset);
            case 105: return insuranceFund(x, buffer, offset);
            case 106: return 8 + new PriceStaleEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).cause(x.int64(1)).instrument(x.int32(0)).encodedLength();
            case 107: return 8 + new PriceResumedEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).cause(x.int64(1)).instrument(x.int32(0)).encodedLength();
            case 108: return 8 + new CheckResultEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2)).instrument(x.int32(0))
                .accepted(x.flag()).code(x.code()).reason(x.reason()).encodedLength();
            case 109: return accountState(x, buffer, offset);
            case 110: return 8 + new RejectEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
                .ts(x.int64(0)).cause(x.int64(1)).code(x.code()).inputType(x.inputType()).reason(x.reason())
                .encodedLength();
            default: throw new IllegalArgumentException("no template " + templateId);
        }
    }

    private static int marginCall(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final MarginCallEncoder e = new MarginCallEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2)).instrument(x.optionalInt32(0));
        decimal(e.equity(), x, 0);
        decimal(e.maintenance(), x, 1);
        decimal(e.initial(), x, 2);
        decimal(e.shortfall(), x, 3);
        e.deadline(x.int64(3));
        return 8 + e.encodedLength();
    }

    private static int marginCallCured(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final MarginCallCuredEncoder e = new MarginCallCuredEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2)).instrument(x.optionalInt32(0));
        decimal(e.equity(), x, 0);
        decimal(e.initial(), x, 1);
        return 8 + e.encodedLength();
    }

    private static int liquidationOrder(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final LiquidationOrderEncoder e = new LiquidationOrderEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).cause(x.int64(1)).orderId(x.int64(2)).account(x.int64(3)).instrument(x.int32(0))
            .side(x.side());
        decimal(e.qty(), x, 0);
        decimal(e.price(), x, 1);
        e.isolated(x.flag());
        return 8 + e.encodedLength();
    }

    private static int adl(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final AdlEncoder e = new AdlEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2)).instrument(x.int32(0)).side(x.side());
        decimal(e.qty(), x, 0);
        decimal(e.price(), x, 1);
        decimal(e.rank(), x, 2);
        return 8 + e.encodedLength();
    }

    private static int insuranceFund(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final InsuranceFundEncoder e = new InsuranceFundEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2));
        decimal(e.delta(), x, 0);
        decimal(e.balance(), x, 1);
        e.shortfall().mantissa(x.optionalMantissa()).scale(x.optionalScale(2));
        return 8 + e.encodedLength();
    }

    private static int accountState(final Extreme x, final MutableDirectBuffer buffer, final int offset)
    {
        final AccountStateEncoder e = new AccountStateEncoder().wrapAndApplyHeader(buffer, offset, HEADER)
            .ts(x.int64(0)).cause(x.int64(1)).account(x.int64(2)).status(x.status());
        decimal(e.wallet(), x, 0);
        decimal(e.equity(), x, 1);
        decimal(e.maintenance(), x, 2);
        decimal(e.initial(), x, 3);
        e.marginRatio().mantissa(x.optionalMantissa()).scale(x.optionalScale(4));
        final AccountStateEncoder.PositionsEncoder positions = e.positionsCount(x.positions());
        for (int p = 0; p < x.positions(); p++)
        {
            positions.next().instrument(x.int32(p));
            decimal(positions.qty(), x, p);
            decimal(positions.entryPrice(), x, p + 1);
            decimal(positions.mark(), x, p + 2);
            decimal(positions.upnl(), x, p + 3);
            decimal(positions.maintenance(), x, p + 4);
            decimal(positions.initial(), x, p + 5);
            positions.isolated(x.flag());
            decimal(positions.isolatedMargin(), x, p + 6);
            final long priceMantissa = x.hasPrices(p) ? x.mantissa() : Long.MIN_VALUE;
            positions.liquidationPrice().mantissa(priceMantissa).scale(x.hasPrices(p) ? x.scale(p + 7) : 0);
            positions.bankruptcyPrice().mantissa(priceMantissa).scale(x.hasPrices(p) ? x.scale(p + 8) : 0);
            positions.status(x.status());
        }
        return 8 + e.encodedLength();
    }

    private static void decimal(final DecimalEncoder decimal, final Extreme x, final int k)
    {
        decimal.mantissa(x.mantissa()).scale(x.scale(k));
    }
}
