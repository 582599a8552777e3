package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.AccountDecoder;
import io.marginengine.journal.sbe.AccountStateDecoder;
import io.marginengine.journal.sbe.AdlDecoder;
import io.marginengine.journal.sbe.CheckDecoder;
import io.marginengine.journal.sbe.CheckResultDecoder;
import io.marginengine.journal.sbe.ClockDecoder;
import io.marginengine.journal.sbe.DecimalDecoder;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.FundingDecoder;
import io.marginengine.journal.sbe.InstrumentDecoder;
import io.marginengine.journal.sbe.InsuranceFundDecoder;
import io.marginengine.journal.sbe.InvalidInputDecoder;
import io.marginengine.journal.sbe.IsolatedMarginDecoder;
import io.marginengine.journal.sbe.LiquidationDoneDecoder;
import io.marginengine.journal.sbe.LiquidationExpiredDecoder;
import io.marginengine.journal.sbe.LiquidationOrderDecoder;
import io.marginengine.journal.sbe.MarginCallCuredDecoder;
import io.marginengine.journal.sbe.MarginCallDecoder;
import io.marginengine.journal.sbe.MarginModeChangeDecoder;
import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.ParamsDecoder;
import io.marginengine.journal.sbe.PriceResumedDecoder;
import io.marginengine.journal.sbe.PriceStaleDecoder;
import io.marginengine.journal.sbe.QueryDecoder;
import io.marginengine.journal.sbe.RejectDecoder;
import io.marginengine.journal.sbe.WithdrawDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every message type of the contract, encoded with the extreme values of each field and
 * decoded again, field by field: the schema can carry the whole range of every field.
 */
class SbeRoundTripTest
{
    private static final int OFFSET = 5;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void instrument(final Extreme x)
    {
        final InstrumentDecoder d = new InstrumentDecoder();
        final int length = encode(1, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int32(1), d.instrument());
        assertEquals(x.uint8(0), d.priceScale());
        assertEquals(x.uint8(1), d.qtyScale());
        assertDecimal(x, 0, d.multiplier());
        assertDecimal(x, 1, d.liquidationFeeRate());
        assertEquals(x.int64(2), d.staleAfterNs());
        assertOptionalDecimal(x, 2, d.maxMarkMoveRate());
        final InstrumentDecoder.TiersDecoder tiers = d.tiers();
        assertEquals(x.tiers(), tiers.count());
        for (int t = 0; t < x.tiers(); t++)
        {
            tiers.next();
            assertDecimal(x, t, tiers.floor());
            assertDecimal(x, t + 1, tiers.imr());
            assertDecimal(x, t + 2, tiers.mmr());
        }
        assertEquals(x.symbol(), d.symbol());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void params(final Extreme x)
    {
        final ParamsDecoder d = new ParamsDecoder();
        final int length = encode(2, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertOptionalDecimal(x, 0, d.callLevel());
        assertOptionalDecimal(x, 1, d.liquidationLevel());
        assertOptionalDecimal(x, 2, d.cureLevel());
        assertEquals(x.optionalInt64(2), d.callGraceNs());
        assertEquals(x.optionalFlag(), d.partialLiquidation());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void account(final Extreme x)
    {
        final AccountDecoder d = new AccountDecoder();
        final int length = encode(3, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void deposit(final Extreme x)
    {
        final DepositDecoder d = new DepositDecoder();
        final int length = encode(4, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertDecimal(x, 0, d.amount());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void withdraw(final Extreme x)
    {
        final WithdrawDecoder d = new WithdrawDecoder();
        final int length = encode(5, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertDecimal(x, 0, d.amount());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void marginModeChange(final Extreme x)
    {
        final MarginModeChangeDecoder d = new MarginModeChangeDecoder();
        final int length = encode(6, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.int32(1), d.instrument());
        assertEquals(x.mode(), d.mode());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void isolatedMargin(final Extreme x)
    {
        final IsolatedMarginDecoder d = new IsolatedMarginDecoder();
        final int length = encode(7, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.int32(1), d.instrument());
        assertDecimal(x, 0, d.amount());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void fill(final Extreme x)
    {
        final FillDecoder d = new FillDecoder();
        final int length = encode(8, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.int32(1), d.instrument());
        assertEquals(x.side(), d.side());
        assertDecimal(x, 0, d.qty());
        assertDecimal(x, 1, d.price());
        assertDecimal(x, 2, d.fee());
        assertEquals(x.flag(), d.liquidation());
        assertEquals(x.optionalInt64(3), d.orderId());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void liquidationExpired(final Extreme x)
    {
        final LiquidationExpiredDecoder d = new LiquidationExpiredDecoder();
        final int length = encode(9, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.orderId());
        assertEquals(x.int64(3), d.account());
        assertEquals(x.int32(1), d.instrument());
        assertDecimal(x, 0, d.qty());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void mark(final Extreme x)
    {
        final MarkDecoder d = new MarkDecoder();
        final int length = encode(10, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int32(1), d.instrument());
        assertDecimal(x, 0, d.price());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void funding(final Extreme x)
    {
        final FundingDecoder d = new FundingDecoder();
        final int length = encode(11, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int32(1), d.instrument());
        assertDecimal(x, 0, d.rate());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void clock(final Extreme x)
    {
        final ClockDecoder d = new ClockDecoder();
        final int length = encode(12, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void check(final Extreme x)
    {
        final CheckDecoder d = new CheckDecoder();
        final int length = encode(13, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.int32(1), d.instrument());
        assertEquals(x.side(), d.side());
        assertDecimal(x, 0, d.qty());
        assertDecimal(x, 1, d.price());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void query(final Extreme x)
    {
        final QueryDecoder d = new QueryDecoder();
        final int length = encode(14, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.int64(2), d.account());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void invalidInput(final Extreme x)
    {
        final InvalidInputDecoder d = new InvalidInputDecoder();
        final int length = encode(15, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.optionalInt64(1), d.seq());
        assertEquals(x.int32(0), d.source());
        assertEquals(x.inputType(), d.inputType());
        assertEquals(x.code(), d.code());
        assertEquals(x.reason(), d.reason());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void marginCall(final Extreme x)
    {
        final MarginCallDecoder d = new MarginCallDecoder();
        final int length = encode(100, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.optionalInt32(0), d.instrument());
        assertDecimal(x, 0, d.equity());
        assertDecimal(x, 1, d.maintenance());
        assertDecimal(x, 2, d.initial());
        assertDecimal(x, 3, d.shortfall());
        assertEquals(x.int64(3), d.deadline());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void marginCallCured(final Extreme x)
    {
        final MarginCallCuredDecoder d = new MarginCallCuredDecoder();
        final int length = encode(101, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.optionalInt32(0), d.instrument());
        assertDecimal(x, 0, d.equity());
        assertDecimal(x, 1, d.initial());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void liquidationOrder(final Extreme x)
    {
        final LiquidationOrderDecoder d = new LiquidationOrderDecoder();
        final int length = encode(102, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.orderId());
        assertEquals(x.int64(3), d.account());
        assertEquals(x.int32(0), d.instrument());
        assertEquals(x.side(), d.side());
        assertDecimal(x, 0, d.qty());
        assertDecimal(x, 1, d.price());
        assertEquals(x.flag(), d.isolated());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void liquidationDone(final Extreme x)
    {
        final LiquidationDoneDecoder d = new LiquidationDoneDecoder();
        final int length = encode(103, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.optionalInt32(0), d.instrument());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void adl(final Extreme x)
    {
        final AdlDecoder d = new AdlDecoder();
        final int length = encode(104, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.int32(0), d.instrument());
        assertEquals(x.side(), d.side());
        assertDecimal(x, 0, d.qty());
        assertDecimal(x, 1, d.price());
        assertDecimal(x, 2, d.rank());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void insuranceFund(final Extreme x)
    {
        final InsuranceFundDecoder d = new InsuranceFundDecoder();
        final int length = encode(105, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertDecimal(x, 0, d.delta());
        assertDecimal(x, 1, d.balance());
        assertOptionalDecimal(x, 2, d.shortfall());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void priceStale(final Extreme x)
    {
        final PriceStaleDecoder d = new PriceStaleDecoder();
        final int length = encode(106, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int32(0), d.instrument());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void priceResumed(final Extreme x)
    {
        final PriceResumedDecoder d = new PriceResumedDecoder();
        final int length = encode(107, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int32(0), d.instrument());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void checkResult(final Extreme x)
    {
        final CheckResultDecoder d = new CheckResultDecoder();
        final int length = encode(108, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.int32(0), d.instrument());
        assertEquals(x.flag(), d.accepted());
        assertEquals(x.code(), d.code());
        assertEquals(x.reason(), d.reason());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void accountState(final Extreme x)
    {
        final AccountStateDecoder d = new AccountStateDecoder();
        final int length = encode(109, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.int64(2), d.account());
        assertEquals(x.status(), d.status());
        assertDecimal(x, 0, d.wallet());
        assertDecimal(x, 1, d.equity());
        assertDecimal(x, 2, d.maintenance());
        assertDecimal(x, 3, d.initial());
        assertOptionalDecimal(x, 4, d.marginRatio());
        final AccountStateDecoder.PositionsDecoder positions = d.positions();
        assertEquals(x.positions(), positions.count());
        for (int p = 0; p < x.positions(); p++)
        {
            position(x, p, positions.next());
        }
        assertFalse(positions.hasNext());
        assertEquals(length, 8 + d.encodedLength());
    }

    @ParameterizedTest
    @EnumSource(Extreme.class)
    void reject(final Extreme x)
    {
        final RejectDecoder d = new RejectDecoder();
        final int length = encode(110, x);
        d.wrapAndApplyHeader(buffer, OFFSET, header);
        assertEquals(x.int64(0), d.ts());
        assertEquals(x.int64(1), d.cause());
        assertEquals(x.code(), d.code());
        assertEquals(x.inputType(), d.inputType());
        assertEquals(x.reason(), d.reason());
        assertEquals(length, 8 + d.encodedLength());
    }

    private static void position(final Extreme x, final int p, final AccountStateDecoder.PositionsDecoder position)
    {
        assertEquals(x.int32(p), position.instrument());
        assertDecimal(x, p, position.qty());
        assertDecimal(x, p + 1, position.entryPrice());
        assertDecimal(x, p + 2, position.mark());
        assertDecimal(x, p + 3, position.upnl());
        assertDecimal(x, p + 4, position.maintenance());
        assertDecimal(x, p + 5, position.initial());
        assertEquals(x.flag(), position.isolated());
        assertDecimal(x, p + 6, position.isolatedMargin());
        if (x.hasPrices(p))
        {
            assertDecimal(x, p + 7, position.liquidationPrice());
            assertDecimal(x, p + 8, position.bankruptcyPrice());
        }
        else
        {
            assertEquals(DecimalDecoder.mantissaNullValue(), position.liquidationPrice().mantissa());
            assertEquals(DecimalDecoder.mantissaNullValue(), position.bankruptcyPrice().mantissa());
        }
        assertEquals(x.status(), position.status());
    }

    private int encode(final int templateId, final Extreme x)
    {
        final int length = SampleMessages.encode(templateId, x, buffer, OFFSET);
        header.wrap(buffer, OFFSET);
        assertEquals(templateId, header.templateId());
        return length;
    }

    private static void assertDecimal(final Extreme x, final int k, final DecimalDecoder decimal)
    {
        assertEquals(x.mantissa(), decimal.mantissa());
        assertEquals(x.scale(k), decimal.scale());
    }

    private static void assertOptionalDecimal(final Extreme x, final int k, final DecimalDecoder decimal)
    {
        assertEquals(x.optionalMantissa(), decimal.mantissa());
        assertEquals(x.optionalScale(k), decimal.scale());
    }
}
