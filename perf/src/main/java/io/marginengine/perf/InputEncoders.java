package io.marginengine.perf;

import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.sbe.AccountEncoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.CheckEncoder;
import io.marginengine.journal.sbe.ClockEncoder;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.DepositEncoder;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.FundingEncoder;
import io.marginengine.journal.sbe.InvalidInputEncoder;
import io.marginengine.journal.sbe.MarkEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.QueryEncoder;
import io.marginengine.journal.sbe.Side;
import io.marginengine.journal.sbe.WithdrawEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the inputs the benchmarks send, straight into SBE with the generated encoders (the
 * JSON Lines edge is far slower than the processor and is not what is measured), each call
 * returning the message's length (header and body). Every input has {@code source} 0 and no
 * {@code seq}: the benchmarks replay their streams in loops, and a repeated {@code seq} would be
 * refused as a duplicate. Decimals are given as a mantissa and a scale, as on the wire.
 * Not thread safe.
 */
public final class InputEncoders
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AccountEncoder account = new AccountEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawEncoder withdraw = new WithdrawEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final MarkEncoder mark = new MarkEncoder();
    private final FundingEncoder funding = new FundingEncoder();
    private final ClockEncoder clock = new ClockEncoder();
    private final CheckEncoder check = new CheckEncoder();
    private final QueryEncoder query = new QueryEncoder();
    private final JsonInputEncoder json = new JsonInputEncoder();

    /**
     * Encodes an {@code instrument} from its JSON Lines form (once per instrument, so the edge's
     * cost does not matter; the tiers group is easier to read in JSON).
     *
     * @param line   the JSON line.
     * @param buffer receives the message; needs {@code MessageTypes.MAX_INPUT_LENGTH} bytes.
     * @param offset where it starts.
     * @return its length.
     * @throws IllegalArgumentException when the line is not a valid input.
     */
    public int jsonLine(final String line, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = json.encode(line, buffer, offset);
        if (length < 0 || json.lastTemplateId() == InvalidInputEncoder.TEMPLATE_ID)
        {
            throw new IllegalArgumentException("benchmark input refused by the JSON encoder (" + json.errorMessage() + "): " + line);
        }
        return length;
    }

    /**
     * @param buffer receives the message.
     * @param offset where it starts.
     * @param ts     input time.
     * @param id     account id.
     * @return its length.
     */
    public int account(final MutableDirectBuffer buffer, final int offset, final long ts, final long id)
    {
        account.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(AccountEncoder.seqNullValue()).source(0).account(id);
        return MessageHeaderEncoder.ENCODED_LENGTH + account.encodedLength();
    }

    /**
     * @param buffer   receives the message.
     * @param offset   where it starts.
     * @param ts       input time.
     * @param id       account id.
     * @param mantissa amount mantissa.
     * @param scale    amount scale.
     * @return its length.
     */
    public int deposit(final MutableDirectBuffer buffer, final int offset, final long ts, final long id, final long mantissa, final int scale)
    {
        deposit.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(DepositEncoder.seqNullValue()).source(0).account(id);
        decimal(deposit.amount(), mantissa, scale);
        return MessageHeaderEncoder.ENCODED_LENGTH + deposit.encodedLength();
    }

    /**
     * @param buffer   receives the message.
     * @param offset   where it starts.
     * @param ts       input time.
     * @param id       account id.
     * @param mantissa amount mantissa.
     * @param scale    amount scale.
     * @return its length.
     */
    public int withdraw(final MutableDirectBuffer buffer, final int offset, final long ts, final long id, final long mantissa, final int scale)
    {
        withdraw.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(WithdrawEncoder.seqNullValue()).source(0).account(id);
        decimal(withdraw.amount(), mantissa, scale);
        return MessageHeaderEncoder.ENCODED_LENGTH + withdraw.encodedLength();
    }

    /**
     * A fill that is not a liquidation fill.
     *
     * @param buffer     receives the message.
     * @param offset     where it starts.
     * @param ts         input time.
     * @param id         account id.
     * @param instrument instrument id.
     * @param sell       sell, else buy.
     * @param qty        quantity mantissa, at scale {@code qtyScale}.
     * @param qtyScale   quantity scale.
     * @param price      price mantissa, at scale {@code priceScale}.
     * @param priceScale price scale.
     * @param feeCents   fee in hundredths of the settlement asset.
     * @return its length.
     */
    public int fill(
        final MutableDirectBuffer buffer, final int offset, final long ts, final long id, final int instrument, final boolean sell,
        final long qty, final int qtyScale, final long price, final int priceScale, final long feeCents)
    {
        fill.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(FillEncoder.seqNullValue()).source(0)
            .account(id).instrument(instrument).side(sell ? Side.SELL : Side.BUY);
        decimal(fill.qty(), qty, qtyScale);
        decimal(fill.price(), price, priceScale);
        decimal(fill.fee(), feeCents, 2);
        fill.liquidation(BooleanType.FALSE).orderId(FillEncoder.orderIdNullValue());
        return MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength();
    }

    /**
     * @param buffer     receives the message.
     * @param offset     where it starts.
     * @param ts         input time.
     * @param instrument instrument id.
     * @param price      price mantissa.
     * @param priceScale price scale.
     * @return its length.
     */
    public int mark(final MutableDirectBuffer buffer, final int offset, final long ts, final int instrument, final long price, final int priceScale)
    {
        mark.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(MarkEncoder.seqNullValue()).source(0).instrument(instrument);
        decimal(mark.price(), price, priceScale);
        return MessageHeaderEncoder.ENCODED_LENGTH + mark.encodedLength();
    }

    /**
     * @param buffer     receives the message.
     * @param offset     where it starts.
     * @param ts         input time.
     * @param instrument instrument id.
     * @param rate       rate mantissa.
     * @param rateScale  rate scale.
     * @return its length.
     */
    public int funding(final MutableDirectBuffer buffer, final int offset, final long ts, final int instrument, final long rate, final int rateScale)
    {
        funding.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(FundingEncoder.seqNullValue()).source(0).instrument(instrument);
        decimal(funding.rate(), rate, rateScale);
        return MessageHeaderEncoder.ENCODED_LENGTH + funding.encodedLength();
    }

    /**
     * @param buffer receives the message.
     * @param offset where it starts.
     * @param ts     input time.
     * @return its length.
     */
    public int clock(final MutableDirectBuffer buffer, final int offset, final long ts)
    {
        clock.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(ClockEncoder.seqNullValue()).source(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + clock.encodedLength();
    }

    /**
     * A pre-trade check.
     *
     * @param buffer     receives the message.
     * @param offset     where it starts.
     * @param ts         input time.
     * @param id         account id.
     * @param instrument instrument id.
     * @param sell       sell, else buy.
     * @param qty        quantity mantissa.
     * @param qtyScale   quantity scale.
     * @param price      price mantissa.
     * @param priceScale price scale.
     * @return its length.
     */
    public int check(
        final MutableDirectBuffer buffer, final int offset, final long ts, final long id, final int instrument, final boolean sell,
        final long qty, final int qtyScale, final long price, final int priceScale)
    {
        check.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(CheckEncoder.seqNullValue()).source(0)
            .account(id).instrument(instrument).side(sell ? Side.SELL : Side.BUY);
        decimal(check.qty(), qty, qtyScale);
        decimal(check.price(), price, priceScale);
        return MessageHeaderEncoder.ENCODED_LENGTH + check.encodedLength();
    }

    /**
     * @param buffer receives the message.
     * @param offset where it starts.
     * @param ts     input time.
     * @param id     account id.
     * @return its length.
     */
    public int query(final MutableDirectBuffer buffer, final int offset, final long ts, final long id)
    {
        query.wrapAndApplyHeader(buffer, offset, header).ts(ts).seq(QueryEncoder.seqNullValue()).source(0).account(id);
        return MessageHeaderEncoder.ENCODED_LENGTH + query.encodedLength();
    }

    private static void decimal(final DecimalEncoder decimal, final long mantissa, final int scale)
    {
        decimal.mantissa(mantissa).scale((short)scale);
    }
}
