package io.marginengine.perf;

import io.marginengine.engine.logic.MarginProcessor;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The processor alone on the mixed workload ({@link MixedWorkload}: 90% marks, 9% fills, 1%
 * deposits and withdrawals) at {@code accounts} accounts: inputs per second, and, with
 * {@code -prof gc}, bytes allocated per input. One operation is one input; each call sends
 * {@value #BATCH} of them, so JMH's own per-call cost is spread thin. The target of issue 6:
 * at least 20 million inputs per second and 0 bytes per input at 1 million accounts.
 * <p>
 * The trial fails when any input was refused or a margin call was issued: the stream is built
 * to be accepted whole, loop after loop, so either would mean the figure measured something
 * else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MixedInputBenchmark
{
    /** Inputs per benchmark call. */
    public static final int BATCH = 1024;

    /** Accounts in the book. */
    @Param({"1000000"})
    public int accounts;

    /** Inputs in the loop of the stream. */
    @Param({"1048576"})
    public int streamLength;

    private MarginProcessor processor;
    private UnsafeBuffer stream;
    private int[] offsets;
    private int[] lengths;
    private int position;
    private long index;
    private long outputs;

    /** Builds the book in the processor and encodes the stream. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MixedWorkload workload = new MixedWorkload(accounts, streamLength, 20261121L);
        processor = new MarginProcessor(workload.context(), (buffer, offset, length) -> outputs++);
        final ProcessorDriver driver = new ProcessorDriver(processor);
        workload.sendSetup(driver);
        index = driver.inputs();
        stream = workload.stream();
        offsets = workload.offsets();
        lengths = workload.lengths();
        check();
    }

    /**
     * Sends the next {@value #BATCH} inputs of the stream.
     *
     * @return outputs so far, consumed by JMH.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long mixed()
    {
        final MarginProcessor processor = this.processor;
        final UnsafeBuffer stream = this.stream;
        final int[] offsets = this.offsets;
        final int[] lengths = this.lengths;
        final int end = offsets.length;
        int i = position;
        long index = this.index;
        for (int n = 0; n < BATCH; n++)
        {
            processor.onInput(index++, stream, offsets[i], lengths[i]);
            if (++i == end)
            {
                i = 0;
            }
        }
        position = i;
        this.index = index;
        return outputs;
    }

    /** Fails the trial when an input was refused or a margin call issued. */
    @TearDown(Level.Trial)
    public void check()
    {
        if (processor.rejects() != 0 || processor.marginCalls() != 0)
        {
            throw new IllegalStateException("the mixed stream was meant to be accepted without a margin call, but " +
                processor.rejects() + " inputs were refused and " + processor.marginCalls() + " margin calls issued");
        }
        if (processor.inputs() != index)
        {
            throw new IllegalStateException("the processor counted " + processor.inputs() + " inputs where " + index + " were sent");
        }
    }
}
