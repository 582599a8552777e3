package io.marginengine.engine.demo;

import io.marginengine.engine.ingress.InputPublisher;
import io.marginengine.journal.sbe.AccountEncoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.CheckEncoder;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.DepositEncoder;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.FundingEncoder;
import io.marginengine.journal.sbe.InstrumentEncoder;
import io.marginengine.journal.sbe.IsolatedMarginEncoder;
import io.marginengine.journal.sbe.LiquidationExpiredEncoder;
import io.marginengine.journal.sbe.MarginMode;
import io.marginengine.journal.sbe.MarginModeChangeEncoder;
import io.marginengine.journal.sbe.MarkEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.ParamsEncoder;
import io.marginengine.journal.sbe.QueryEncoder;
import io.marginengine.journal.sbe.Side;
import io.marginengine.journal.sbe.WithdrawEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The simulated venue's side of the event contract: encodes each input into one reusable
 * buffer with the SBE encoders and publishes it on the engine's ring, stamping {@code ts}
 * from the simulated clock and a {@code seq} per source (1 the matching engine, 2 the price
 * feed, 3 the wallet service), so a replay of the journal sees what the engine saw. Counts
 * what it published by input type. Not thread safe: the simulation's one producer thread.
 */
final class VenueInputs
{
    /** Source of fills, checks and expiries. */
    static final int MATCHING_ENGINE = 1;
    /** Source of marks and funding. */
    static final int PRICE_FEED = 2;
    /** Source of accounts, deposits, withdrawals, modes and the rest. */
    static final int WALLETS = 3;
    /** Highest input template id, for the counts. */
    static final int MAX_TYPE = 15;

    private final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentEncoder instrument = new InstrumentEncoder();
    private final ParamsEncoder params = new ParamsEncoder();
    private final AccountEncoder account = new AccountEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawEncoder withdraw = new WithdrawEncoder();
    private final MarginModeChangeEncoder marginMode = new MarginModeChangeEncoder();
    private final IsolatedMarginEncoder isolatedMargin = new IsolatedMarginEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final LiquidationExpiredEncoder expired = new LiquidationExpiredEncoder();
    private final MarkEncoder mark = new MarkEncoder();
    private final FundingEncoder funding = new FundingEncoder();
    private final CheckEncoder check = new CheckEncoder();
    private final QueryEncoder query = new QueryEncoder();
    private final long[] seqBySource = new long[4];
    private final long[] publishedByType = new long[MAX_TYPE + 1];
    private final InputPublisher publisher;
    private long ts;
    private long published;

    /**
     * @param publisher the engine's ring.
     */
    VenueInputs(final InputPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * Moves the simulated clock; inputs published from now on carry this {@code ts}, each
     * following one a nanosecond later so the journal reads in order.
     *
     * @param nanos nanoseconds since the epoch.
     */
    void time(final long nanos)
    {
        ts = Math.max(ts, nanos);
    }

    /** @return the {@code ts} the next input gets. */
    long now()
    {
        return ts;
    }

    /** @return inputs published so far. */
    long published()
    {
        return published;
    }

    /**
     * @param templateId an input type.
     * @return inputs of that type published so far.
     */
    long published(final int templateId)
    {
        return publishedByType[templateId];
    }

    void instrument(
        final int id, final String symbol, final int priceScale, final int qtyScale, final long feeRatePpm, final long staleAfterNs,
        final long[][] tiersPpm)
    {
        instrument.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS)
            .instrument(id).priceScale((short)priceScale).qtyScale((short)qtyScale);
        decimal(instrument.multiplier(), 1, 0);
        decimal(instrument.liquidationFeeRate(), feeRatePpm, 6);
        instrument.staleAfterNs(staleAfterNs);
        instrument.maxMarkMoveRate().mantissa(DecimalEncoder.mantissaNullValue()).scale((short)0);
        final InstrumentEncoder.TiersEncoder tiers = instrument.tiersCount(tiersPpm.length);
        for (final long[] tier : tiersPpm)
        {
            tiers.next();
            decimal(tiers.floor(), tier[0], 0);
            decimal(tiers.imr(), tier[1], 6);
            decimal(tiers.mmr(), tier[2], 6);
        }
        instrument.symbol(symbol);
        send(InstrumentEncoder.TEMPLATE_ID, instrument.encodedLength());
    }

    /** The venue's risk parameters: the call grace period and the liquidation level (callLevel and cureLevel at their defaults). */
    void params(final long graceNs, final long liquidationLevelPercent)
    {
        params.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS);
        absent(params.callLevel());
        decimal(params.liquidationLevel(), liquidationLevelPercent, 2);
        absent(params.cureLevel());
        params.callGraceNs(graceNs).partialLiquidation(BooleanType.TRUE);
        send(ParamsEncoder.TEMPLATE_ID, params.encodedLength());
    }

    void account(final long id)
    {
        account.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS).account(id);
        send(AccountEncoder.TEMPLATE_ID, account.encodedLength());
    }

    void deposit(final long accountId, final long cents)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS).account(accountId);
        decimal(deposit.amount(), cents, 2);
        send(DepositEncoder.TEMPLATE_ID, deposit.encodedLength());
    }

    void withdraw(final long accountId, final long cents)
    {
        withdraw.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS).account(accountId);
        decimal(withdraw.amount(), cents, 2);
        send(WithdrawEncoder.TEMPLATE_ID, withdraw.encodedLength());
    }

    void isolate(final long accountId, final int instrumentId)
    {
        marginMode.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS)
            .account(accountId).instrument(instrumentId).mode(MarginMode.ISOLATED);
        send(MarginModeChangeEncoder.TEMPLATE_ID, marginMode.encodedLength());
    }

    void isolatedMargin(final long accountId, final int instrumentId, final long cents)
    {
        isolatedMargin.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS)
            .account(accountId).instrument(instrumentId);
        decimal(isolatedMargin.amount(), cents, 2);
        send(IsolatedMarginEncoder.TEMPLATE_ID, isolatedMargin.encodedLength());
    }

    /**
     * A fill of the matching engine; qty in lots and price in ticks of the instrument's scales,
     * fee in money units of scale 8; {@code orderId} negative for an ordinary trade.
     */
    void fill(
        final long accountId, final int instrumentId, final boolean buy, final long lots, final int qtyScale,
        final long ticks, final int priceScale, final long fee8, final long orderId)
    {
        fill.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(MATCHING_ENGINE)).source(MATCHING_ENGINE)
            .account(accountId).instrument(instrumentId).side(buy ? Side.BUY : Side.SELL);
        decimal(fill.qty(), lots, qtyScale);
        decimal(fill.price(), ticks, priceScale);
        decimal(fill.fee(), fee8, 8);
        fill.liquidation(orderId >= 0 ? BooleanType.TRUE : BooleanType.FALSE)
            .orderId(orderId >= 0 ? orderId : FillEncoder.orderIdNullValue());
        send(FillEncoder.TEMPLATE_ID, fill.encodedLength());
    }

    void expired(final long orderId, final long accountId, final int instrumentId, final long lots, final int qtyScale)
    {
        expired.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(MATCHING_ENGINE)).source(MATCHING_ENGINE)
            .orderId(orderId).account(accountId).instrument(instrumentId);
        decimal(expired.qty(), lots, qtyScale);
        send(LiquidationExpiredEncoder.TEMPLATE_ID, expired.encodedLength());
    }

    void mark(final int instrumentId, final long ticks, final int priceScale)
    {
        mark.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(PRICE_FEED)).source(PRICE_FEED).instrument(instrumentId);
        decimal(mark.price(), ticks, priceScale);
        send(MarkEncoder.TEMPLATE_ID, mark.encodedLength());
    }

    void funding(final int instrumentId, final long ratePpm)
    {
        funding.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(PRICE_FEED)).source(PRICE_FEED).instrument(instrumentId);
        decimal(funding.rate(), ratePpm, 6);
        send(FundingEncoder.TEMPLATE_ID, funding.encodedLength());
    }

    void check(
        final long accountId, final int instrumentId, final boolean buy, final long lots, final int qtyScale, final long ticks,
        final int priceScale)
    {
        check.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(MATCHING_ENGINE)).source(MATCHING_ENGINE)
            .account(accountId).instrument(instrumentId).side(buy ? Side.BUY : Side.SELL);
        decimal(check.qty(), lots, qtyScale);
        decimal(check.price(), ticks, priceScale);
        send(CheckEncoder.TEMPLATE_ID, check.encodedLength());
    }

    void query(final long accountId)
    {
        query.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(nextSeq(WALLETS)).source(WALLETS).account(accountId);
        send(QueryEncoder.TEMPLATE_ID, query.encodedLength());
    }

    /**
     * A deposit sent again with the {@code seq} of the one before: a retransmission the
     * engine must refuse as a duplicate.
     */
    void duplicateDeposit(final long accountId, final long cents)
    {
        deposit.wrapAndApplyHeader(buffer, 0, header).ts(ts).seq(seqBySource[WALLETS]).source(WALLETS).account(accountId);
        decimal(deposit.amount(), cents, 2);
        send(DepositEncoder.TEMPLATE_ID, deposit.encodedLength());
    }

    /** A mark from a feed whose clock runs a second behind: refused as time going back. */
    void lateMark(final int instrumentId, final long ticks, final int priceScale)
    {
        mark.wrapAndApplyHeader(buffer, 0, header).ts(ts - 1_000_000_000L).seq(nextSeq(PRICE_FEED)).source(PRICE_FEED)
            .instrument(instrumentId);
        decimal(mark.price(), ticks, priceScale);
        send(MarkEncoder.TEMPLATE_ID, mark.encodedLength());
    }

    private long nextSeq(final int source)
    {
        return ++seqBySource[source];
    }

    private void send(final int templateId, final int bodyLength)
    {
        publisher.publish(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
        publishedByType[templateId]++;
        published++;
        ts++;
    }

    private static void decimal(final DecimalEncoder decimal, final long mantissa, final int scale)
    {
        decimal.mantissa(mantissa).scale((short)scale);
    }

    private static void absent(final DecimalEncoder decimal)
    {
        decimal.mantissa(DecimalEncoder.mantissaNullValue()).scale((short)0);
    }
}
