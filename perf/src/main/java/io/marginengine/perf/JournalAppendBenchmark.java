package io.marginengine.perf;

import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.SyncPolicy;
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

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Appending 64-byte messages to the Chronicle journal ({@link JournalWriter}, 92-byte records
 * with the 28-byte header): {@code batch} 1 is one Chronicle document and commit per record
 * (single appends); 8, 64 and 256 share a document between {@code beginBatch} and
 * {@code commitBatch}, as the pipeline's journal handler does once per Disruptor batch. One
 * operation is one record. Each iteration writes a fresh queue (page faults of new queue
 * files included, as in a running journal) that is deleted afterwards. {@code sync} NONE (the
 * engine's default) never msyncs; EVERY_COMMIT msyncs each document before the append or
 * commit returns: the cost of the power-loss promise.
 * <p>
 * After each iteration the queue is read back and the trial fails unless every record is
 * there.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JournalAppendBenchmark
{
    /** Records per benchmark call: a multiple of every batch size. */
    public static final int RECORDS = 256;

    /** Records per Chronicle document: 1 (single appends), or a batch. */
    @Param({"1", "8", "64", "256"})
    public int batch;

    /** When records are msynced: NONE (the engine's default) or EVERY_COMMIT (each document, before the append returns). */
    @Param({"NONE"})
    public String sync;

    /** disk or tmpfs ({@link BenchmarkDirectories}). */
    @Param({"disk"})
    public String journal;

    private final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private Path directory;
    private JournalWriter writer;
    private long appended;

    /** A fresh queue for each iteration. */
    @Setup(Level.Iteration)
    public void open()
    {
        for (int i = 0; i < 64; i += 8)
        {
            message.putLong(i, 0x0102030405060708L * (i + 1));
        }
        directory = BenchmarkDirectories.create(journal, "journal-append-");
        writer = new JournalWriter(directory, SyncPolicy.valueOf(sync));
        appended = 0;
    }

    /**
     * Appends {@value #RECORDS} records, in documents of {@code batch}.
     *
     * @return the last record's journal index.
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long append()
    {
        final JournalWriter writer = this.writer;
        long last = 0;
        if (batch == 1)
        {
            for (int i = 0; i < RECORDS; i++)
            {
                last = writer.append(message, 0, 64, i);
            }
        }
        else
        {
            for (int i = 0; i < RECORDS; i += batch)
            {
                writer.beginBatch();
                for (int k = 0; k < batch; k++)
                {
                    last = writer.append(message, 0, 64, k);
                }
                writer.commitBatch();
            }
        }
        appended += RECORDS;
        return last;
    }

    /** Closes the queue, checks every record arrived, and deletes it. */
    @TearDown(Level.Iteration)
    public void close()
    {
        writer.close();
        try (JournalReader reader = new JournalReader(directory))
        {
            if (reader.lastJournalIndex() != appended - 1)
            {
                throw new IllegalStateException("the journal's last index is " + reader.lastJournalIndex() + " after " +
                    appended + " appends");
            }
        }
        finally
        {
            BenchmarkDirectories.delete(directory);
        }
    }
}
