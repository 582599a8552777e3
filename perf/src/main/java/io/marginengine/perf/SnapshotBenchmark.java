package io.marginengine.perf;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.snapshot.StateImage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The pause a snapshot costs the processor thread: copying the whole state into the
 * preallocated image ({@code MarginProcessor.copyStateTo}), with a million accounts. The
 * rest of a snapshot (CRC32C, digest, write, fsync) runs on the snapshot writer's thread;
 * {@link SnapshotHarness} measures it.
 * <pre>
 *   scripts/bench.sh SnapshotBenchmark                      1M accounts, 1 and 4 positions each
 *   scripts/bench.sh SnapshotBenchmark -p maxPositions=16   records sized for 16 positions
 * </pre>
 * Each invocation copies the state once and returns the image length, which JMH consumes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:MaxDirectMemorySize=8g"})
public class SnapshotBenchmark
{
    /** Accounts besides the insurance fund. */
    @Param({"1000000"})
    public int accounts;

    /** Positions each account holds. */
    @Param({"1", "4"})
    public int positions;

    /** Positions per account the stores are sized for. */
    @Param({"4"})
    public int maxPositions;

    private MarginProcessor processor;
    private StateImage image;

    /** Builds the state and the image, once per trial. */
    @Setup(Level.Trial)
    public void setUp()
    {
        processor = LargeState.build(accounts, positions, maxPositions);
        image = new StateImage(processor.maxStateLength());
        // touch every page of the image once, as the engine's first snapshot does
        processor.copyStateTo(image);
    }

    /** @return the image length; the copy is what is measured. */
    @Benchmark
    public int copyState()
    {
        processor.copyStateTo(image);
        return image.length();
    }
}
