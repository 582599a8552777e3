package io.marginengine.engine.demo;

import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.InputNumbers;
import io.marginengine.engine.logic.Int128Math;
import io.marginengine.journal.sbe.AdlDecoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.CheckResultDecoder;
import io.marginengine.journal.sbe.DecimalDecoder;
import io.marginengine.journal.sbe.InsuranceFundDecoder;
import io.marginengine.journal.sbe.LiquidationOrderDecoder;
import io.marginengine.journal.sbe.MarginCallDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.RejectDecoder;
import io.marginengine.journal.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * The simulation's in-process listener, on the processor thread: tallies what a risk officer
 * reads at the end (outputs by type, rejects by code, the insurance fund's path, ADL) and
 * passes what the simulated venue reacts to (liquidation orders, margin calls, pre-trade
 * check results, ADL) to the producer thread through a preallocated one-to-one ring buffer.
 * It allocates nothing per output and never blocks the processor: a notice that does not
 * fit is counted as lost (the buffer is sized so that it does not happen).
 * <p>
 * Plain fields are read by the producer thread only after {@code MarginEngine.processed()}
 * (a volatile read of the processor's sequence, published after the outputs) says the
 * inputs behind them are done.
 */
final class VenueOutputs implements OutputSink
{
    /** Notice: a liquidation order {orderId, account, instrument, side, qty, scale, price, scale}. */
    static final int LIQUIDATION_ORDER = 1;
    /** Notice: a margin call {account, instrument or -1, shortfall at scale 8}. */
    static final int MARGIN_CALL = 2;
    /** Notice: a check result {account, instrument, accepted}. */
    static final int CHECK_RESULT = 3;
    /** Notice: an ADL {account, instrument, side, qty, scale}. */
    static final int ADL = 4;

    private static final int MAX_TEMPLATE = 110;
    private static final int NOTICE_LENGTH = 64;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder order = new LiquidationOrderDecoder();
    private final MarginCallDecoder call = new MarginCallDecoder();
    private final CheckResultDecoder checkResult = new CheckResultDecoder();
    private final AdlDecoder adl = new AdlDecoder();
    private final InsuranceFundDecoder fund = new InsuranceFundDecoder();
    private final RejectDecoder reject = new RejectDecoder();
    private final UnsafeBuffer notice = new UnsafeBuffer(ByteBuffer.allocateDirect(NOTICE_LENGTH));
    private final OneToOneRingBuffer notices;
    private final long fundAccount;

    final long[] outputsByType = new long[MAX_TEMPLATE + 1];
    final long[] rejectsByCode = new long[RejectCode.values().length];
    long crossCalls;
    long isolatedCalls;
    long adlEvents;
    long adlNotional8;
    long fundOpening8 = Long.MIN_VALUE;
    long fundBalance8;
    long fundMin8 = Long.MAX_VALUE;
    long fundMax8 = Long.MIN_VALUE;
    long fundMinAt;
    long feesToFund8;
    long deficitsPaid8;
    long deficitsPaidCount;
    long shortfall8;
    long shortfallCount;
    long lostNotices;

    /**
     * @param fundAccount  the insurance fund's account id.
     * @param noticeBytes  capacity of the notice buffer to the producer, a power of two.
     */
    VenueOutputs(final long fundAccount, final int noticeBytes)
    {
        this.fundAccount = fundAccount;
        notices = new OneToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(noticeBytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /** @return the notices for the producer thread to read. */
    OneToOneRingBuffer notices()
    {
        return notices;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId <= MAX_TEMPLATE)
        {
            outputsByType[templateId]++;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case LiquidationOrderDecoder.TEMPLATE_ID:
                order.wrap(buffer, body, blockLength, version);
                notice.putLong(0, order.orderId());
                notice.putLong(8, order.account());
                notice.putInt(16, order.instrument());
                notice.putInt(20, order.side() == Side.BUY ? 1 : 0);
                notice.putLong(24, order.qty().mantissa());
                notice.putInt(32, order.qty().scale());
                notice.putLong(40, order.price().mantissa());
                notice.putInt(48, order.price().scale());
                offer(LIQUIDATION_ORDER, 52);
                break;
            case MarginCallDecoder.TEMPLATE_ID:
                call.wrap(buffer, body, blockLength, version);
                final boolean isolated = call.instrument() != MarginCallDecoder.instrumentNullValue();
                if (isolated)
                {
                    isolatedCalls++;
                }
                else
                {
                    crossCalls++;
                }
                notice.putLong(0, call.account());
                notice.putInt(8, isolated ? call.instrument() : -1);
                notice.putLong(16, scale8(call.shortfall()));
                offer(MARGIN_CALL, 24);
                break;
            case CheckResultDecoder.TEMPLATE_ID:
                checkResult.wrap(buffer, body, blockLength, version);
                notice.putLong(0, checkResult.account());
                notice.putInt(8, checkResult.instrument());
                notice.putInt(12, checkResult.accepted() == BooleanType.TRUE ? 1 : 0);
                offer(CHECK_RESULT, 16);
                break;
            case AdlDecoder.TEMPLATE_ID:
                onAdl(buffer, body, blockLength, version);
                break;
            case InsuranceFundDecoder.TEMPLATE_ID:
                onFund(buffer, body, blockLength, version);
                break;
            case RejectDecoder.TEMPLATE_ID:
                reject.wrap(buffer, body, blockLength, version);
                final short code = reject.codeRaw();
                if (code >= 0 && code < rejectsByCode.length)
                {
                    rejectsByCode[code]++;
                }
                break;
            default:
                break;
        }
    }

    private void onAdl(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        adl.wrap(buffer, body, blockLength, version);
        adlEvents++;
        final DecimalDecoder qty = adl.qty();
        final DecimalDecoder price = adl.price();
        // notional at scale 8: qty x price, rescaled exactly (128-bit intermediate)
        adlNotional8 += Int128Math.mulDiv(Math.multiplyExact(qty.mantissa(), price.mantissa()), InputNumbers.pow10(8),
            InputNumbers.pow10(qty.scale() + price.scale()), Int128Math.DOWN);
        notice.putLong(0, adl.account());
        notice.putInt(8, adl.instrument());
        notice.putInt(12, adl.side() == Side.BUY ? 1 : 0);
        notice.putLong(16, qty.mantissa());
        notice.putInt(24, qty.scale());
        offer(ADL, 28);
    }

    private void onFund(final DirectBuffer buffer, final int body, final int blockLength, final int version)
    {
        fund.wrap(buffer, body, blockLength, version);
        final long delta = scale8(fund.delta());
        final long balance = scale8(fund.balance());
        if (fundOpening8 == Long.MIN_VALUE)
        {
            fundOpening8 = balance - delta;
        }
        fundBalance8 = balance;
        if (balance < fundMin8)
        {
            fundMin8 = balance;
            fundMinAt = fund.ts();
        }
        fundMax8 = Math.max(fundMax8, balance);
        if (fund.account() != fundAccount)
        {
            if (delta > 0)
            {
                feesToFund8 += delta;
            }
            else if (delta < 0)
            {
                deficitsPaid8 -= delta;
                deficitsPaidCount++;
            }
        }
        final long shortfall = fund.shortfall().mantissa();
        if (shortfall != DecimalDecoder.mantissaNullValue() && shortfall != 0)
        {
            shortfall8 += scale8(fund.shortfall());
            shortfallCount++;
        }
    }

    private void offer(final int type, final int length)
    {
        if (!notices.write(type, notice, 0, length))
        {
            lostNotices++;
        }
    }

    private static long scale8(final DecimalDecoder decimal)
    {
        final long mantissa = decimal.mantissa();
        if (mantissa == DecimalDecoder.mantissaNullValue())
        {
            return 0;
        }
        final int scale = decimal.scale();
        return scale <= 8 ? mantissa * InputNumbers.pow10(8 - scale) : mantissa / InputNumbers.pow10(scale - 8);
    }
}
