package io.marginengine.perf;

import io.marginengine.engine.logic.MarginProcessor;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Cost of one input through the processor alone, per input type, on the book of
 * {@link MixedWorkload} ({@code accounts} accounts on 8 instruments, each with one to three
 * positions). Inputs that name an account go round the book (up to 4,096 accounts spread over
 * it), so they do not all hit one cached record. Every input is accepted and none moves an
 * account near a threshold:
 * <ul>
 * <li>{@code clock}: admission and dispatch only, the floor of every input;</li>
 * <li>{@code markNoThresholdCrossed}: instrument 1 between 1,000.00 and 1,000.05 (no holder
 *     crosses a threshold; without a trigger index every holder is evaluated);</li>
 * <li>{@code fill}: one lot on the account's first instrument at the mark, buying on one
 *     round of the book and selling on the next;</li>
 * <li>{@code deposit}, {@code withdraw}: 0.00000001;</li>
 * <li>{@code check}: a pre-trade check of one lot (accepted; a {@code check_result} output);</li>
 * <li>{@code query}: an {@code account_state} output with every position;</li>
 * <li>{@code funding}: a rate of +/-0.0001 on instrument 1, alternately (every holder pays or
 *     receives).</li>
 * </ul>
 * Run with {@code -prof gc}: the allocation per input is expected to be 0 B/op (JMH's own
 * bookkeeping shows as a few thousandths of a byte). {@link #checkNoRejects} fails the trial
 * when any input was refused, so a figure is never the cost of a reject path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProcessorBenchmark
{
    private static final int ROTATION = 4096;
    private static final int INSTRUMENT = 1;

    /** Accounts in the book. */
    @Param({"1000"})
    public int accounts;

    private MarginProcessor processor;
    private ProcessorDriver driver;
    private long index;
    private long outputs;

    private EncodedInputs clock;
    private EncodedInputs marks;
    private EncodedInputs buys;
    private EncodedInputs sells;
    private EncodedInputs deposits;
    private EncodedInputs withdrawals;
    private EncodedInputs checks;
    private EncodedInputs queries;
    private EncodedInputs funding;
    private int next;
    private boolean secondRound;
    private int toggle;

    /** Builds the book and encodes the inputs of every type. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MixedWorkload book = new MixedWorkload(accounts, 2, 1);
        processor = new MarginProcessor(book.context(), (buffer, offset, length) -> outputs++);
        driver = new ProcessorDriver(processor);
        book.sendSetup(driver);
        index = driver.inputs();
        final int rotation = Math.min(accounts, ROTATION);
        final InputEncoders encoders = new InputEncoders();
        final long ts = MixedWorkload.TS;
        final int ps = MixedWorkload.PRICE_SCALE;
        final int qs = MixedWorkload.QTY_SCALE;
        clock = new EncodedInputs(1, (i, b, o) -> encoders.clock(b, o, ts));
        marks = new EncodedInputs(2, (i, b, o) -> encoders.mark(b, o, ts, INSTRUMENT, book.firstMark(INSTRUMENT) + 5 * i, ps));
        buys = new EncodedInputs(rotation, (i, b, o) -> encoders.fill(b, o, ts, account(i, rotation), book.firstHolding(account(i, rotation)),
            false, 1, qs, book.firstMark(book.firstHolding(account(i, rotation))), ps, 1));
        sells = new EncodedInputs(rotation, (i, b, o) -> encoders.fill(b, o, ts, account(i, rotation), book.firstHolding(account(i, rotation)),
            true, 1, qs, book.firstMark(book.firstHolding(account(i, rotation))), ps, 1));
        deposits = new EncodedInputs(rotation, (i, b, o) -> encoders.deposit(b, o, ts, account(i, rotation), 1, 8));
        withdrawals = new EncodedInputs(rotation, (i, b, o) -> encoders.withdraw(b, o, ts, account(i, rotation), 1, 8));
        checks = new EncodedInputs(rotation, (i, b, o) -> encoders.check(b, o, ts, account(i, rotation), book.firstHolding(account(i, rotation)),
            false, 1, qs, book.firstMark(book.firstHolding(account(i, rotation))), ps));
        queries = new EncodedInputs(rotation, (i, b, o) -> encoders.query(b, o, ts, account(i, rotation)));
        funding = new EncodedInputs(2, (i, b, o) -> encoders.funding(b, o, ts, INSTRUMENT, i == 0 ? 1 : -1, 4));
        checkNoRejects();
    }

    private long account(final int i, final int rotation)
    {
        return 1 + (long)i * accounts / rotation;
    }

    /** Fails the trial when the processor refused any input: the figures would not be what they claim. */
    @TearDown(Level.Trial)
    public void checkNoRejects()
    {
        if (processor.rejects() != 0 || processor.marginCalls() != 0)
        {
            throw new IllegalStateException("the benchmark's inputs were meant to be accepted without a margin call, but " +
                processor.rejects() + " were refused and " + processor.marginCalls() + " margin calls were issued");
        }
    }

    private long send(final EncodedInputs inputs, final int i)
    {
        processor.onInput(index++, inputs.buffer(), inputs.offset(i), inputs.length(i));
        return outputs;
    }

    private int nextAccount()
    {
        final int i = next;
        if (++next == buys.count())
        {
            next = 0;
            secondRound = !secondRound;
        }
        return i;
    }

    /** @return outputs so far, consumed by JMH so the work cannot be dropped. */
    @Benchmark
    public long clock()
    {
        return send(clock, 0);
    }

    /** @return outputs so far. */
    @Benchmark
    public long markNoThresholdCrossed()
    {
        toggle ^= 1;
        return send(marks, toggle);
    }

    /** @return outputs so far. */
    @Benchmark
    public long fill()
    {
        final int i = nextAccount();
        return send(secondRound ? sells : buys, i);
    }

    /** @return outputs so far. */
    @Benchmark
    public long deposit()
    {
        return send(deposits, nextAccount());
    }

    /** @return outputs so far. */
    @Benchmark
    public long withdraw()
    {
        return send(withdrawals, nextAccount());
    }

    /** @return outputs so far. */
    @Benchmark
    public long check()
    {
        return send(checks, nextAccount());
    }

    /** @return outputs so far. */
    @Benchmark
    public long query()
    {
        return send(queries, nextAccount());
    }

    /** @return outputs so far. */
    @Benchmark
    public long funding()
    {
        toggle ^= 1;
        return send(funding, toggle);
    }
}
