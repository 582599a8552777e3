package io.marginengine.perf;

import io.marginengine.engine.Context;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
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

import java.util.concurrent.TimeUnit;

/**
 * Cost of one input through the processor: a mark that moves within a band (no account crosses
 * a threshold) and a fill, at a given number of accounts holding the instrument. Run with
 * {@code -prof gc} to see the allocation per input (expected: 0 B/op).
 * <p>
 * The processor evaluates every holder on a mark today; issue 6 replaces that scan with a
 * trigger index, and this benchmark is its baseline.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProcessorBenchmark
{
    @Param({"1000"})
    public int accounts;

    private MarginProcessor processor;
    private final UnsafeBuffer[] marks = new UnsafeBuffer[2];
    private final int[] markLengths = new int[2];
    private final UnsafeBuffer fill = new UnsafeBuffer(new byte[512]);
    private int fillLength;
    private long index;
    private long outputs;

    @Setup(Level.Trial)
    public void setUp()
    {
        processor = new MarginProcessor(new Context().maxAccounts(accounts + 1).maxInstruments(2).maxPositionsPerAccount(2),
            (buffer, offset, length) -> outputs++);
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
        send(encoder, scratch, "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":\"BTCUSDT\",\"priceScale\":2,"
            + "\"qtyScale\":3,\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\",\"mmr\":\"0.004\"},"
            + "{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}]}");
        for (int a = 1; a <= accounts; a++)
        {
            send(encoder, scratch, "{\"type\":\"account\",\"ts\":1,\"account\":" + a + "}");
            send(encoder, scratch, "{\"type\":\"deposit\",\"ts\":1,\"account\":" + a + ",\"amount\":\"10000\"}");
            send(encoder, scratch, "{\"type\":\"fill\",\"ts\":1,\"account\":" + a + ",\"instrument\":1,\"side\":\""
                + (a % 2 == 0 ? "buy" : "sell") + "\",\"qty\":\"1\",\"price\":\"60000\"}");
        }
        for (int i = 0; i < 2; i++)
        {
            marks[i] = new UnsafeBuffer(new byte[512]);
            markLengths[i] = encoder.encode("{\"type\":\"mark\",\"ts\":2,\"instrument\":1,\"price\":\"" + (i == 0 ? "60010" : "59990") + "\"}",
                marks[i], 0);
        }
        fillLength = encoder.encode("{\"type\":\"fill\",\"ts\":2,\"account\":1,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.001\","
            + "\"price\":\"60000\"}", fill, 0);
    }

    private void send(final JsonInputEncoder encoder, final UnsafeBuffer scratch, final String json)
    {
        final int length = encoder.encode(json, scratch, 0);
        if (length < 0)
        {
            throw new IllegalStateException(encoder.errorMessage() + ": " + json);
        }
        processor.onInput(index++, scratch, 0, length);
    }

    /** @return outputs so far, consumed by JMH so the work cannot be dropped. */
    @Benchmark
    public long markNoThresholdCrossed()
    {
        final int i = (int)(index & 1);
        processor.onInput(index++, marks[i], 0, markLengths[i]);
        return outputs;
    }

    /** @return outputs so far. */
    @Benchmark
    public long fill()
    {
        processor.onInput(index++, fill, 0, fillLength);
        return outputs;
    }
}
