package io.marginengine.perf;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalRecordHandler;
import io.marginengine.journal.JournalWriter;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Replay: records read from a Chronicle journal ({@link JournalReader}) and applied by the
 * processor, as a recovering engine or the replay tool does. The trial writes a journal (in
 * batches of 256 records, as a busy engine would) holding the book of {@link MixedWorkload}
 * and then {@value #REPLAYED} inputs of its stream (four loops), and feeds the book to a
 * processor, untimed. Each call then replays the stream part again from its first record:
 * the loop closes and every input has the same {@code ts}, so replaying it again is the same
 * as continuing it. One operation is one record.
 * <ul>
 * <li>{@code replay}: read and process, the figure of issue 6 (target: 10 million a
 *     second);</li>
 * <li>{@code readOnly}: read alone (the handler sums the message lengths), to split the cost
 *     between the journal and the processor.</li>
 * </ul>
 * The reader is from the page cache: the journal was just written.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
public class ReplayBenchmark
{
    /** Stream records replayed per call. */
    public static final int REPLAYED = 4 << 20;
    private static final int JOURNAL_BATCH = 256;

    /** Accounts in the book. */
    @Param({"1000000"})
    public int accounts;

    /** Where the journal lives: disk or tmpfs. */
    @Param({"disk"})
    public String journal;

    private Path directory;
    private JournalReader reader;
    private MarginProcessor processor;
    private long firstStreamIndex;
    private long outputs;
    private long lengthSum;
    private final JournalRecordHandler process =
        (index, receiveTime, buffer, offset, length) -> processor.onInput(index, buffer, offset, length);
    private final JournalRecordHandler read = (index, receiveTime, buffer, offset, length) -> lengthSum += length;

    /** Writes the journal and feeds its book to the processor. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final MixedWorkload workload = new MixedWorkload(accounts, 1 << 20, 20261121L);
        directory = BenchmarkDirectories.create(journal, "replay-");
        try
        {
            writeAndReadBook(workload);
        }
        catch (final RuntimeException | Error ex)
        {
            // JMH skips the trial's tear-down when its set-up fails: do not leave the journal behind
            if (reader != null)
            {
                reader.close();
            }
            BenchmarkDirectories.delete(directory);
            throw ex;
        }
    }

    private void writeAndReadBook(final MixedWorkload workload)
    {
        try (JournalWriter writer = new JournalWriter(directory))
        {
            final long[] pending = {0};
            final InputTarget append = (buffer, offset, length) ->
            {
                if (!writer.inBatch())
                {
                    writer.beginBatch();
                }
                writer.append(buffer, offset, length, 0);
                if (++pending[0] == JOURNAL_BATCH)
                {
                    writer.commitBatch();
                    pending[0] = 0;
                }
            };
            firstStreamIndex = workload.sendSetup(append);
            // the book ends a document, so that reading exactly the book stops at its end
            if (writer.inBatch())
            {
                writer.commitBatch();
                pending[0] = 0;
            }
            workload.sendStream(append, 0, REPLAYED);
            if (writer.inBatch())
            {
                writer.commitBatch();
            }
        }
        processor = new MarginProcessor(workload.context(), (buffer, offset, length) -> outputs++);
        reader = new JournalReader(directory);
        long delivered = 0;
        while (delivered < firstStreamIndex)
        {
            delivered += reader.poll(process, (int)Math.min(Integer.MAX_VALUE, firstStreamIndex - delivered));
        }
        if (delivered != firstStreamIndex)
        {
            throw new IllegalStateException("the book's " + firstStreamIndex + " records were read as " + delivered);
        }
    }

    /**
     * Replays the stream part of the journal through the processor.
     *
     * @return records replayed.
     */
    @Benchmark
    @OperationsPerInvocation(REPLAYED)
    public long replay()
    {
        return replay(process);
    }

    /**
     * Reads the stream part of the journal without processing it.
     *
     * @return the sum of the message lengths.
     */
    @Benchmark
    @OperationsPerInvocation(REPLAYED)
    public long readOnly()
    {
        replay(read);
        return lengthSum;
    }

    private long replay(final JournalRecordHandler handler)
    {
        reader.seek(firstStreamIndex);
        long delivered = 0;
        while (delivered < REPLAYED)
        {
            final int n = reader.poll(handler, Integer.MAX_VALUE);
            if (n == 0)
            {
                throw new IllegalStateException("the journal ended after " + delivered + " of " + REPLAYED + " stream records");
            }
            delivered += n;
        }
        if (delivered != REPLAYED)
        {
            throw new IllegalStateException("replayed " + delivered + " stream records where the journal holds " + REPLAYED);
        }
        return delivered;
    }

    /** Checks nothing was refused, closes the journal and deletes it. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        try
        {
            reader.close();
            if (processor.rejects() != 0 || processor.marginCalls() != 0)
            {
                throw new IllegalStateException("replay refused " + processor.rejects() + " inputs and issued " +
                    processor.marginCalls() + " margin calls; the stream is built to be accepted whole");
            }
        }
        finally
        {
            BenchmarkDirectories.delete(directory);
        }
    }
}
