package io.marginengine.engine.egress;

import io.marginengine.journal.sbe.AccountStateEncoder;
import io.marginengine.journal.sbe.AdlEncoder;
import io.marginengine.journal.sbe.InsuranceFundEncoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.CheckResultEncoder;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.LadderStatus;
import io.marginengine.journal.sbe.LiquidationDoneEncoder;
import io.marginengine.journal.sbe.LiquidationOrderEncoder;
import io.marginengine.journal.sbe.MarginCallCuredEncoder;
import io.marginengine.journal.sbe.MarginCallEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.PriceResumedEncoder;
import io.marginengine.journal.sbe.PriceStaleEncoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.RejectEncoder;
import io.marginengine.journal.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Encodes the processor's outputs as SBE messages and hands each to the {@link OutputSink}.
 * <p>
 * Every output carries the {@code ts} and journal index ({@code cause}) of the input being
 * processed, set once per input through {@link #cause(long, long)}. One preallocated buffer
 * and one encoder per type: publishing allocates nothing.
 */
public final class OutputPublisher
{
    /** Money and rates travel at this scale. */
    public static final int MONEY_SCALE = 8;
    /** Instrument id of a cross-ladder output: the field is left null. */
    public static final int CROSS = -1;

    private final UnsafeBuffer buffer;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MarginCallEncoder marginCall = new MarginCallEncoder();
    private final MarginCallCuredEncoder cured = new MarginCallCuredEncoder();
    private final LiquidationOrderEncoder liquidationOrder = new LiquidationOrderEncoder();
    private final LiquidationDoneEncoder liquidationDone = new LiquidationDoneEncoder();
    private final PriceStaleEncoder priceStale = new PriceStaleEncoder();
    private final PriceResumedEncoder priceResumed = new PriceResumedEncoder();
    private final CheckResultEncoder checkResult = new CheckResultEncoder();
    private final RejectEncoder reject = new RejectEncoder();
    private final AccountStateEncoder accountState = new AccountStateEncoder();
    private final InsuranceFundEncoder insuranceFund = new InsuranceFundEncoder();
    private final AdlEncoder adl = new AdlEncoder();
    private final OutputSink sink;
    private AccountStateEncoder.PositionsEncoder positions;
    private long ts;
    private long cause;
    private long published;

    /**
     * @param sink             where outputs go.
     * @param maxPositions     most positions an account_state may list (sizes the buffer).
     */
    public OutputPublisher(final OutputSink sink, final int maxPositions)
    {
        this.sink = sink;
        final int capacity = 4096 + maxPositions * 256;
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    /**
     * Names the input that causes the outputs that follow.
     *
     * @param ts    the input's timestamp.
     * @param cause the input's journal index.
     */
    public void cause(final long ts, final long cause)
    {
        this.ts = ts;
        this.cause = cause;
    }

    /** @return outputs published since start. */
    public long published()
    {
        return published;
    }

    /**
     * Sets the count of outputs published, when state is restored from a snapshot: it is the
     * sequence the next output gets in the output queue.
     *
     * @param value outputs published before.
     */
    public void published(final long value)
    {
        published = value;
    }

    private void send(final int bodyLength)
    {
        published++;
        sink.onOutput(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private static void decimal(final DecimalEncoder encoder, final long mantissa, final int scale)
    {
        encoder.mantissa(mantissa).scale((short)scale);
    }

    private static void optionalDecimal(final DecimalEncoder encoder, final boolean present, final long mantissa, final int scale)
    {
        encoder.mantissa(present ? mantissa : DecimalEncoder.mantissaNullValue()).scale((short)(present ? scale : 0));
    }

    private static int instrumentOrNull(final int instrumentId)
    {
        return instrumentId == CROSS ? MarginCallEncoder.instrumentNullValue() : instrumentId;
    }

    /**
     * {@code margin_call}.
     *
     * @param account      account id.
     * @param instrumentId isolated position's instrument, or {@link #CROSS}.
     * @param equity       E, money.
     * @param maintenance  MMreq, money.
     * @param initial      IMreq, money.
     * @param shortfall    money needed to cure.
     * @param deadline     ns.
     */
    public void marginCall(
        final long account, final int instrumentId, final long equity, final long maintenance,
        final long initial, final long shortfall, final long deadline)
    {
        marginCall.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account)
            .instrument(instrumentOrNull(instrumentId));
        decimal(marginCall.equity(), equity, MONEY_SCALE);
        decimal(marginCall.maintenance(), maintenance, MONEY_SCALE);
        decimal(marginCall.initial(), initial, MONEY_SCALE);
        decimal(marginCall.shortfall(), shortfall, MONEY_SCALE);
        marginCall.deadline(deadline);
        send(marginCall.encodedLength());
    }

    /**
     * {@code margin_call_cured}.
     *
     * @param account      account id.
     * @param instrumentId isolated position's instrument, or {@link #CROSS}.
     * @param equity       E, money.
     * @param initial      IMreq, money.
     */
    public void marginCallCured(final long account, final int instrumentId, final long equity, final long initial)
    {
        cured.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account)
            .instrument(instrumentOrNull(instrumentId));
        decimal(cured.equity(), equity, MONEY_SCALE);
        decimal(cured.initial(), initial, MONEY_SCALE);
        send(cured.encodedLength());
    }

    /**
     * {@code liquidation_order}.
     *
     * @param orderId      order id.
     * @param account      account id.
     * @param instrumentId instrument.
     * @param sell         true to sell (close a long).
     * @param qty          quantity, qty raw.
     * @param qtyScale     its scale.
     * @param price        limit, price raw.
     * @param priceScale   its scale.
     * @param isolated     the position is isolated.
     */
    public void liquidationOrder(
        final long orderId, final long account, final int instrumentId, final boolean sell, final long qty,
        final int qtyScale, final long price, final int priceScale, final boolean isolated)
    {
        liquidationOrder.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).orderId(orderId)
            .account(account).instrument(instrumentId).side(sell ? Side.SELL : Side.BUY);
        decimal(liquidationOrder.qty(), qty, qtyScale);
        decimal(liquidationOrder.price(), price, priceScale);
        liquidationOrder.isolated(isolated ? BooleanType.TRUE : BooleanType.FALSE);
        send(liquidationOrder.encodedLength());
    }

    /**
     * {@code liquidation_done}.
     *
     * @param account      account id.
     * @param instrumentId isolated position's instrument, or {@link #CROSS}.
     */
    public void liquidationDone(final long account, final int instrumentId)
    {
        liquidationDone.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account)
            .instrument(instrumentOrNull(instrumentId));
        send(liquidationDone.encodedLength());
    }

    /**
     * {@code insurance_fund}: the fund's balance moved, or a deficit it could not pay.
     *
     * @param account      the other party (0 for a deposit into the fund).
     * @param delta        change of the fund's balance, positive into the fund.
     * @param balance      the fund's balance after.
     * @param hasShortfall whether part of a deficit was left unpaid.
     * @param shortfall    the unpaid part.
     */
    public void insuranceFund(final long account, final long delta, final long balance, final boolean hasShortfall, final long shortfall)
    {
        insuranceFund.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account);
        decimal(insuranceFund.delta(), delta, MONEY_SCALE);
        decimal(insuranceFund.balance(), balance, MONEY_SCALE);
        optionalDecimal(insuranceFund.shortfall(), hasShortfall, shortfall, MONEY_SCALE);
        send(insuranceFund.encodedLength());
    }

    /**
     * {@code adl}: a counterparty's position closed against a liquidation remainder.
     *
     * @param account      the counterparty.
     * @param instrumentId instrument.
     * @param sell         the counterparty's closing side is sell.
     * @param qty          quantity, qty raw.
     * @param qtyScale     its scale.
     * @param price        price raw (the bankruptcy price).
     * @param priceScale   its scale.
     * @param rank         rank at scale 8.
     */
    public void adl(
        final long account, final int instrumentId, final boolean sell, final long qty, final int qtyScale,
        final long price, final int priceScale, final long rank)
    {
        adl.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account).instrument(instrumentId)
            .side(sell ? Side.SELL : Side.BUY);
        decimal(adl.qty(), qty, qtyScale);
        decimal(adl.price(), price, priceScale);
        decimal(adl.rank(), rank, MONEY_SCALE);
        send(adl.encodedLength());
    }

    /**
     * {@code price_stale}.
     *
     * @param instrumentId instrument.
     */
    public void priceStale(final int instrumentId)
    {
        priceStale.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).instrument(instrumentId);
        send(priceStale.encodedLength());
    }

    /**
     * {@code price_resumed}.
     *
     * @param instrumentId instrument.
     */
    public void priceResumed(final int instrumentId)
    {
        priceResumed.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).instrument(instrumentId);
        send(priceResumed.encodedLength());
    }

    /**
     * {@code check_result}.
     *
     * @param account      account id.
     * @param instrumentId instrument.
     * @param accepted     the answer.
     * @param code         ACCEPTED, or why not.
     * @param reason       the sentence.
     */
    public void checkResult(final long account, final int instrumentId, final boolean accepted, final RejectCode code, final ReasonBuilder reason)
    {
        checkResult.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account)
            .instrument(instrumentId).accepted(accepted ? BooleanType.TRUE : BooleanType.FALSE).code(code)
            .putReason(reason.buffer(), 0, reason.length());
        send(checkResult.encodedLength());
    }

    /**
     * {@code reject}.
     *
     * @param code      why.
     * @param inputType template id of the rejected input.
     * @param reason    the sentence.
     */
    public void reject(final RejectCode code, final int inputType, final ReasonBuilder reason)
    {
        reject.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).code(code).inputType(inputType)
            .putReason(reason.buffer(), 0, reason.length());
        send(reject.encodedLength());
    }

    /**
     * Starts an {@code account_state}; add positions with {@link #accountStatePosition} after
     * {@link #accountStatePositions(int)}, then {@link #accountStateEnd()}.
     *
     * @param account     account id.
     * @param status      cross ladder status.
     * @param wallet      WB.
     * @param equity      E.
     * @param maintenance MMreq.
     * @param initial     IMreq.
     * @param hasRatio    false when the ratio is infinite.
     * @param ratio       MMreq / E at scale 8.
     */
    public void accountState(
        final long account, final int status, final long wallet, final long equity, final long maintenance,
        final long initial, final boolean hasRatio, final long ratio)
    {
        accountState.wrapAndApplyHeader(buffer, 0, header).ts(ts).cause(cause).account(account)
            .status(LadderStatus.get((short)status));
        decimal(accountState.wallet(), wallet, MONEY_SCALE);
        decimal(accountState.equity(), equity, MONEY_SCALE);
        decimal(accountState.maintenance(), maintenance, MONEY_SCALE);
        decimal(accountState.initial(), initial, MONEY_SCALE);
        optionalDecimal(accountState.marginRatio(), hasRatio, ratio, MONEY_SCALE);
    }

    /**
     * Declares how many positions the account_state lists.
     *
     * @param count positions to follow.
     */
    public void accountStatePositions(final int count)
    {
        positions = accountState.positionsCount(count);
    }

    /**
     * Adds one position to the account_state being built. Prices at {@code priceScale}
     * (entry at {@code priceScale + 4}), quantity at {@code qtyScale}, money at scale 8.
     * Optional prices take a presence flag rather than a sentinel value so that the encoder
     * writes the SBE null, which the JSON edge renders as {@code null}.
     *
     * @param instrumentId   instrument id.
     * @param qty            signed quantity, qty raw.
     * @param qtyScale       scale of {@code qty}.
     * @param entry          entry price {@code C / q}, truncated toward zero, at {@code entryScale}.
     * @param entryScale     scale of {@code entry}: {@code priceScale + 4}.
     * @param hasMark        false while the instrument has no price; {@code mark} is then ignored.
     * @param mark           mark price, price raw.
     * @param priceScale     scale of {@code mark}, {@code liq} and {@code bankruptcy}.
     * @param upnl           unrealized PnL, money.
     * @param maintenance    the position's MM, money.
     * @param initial        the position's IM, money.
     * @param isolated       true when the position is isolated.
     * @param isolatedMargin IWB, money; 0 for a cross position.
     * @param hasLiq         false when there is no liquidation price (at or below zero, or flat).
     * @param liq            liquidation price, price raw, rounded half-up to the tick.
     * @param hasBankruptcy  false when there is no bankruptcy price.
     * @param bankruptcy     bankruptcy price, price raw, rounded as the liquidation limit.
     * @param status         the isolated ladder's status; NORMAL for a cross position.
     */
    public void accountStatePosition(
        final int instrumentId, final long qty, final int qtyScale, final long entry, final int entryScale,
        final boolean hasMark, final long mark, final int priceScale, final long upnl, final long maintenance, final long initial,
        final boolean isolated, final long isolatedMargin, final boolean hasLiq, final long liq,
        final boolean hasBankruptcy, final long bankruptcy, final int status)
    {
        final AccountStateEncoder.PositionsEncoder e = positions.next();
        e.instrument(instrumentId);
        decimal(e.qty(), qty, qtyScale);
        decimal(e.entryPrice(), entry, entryScale);
        optionalDecimal(e.mark(), hasMark, mark, priceScale);
        decimal(e.upnl(), upnl, MONEY_SCALE);
        decimal(e.maintenance(), maintenance, MONEY_SCALE);
        decimal(e.initial(), initial, MONEY_SCALE);
        e.isolated(isolated ? BooleanType.TRUE : BooleanType.FALSE);
        decimal(e.isolatedMargin(), isolatedMargin, MONEY_SCALE);
        optionalDecimal(e.liquidationPrice(), hasLiq, liq, priceScale);
        optionalDecimal(e.bankruptcyPrice(), hasBankruptcy, bankruptcy, priceScale);
        e.status(LadderStatus.get((short)status));
    }

    /** Sends the account_state being built. */
    public void accountStateEnd()
    {
        send(accountState.encodedLength());
    }
}
