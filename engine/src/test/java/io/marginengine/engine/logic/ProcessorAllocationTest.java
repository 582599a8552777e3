package io.marginengine.engine.logic;

import io.marginengine.engine.Context;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.LiquidationExpiredEncoder;
import io.marginengine.journal.sbe.LiquidationOrderDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processor allocates nothing per input once started: a mixed stream of every input type
 * (marks with crashes that cause margin calls and liquidations, fills that flip positions,
 * liquidation fills or expiries (fund takeover, ADL) fed back for every liquidation order, deposits, withdrawals, funding,
 * checks, queries, isolated margin, and rejected inputs of many kinds) is run twice to warm up
 * the JIT, then five more times on fresh processors while the thread's allocated bytes are
 * counted. The JVM itself sometimes allocates a few hundred bytes on the thread at a random
 * point (deoptimization, method-handle spinning: seen with JFR allocation events, never in
 * processor frames); an allocation in the processor's code would show in every run, so the
 * quietest run must show exactly zero.
 */
class ProcessorAllocationTest
{
    private static final int ACCOUNTS = 300;
    private static final long SEED = 20261121L;
    private static final int RUNS = 5;

    private final UnsafeBuffer script = new UnsafeBuffer(new byte[64 << 20]);
    private final List<int[]> entries = new ArrayList<>();
    private final UnsafeBuffer feedback = new UnsafeBuffer(new byte[512]);
    private final FillEncoder fill = new FillEncoder();
    private final LiquidationExpiredEncoder expired = new LiquidationExpiredEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final LiquidationOrderDecoder orderDecoder = new LiquidationOrderDecoder();
    private long pendingOrder;
    private long pendingAccount;
    private int pendingInstrument;
    private boolean pendingSell;
    private long pendingQty;
    private int pendingQtyScale;
    private long pendingPrice;
    private int pendingPriceScale;
    private long outputs;
    private long liquidationOrders;
    private long fundEvents;
    private long adlEvents;

    @Test
    void processesAMixedStreamWithoutAllocating()
    {
        final long inputs = encodeScript();
        run();
        run();
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long[] allocated = new long[RUNS];
        long processed = 0;
        MarginProcessor processor = null;
        for (int run = 0; run < RUNS; run++)
        {
            processor = newProcessor();
            liquidationOrders = 0;
            fundEvents = 0;
            adlEvents = 0;
            final long before = threads.getCurrentThreadAllocatedBytes();
            processed = drive(processor);
            allocated[run] = threads.getCurrentThreadAllocatedBytes() - before;
        }
        final long quietest = java.util.Arrays.stream(allocated).min().orElseThrow();
        System.out.println("bytes allocated per run of " + processed + " inputs: " + java.util.Arrays.toString(allocated)
            + "; per run: " + liquidationOrders + " liquidation orders, " + fundEvents + " insurance_fund, " + adlEvents + " adl");

        assertTrue(processed >= inputs, "every scripted input was processed");
        assertTrue(liquidationOrders > 10, "the stream liquidates accounts (" + liquidationOrders + " orders)");
        assertTrue(processor.marginCalls() > 10, "the stream issues margin calls (" + processor.marginCalls() + ")");
        assertTrue(processor.rejects() > 10, "the stream includes rejected inputs (" + processor.rejects() + ")");
        assertTrue(fundEvents > 10, "the stream moves the insurance fund (" + fundEvents + " events)");
        assertEquals(0, quietest, "bytes allocated while processing " + processed + " inputs, quietest of "
            + java.util.Arrays.toString(allocated));
    }

    private void run()
    {
        drive(newProcessor());
    }

    private MarginProcessor newProcessor()
    {
        return new MarginProcessor(new Context().maxAccounts(ACCOUNTS + 1).maxInstruments(4).maxPositionsPerAccount(4), this::onOutput);
    }

    private void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        outputs++;
        headerDecoder.wrap(buffer, offset);
        fundEvents += headerDecoder.templateId() == io.marginengine.journal.sbe.InsuranceFundDecoder.TEMPLATE_ID ? 1 : 0;
        adlEvents += headerDecoder.templateId() == io.marginengine.journal.sbe.AdlDecoder.TEMPLATE_ID ? 1 : 0;
        if (headerDecoder.templateId() == LiquidationOrderDecoder.TEMPLATE_ID)
        {
            liquidationOrders++;
            orderDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
            pendingOrder = orderDecoder.orderId();
            pendingAccount = orderDecoder.account();
            pendingInstrument = orderDecoder.instrument();
            pendingSell = orderDecoder.side() == Side.SELL;
            pendingQty = orderDecoder.qty().mantissa();
            pendingQtyScale = orderDecoder.qty().scale();
            pendingPrice = orderDecoder.price().mantissa();
            pendingPriceScale = orderDecoder.price().scale();
        }
    }

    private long drive(final MarginProcessor processor)
    {
        long index = 0;
        for (int i = 0; i < entries.size(); i++)
        {
            final int[] e = entries.get(i);
            pendingOrder = 0;
            processor.onInput(index++, script, e[0], e[1]);
            final long ts = script.getLong(e[0] + MessageHeaderEncoder.ENCODED_LENGTH);
            while (pendingOrder != 0)
            {
                final int length = pendingOrder % 3 == 0 ? encodeExpiry(ts) : encodeLiquidationFill(ts);
                pendingOrder = 0;
                processor.onInput(index++, feedback, 0, length);
            }
        }
        return index;
    }

    private int encodeLiquidationFill(final long ts)
    {
        fill.wrapAndApplyHeader(feedback, 0, headerEncoder).ts(ts).seq(FillEncoder.seqNullValue()).source(0)
            .account(pendingAccount).instrument(pendingInstrument).side(pendingSell ? Side.SELL : Side.BUY);
        fill.qty().mantissa(pendingQty).scale((short)pendingQtyScale);
        // one order in three fills better than its limit (a fee), one worse (a deficit), one expires
        final long better = pendingSell ? 500 : -500;
        final long price = pendingOrder % 3 == 1 ? pendingPrice + better : Math.max(1, pendingPrice - better);
        fill.price().mantissa(price).scale((short)pendingPriceScale);
        fill.fee().mantissa(0).scale((short)0);
        fill.liquidation(BooleanType.TRUE).orderId(pendingOrder);
        return MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength();
    }

    private int encodeExpiry(final long ts)
    {
        expired.wrapAndApplyHeader(feedback, 0, headerEncoder).ts(ts).seq(LiquidationExpiredEncoder.seqNullValue())
            .source(0).orderId(pendingOrder).account(pendingAccount).instrument(pendingInstrument);
        expired.qty().mantissa(pendingQty).scale((short)pendingQtyScale);
        return MessageHeaderEncoder.ENCODED_LENGTH + expired.encodedLength();
    }

    private long encodeScript()
    {
        final List<String> lines = new ArrayList<>();
        final Random random = new Random(SEED);
        long ts = 1_000;
        lines.add("{\"type\":\"instrument\",\"ts\":" + ts + ",\"instrument\":1,\"symbol\":\"BTCUSDT\",\"priceScale\":2,\"qtyScale\":3,"
            + "\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"staleAfterNs\":\"0\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.02\",\"mmr\":\"0.01\"},"
            + "{\"floor\":\"200000\",\"imr\":\"0.05\",\"mmr\":\"0.025\"}]}");
        lines.add("{\"type\":\"instrument\",\"ts\":" + ts + ",\"instrument\":2,\"symbol\":\"ETHUSDT\",\"priceScale\":2,\"qtyScale\":2,"
            + "\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.004\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.05\",\"mmr\":\"0.025\"}]}");
        lines.add("{\"type\":\"params\",\"ts\":" + ts + ",\"callGraceNs\":5000}");
        lines.add("{\"type\":\"deposit\",\"ts\":" + ts + ",\"account\":0,\"amount\":\"20000\"}");
        for (int a = 1; a <= ACCOUNTS; a++)
        {
            lines.add("{\"type\":\"account\",\"ts\":" + ts + ",\"account\":" + a + "}");
            lines.add("{\"type\":\"deposit\",\"ts\":" + ts + ",\"account\":" + a + ",\"amount\":\"" + (5_000 + random.nextInt(20_000)) + "\"}");
            if (a % 7 == 0)
            {
                lines.add("{\"type\":\"margin_mode\",\"ts\":" + ts + ",\"account\":" + a + ",\"instrument\":2,\"mode\":\"isolated\"}");
                lines.add("{\"type\":\"isolated_margin\",\"ts\":" + ts + ",\"account\":" + a + ",\"instrument\":2,\"amount\":\"2000\"}");
            }
        }
        long btc = 6_000_000;
        long eth = 300_000;
        for (int step = 0; step < 30_000; step++)
        {
            ts += 1_000;
            final int a = 1 + random.nextInt(ACCOUNTS);
            final int r = random.nextInt(100);
            if (r < 60)
            {
                final boolean crash = step % 5000 > 4800;
                final long move = crash ? -random.nextInt(800) : random.nextInt(600) - 300;
                if (random.nextBoolean())
                {
                    btc = Math.max(1_000_000, btc + move * 100);
                    lines.add("{\"type\":\"mark\",\"ts\":" + ts + ",\"instrument\":1,\"price\":\"" + cents(btc) + "\"}");
                }
                else
                {
                    eth = Math.max(50_000, eth + move * 5);
                    lines.add("{\"type\":\"mark\",\"ts\":" + ts + ",\"instrument\":2,\"price\":\"" + cents(eth) + "\"}");
                }
            }
            else if (r < 80)
            {
                final boolean onBtc = random.nextBoolean();
                final String qty = onBtc ? "0." + (100 + random.nextInt(900)) : (1 + random.nextInt(20)) + "." + random.nextInt(10);
                lines.add("{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":" + a + ",\"instrument\":" + (onBtc ? 1 : 2)
                    + ",\"side\":\"" + (random.nextBoolean() ? "buy" : "sell") + "\",\"qty\":\"" + qty + "\",\"price\":\""
                    + cents(onBtc ? btc : eth) + "\",\"fee\":\"0.1\"}");
            }
            else if (r < 84)
            {
                lines.add("{\"type\":\"deposit\",\"ts\":" + ts + ",\"account\":" + a + ",\"amount\":\"" + random.nextInt(3000) + ".5\"}");
            }
            else if (r < 88)
            {
                lines.add("{\"type\":\"withdraw\",\"ts\":" + ts + ",\"account\":" + a + ",\"amount\":\"" + random.nextInt(3000) + "\"}");
            }
            else if (r < 91)
            {
                lines.add("{\"type\":\"check\",\"ts\":" + ts + ",\"account\":" + a + ",\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.5\",\"price\":\""
                    + cents(btc) + "\"}");
            }
            else if (r < 93)
            {
                lines.add("{\"type\":\"query\",\"ts\":" + ts + ",\"account\":" + a + "}");
            }
            else if (r < 94)
            {
                lines.add("{\"type\":\"funding\",\"ts\":" + ts + ",\"instrument\":2,\"rate\":\"0.0001\"}");
            }
            else if (r < 95)
            {
                lines.add("{\"type\":\"clock\",\"ts\":" + ts + "}");
            }
            else
            {
                lines.add(badInput(random.nextInt(6), ts, a));
            }
        }
        final JsonInputEncoder encoder = new JsonInputEncoder();
        int offset = 0;
        for (final String line : lines)
        {
            final int length = encoder.encode(line, script, offset);
            if (length < 0)
            {
                throw new IllegalStateException(encoder.errorMessage() + ": " + line);
            }
            entries.add(new int[] {offset, length});
            offset += length;
        }
        return lines.size();
    }

    private static String badInput(final int kind, final long ts, final int account)
    {
        switch (kind)
        {
            case 0:
                return "{\"type\":\"deposit\",\"ts\":" + ts + ",\"account\":999999,\"amount\":\"1\"}";
            case 1:
                return "{\"type\":\"mark\",\"ts\":" + ts + ",\"instrument\":77,\"price\":\"1\"}";
            case 2:
                return "{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":" + account
                    + ",\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.0001\",\"price\":\"1\"}";
            case 3:
                return "{\"type\":\"clock\",\"ts\":1}";
            case 4:
                return "{\"type\":\"withdraw\",\"ts\":" + ts + ",\"account\":" + account + ",\"amount\":\"9999999\"}";
            default:
                return "{\"type\":\"deposit\",\"ts\":" + ts + ",\"account\":" + account + ",\"amount\":\"1.2.3\"}";
        }
    }

    private static String cents(final long value)
    {
        return (value / 100) + "." + String.format("%02d", value % 100);
    }
}
