package io.marginengine.perf;

import io.marginengine.engine.Context;
import io.marginengine.engine.Surveillance;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.logic.TriggerIndex;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.sbe.AccountEncoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.DepositEncoder;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.MarkEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Cost of a mark tick with the trigger index and with plain re-evaluation of every holder
 * (docs/SURVEILLANCE.md), at 1 thousand, 100 thousand and 1 million accounts, with 0.1% or 10%
 * of them near a threshold. Run with {@code -prof gc}: the processor allocates nothing.
 * <p>
 * Every account holds two cross positions, long 1 BTC at 60,000 and long 20 ETH at 3,000
 * (notional 60,000 each; maintenance 250 + 300). Far accounts have a wallet of 50,000: their
 * call is some 40% away. Near accounts (every 1,000th or every 10th) have 1,550: headroom 1,000
 * USD, 500 per position, their triggers 0.8% and 0.8% below the marks. State is built by feeding
 * inputs through the processor.
 * <ul>
 * <li>{@link #markNoTriggerCrossed}: BTC moves by one cent, back and forth: no trigger is
 * crossed; the index looks at two heap roots, the plain scan evaluates every account twice (the
 * overflow check, then the ladder).</li>
 * <li>{@link #markCycleCrossingNear}: one cycle of four ticks, BTC 60,000 to 59,400 and back,
 * ETH 3,000 to 2,970 and back. Each fall costs a near account 600 of its 1,000 headroom: more
 * than the share of that position, so its trigger is crossed and it is evaluated and re-armed,
 * never called (the other position's share is re-armed from the smaller headroom, so the next
 * fall of the other instrument crosses again). The rises cross nothing. Per cycle: two ticks
 * crossing every near account's trigger and two crossing none.</li>
 * </ul>
 * The trial checks its own result: no margin call was issued, and with the index the quiet tick
 * re-armed nothing while every crossing tick re-armed every near account.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MarkTickBenchmark
{
    private static final long TS = 1_700_000_000_000_000_000L;

    @Param({"1000", "100000", "1000000"})
    public int accounts;

    @Param({"INDEXED", "PLAIN"})
    public Surveillance surveillance;

    /** Share of accounts near a threshold. */
    @Param({"0.1%", "10%"})
    public String near;

    private MarginProcessor processor;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AccountEncoder account = new AccountEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final MarkEncoder mark = new MarkEncoder();
    private final UnsafeBuffer[] quiet = new UnsafeBuffer[2];
    private final UnsafeBuffer[] cycle = new UnsafeBuffer[4];
    private int markLength;
    private long index;
    private long outputs;
    private int nearCount;
    private long quietTicks;
    private long cycles;
    private long armsBefore;

    @Setup(Level.Trial)
    public void setUp()
    {
        processor = new MarginProcessor(new Context().maxAccounts(accounts + 1).maxInstruments(2).maxPositionsPerAccount(2)
            .surveillance(surveillance), (b, offset, length) -> outputs++);
        final JsonInputEncoder json = new JsonInputEncoder();
        sendJson(json, "{\"type\":\"instrument\",\"ts\":" + TS + ",\"instrument\":1,\"symbol\":\"BTCUSDT\",\"priceScale\":2,"
            + "\"qtyScale\":3,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\","
            + "\"mmr\":\"0.004\"},{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}]}");
        sendJson(json, "{\"type\":\"instrument\",\"ts\":" + TS + ",\"instrument\":2,\"symbol\":\"ETHUSDT\",\"priceScale\":2,"
            + "\"qtyScale\":2,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.01\","
            + "\"mmr\":\"0.005\"}]}");
        sendMark(1, 6_000_000);
        sendMark(2, 300_000);
        final int period = "10%".equals(near) ? 10 : 1000;
        for (int a = 1; a <= accounts; a++)
        {
            final boolean isNear = a % period == 0;
            nearCount += isNear ? 1 : 0;
            send(account.wrapAndApplyHeader(buffer, 0, header).ts(TS).seq(AccountEncoder.seqNullValue()).source(0)
                .account(a).encodedLength());
            deposit.wrapAndApplyHeader(buffer, 0, header).ts(TS).seq(DepositEncoder.seqNullValue()).source(0).account(a)
                .amount().mantissa(isNear ? 1_550 : 50_000).scale((short)0);
            send(deposit.encodedLength());
            sendFill(a, 1, 1_000, 3, 6_000_000);
            sendFill(a, 2, 2_000, 2, 300_000);
        }
        quiet[0] = encodeMark(1, 6_000_001);
        quiet[1] = encodeMark(1, 6_000_000);
        cycle[0] = encodeMark(1, 5_940_000);
        cycle[1] = encodeMark(1, 6_000_000);
        cycle[2] = encodeMark(2, 297_000);
        cycle[3] = encodeMark(2, 300_000);
        if (processor.marginCalls() != 0 || processor.rejects() != 0)
        {
            throw new IllegalStateException("set-up issued " + processor.marginCalls() + " calls and " + processor.rejects() + " rejects");
        }
        armsBefore = arms();
    }

    /** A mark moving BTC by one cent, back and forth: no trigger crossed. @return outputs so far. */
    @Benchmark
    public long markNoTriggerCrossed()
    {
        processor.onInput(index++, quiet[(int)(quietTicks++ & 1)], 0, markLength);
        return outputs;
    }

    /** Four marks: BTC down 1% and back, ETH down 1% and back; each fall crosses every near account's trigger. @return outputs so far. */
    @Benchmark
    public long markCycleCrossingNear()
    {
        for (int i = 0; i < 4; i++)
        {
            processor.onInput(index++, cycle[i], 0, markLength);
        }
        cycles++;
        return outputs;
    }

    @TearDown(Level.Trial)
    public void check()
    {
        if (processor.marginCalls() != 0 || processor.rejects() != 0)
        {
            throw new IllegalStateException("the benchmark issued " + processor.marginCalls() + " calls and " +
                processor.rejects() + " rejects");
        }
        final TriggerIndex triggers = processor.triggerIndex();
        if (triggers == null)
        {
            return;
        }
        final long rearmed = arms() - armsBefore;
        if (quietTicks > 0 && rearmed != 0)
        {
            throw new IllegalStateException("quiet ticks re-armed " + rearmed + " ladders");
        }
        // the first fall of all crosses the near accounts' first trigger only if it lies above 59,400: it does (59,500)
        if (cycles > 0 && rearmed < 2 * nearCount * cycles)
        {
            throw new IllegalStateException(cycles + " cycles re-armed only " + rearmed + " ladders for " + nearCount + " near accounts");
        }
        System.out.println("\n" + accounts + " accounts, " + nearCount + " near, " + surveillance + ": " + rearmed +
            " ladders re-armed over " + quietTicks + " quiet ticks and " + cycles + " cycles");
    }

    private long arms()
    {
        return processor.triggerIndex() == null ? 0 : processor.triggerIndex().armCount();
    }

    private void sendFill(final int accountId, final int instrument, final long qty, final int qtyScale, final long price)
    {
        fill.wrapAndApplyHeader(buffer, 0, header).ts(TS).seq(FillEncoder.seqNullValue()).source(0).account(accountId)
            .instrument(instrument).side(Side.BUY);
        fill.qty().mantissa(qty).scale((short)qtyScale);
        fill.price().mantissa(price).scale((short)2);
        fill.fee().mantissa(0).scale((short)0);
        fill.liquidation(BooleanType.FALSE).orderId(FillEncoder.orderIdNullValue());
        send(fill.encodedLength());
    }

    private void sendMark(final int instrument, final long price)
    {
        final UnsafeBuffer encoded = encodeMark(instrument, price);
        processor.onInput(index++, encoded, 0, markLength);
    }

    private UnsafeBuffer encodeMark(final int instrument, final long price)
    {
        final UnsafeBuffer target = new UnsafeBuffer(new byte[128]);
        mark.wrapAndApplyHeader(target, 0, header).ts(TS).seq(MarkEncoder.seqNullValue()).source(0).instrument(instrument)
            .price().mantissa(price).scale((short)2);
        markLength = MessageHeaderEncoder.ENCODED_LENGTH + mark.encodedLength();
        return target;
    }

    private void send(final int bodyLength)
    {
        processor.onInput(index++, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private void sendJson(final JsonInputEncoder json, final String line)
    {
        final int length = json.encode(line, buffer, 0);
        if (length < 0)
        {
            throw new IllegalStateException(json.errorMessage() + ": " + line);
        }
        processor.onInput(index++, buffer, 0, length);
    }
}
