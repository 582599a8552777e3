package io.marginengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.marginengine.journal.JournalRecordDescriptor.checkMessageLength;
import static io.marginengine.journal.JournalRecordDescriptor.recordLength;

/**
 * Appends records ({@link JournalRecordDescriptor}) to a Chronicle Queue: the input journal,
 * or the output queue. Each record gets the next journal index, dense from 0; a writer opened
 * on an existing queue continues after its last whole record, so a restarted engine goes on
 * with the numbering. One writer per queue: a second writer, in this process or another,
 * would number records twice.
 *
 * <h2>Batches</h2>
 * Between {@link #beginBatch()} and {@link #commitBatch()}, appended records go into one
 * Chronicle document (a new one is started when it would pass the batch limit, 256 KiB by
 * default). The alternative, one document per record with a commit each, costs Chronicle's
 * per-document work every time: taking its write lock, writing the header, updating the
 * index and the write position. Measured on 64-byte messages (JournalAppendRateTest, a 2-CPU
 * VM): about 250 to 300 ns a record with a document each, about 100 ns batched 8 to 256 to a
 * document; with an msync per commit, about 100 us a record singly against 10 us in batches
 * of 64. So a batch shares documents. Two consequences, both wanted: a reader sees a batch
 * only when it is committed, and all at once; a crash in the middle of a batch loses the
 * whole uncommitted document, never part of a record. While a batch is open Chronicle's
 * write lock is held, so keep batches short (one ring batch).
 *
 * <h2>Durability</h2>
 * <ul>
 * <li><b>Process crash</b> (kill -9, JVM crash, power kept): every record whose append
 * returned (or whose batch was committed) survives. The queue file is memory-mapped, so the
 * record is in the OS page cache at once, and the kernel writes it to the device whatever
 * happens to the process. An uncommitted batch is lost as a whole; readers never see it, and
 * the next writer writes over it.</li>
 * <li><b>Power loss or kernel crash</b>: only what was msynced is certain to survive; see
 * {@link SyncPolicy}. {@link #sync()} forces the records committed so far to the device (and,
 * the first time after the queue starts a new file, the directory entry of that file).
 * Chronicle's own table file ({@code metadata.cq4t}: directory listing, locks) is not
 * msynced; Chronicle rebuilds the listing from the files when it opens the queue.</li>
 * </ul>
 *
 * <h2>Threads and allocation</h2>
 * Not thread safe: one thread appends (Chronicle checks it). The thread that opens the
 * writer may differ from the one that appends. Nothing is allocated per append once the
 * queue file is mapped: the record is written straight into the mapped file.
 */
public final class JournalWriter implements AutoCloseable
{
    /** Default limit of one batch document's length in bytes. */
    public static final int DEFAULT_MAX_BATCH_LENGTH = 256 * 1024;

    private final Path directory;
    private final SyncPolicy syncPolicy;
    private final int maxBatchLength;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private DocumentContext document;
    private Bytes<?> bytes;
    private long documentStart;
    private boolean inBatch;
    private long nextIndex;
    private long lastCommittedIndex;
    private int directorySyncedForCycle = Integer.MIN_VALUE;
    private boolean closed;

    /**
     * Opens, or creates, the queue in a directory, without msync ({@link SyncPolicy#NONE}).
     *
     * @param directory the queue's directory, created when missing.
     */
    public JournalWriter(final Path directory)
    {
        this(directory, SyncPolicy.NONE);
    }

    /**
     * Opens, or creates, the queue in a directory.
     *
     * @param directory  the queue's directory, created when missing.
     * @param syncPolicy when records are msynced to the device.
     */
    public JournalWriter(final Path directory, final SyncPolicy syncPolicy)
    {
        this(JournalQueues.builder(directory), syncPolicy, DEFAULT_MAX_BATCH_LENGTH);
    }

    /**
     * Opens the queue a builder describes: tests use it to pick a roll cycle, a clock for the
     * rolls, or a small block size.
     */
    JournalWriter(final SingleChronicleQueueBuilder builder, final SyncPolicy syncPolicy, final int maxBatchLength)
    {
        if (maxBatchLength < recordLength(0))
        {
            throw new IllegalArgumentException("maxBatchLength " + maxBatchLength + " is below one record header");
        }
        this.directory = builder.path().toPath();
        this.syncPolicy = syncPolicy;
        this.maxBatchLength = maxBatchLength;
        // Chronicle's appender.sync() does nothing unless the queue was built with a sync mode.
        builder.syncMode(syncPolicy == SyncPolicy.NONE ? SyncMode.NONE : SyncMode.SYNC);
        queue = builder.build();
        try
        {
            try (ExcerptTailer tailer = queue.createTailer())
            {
                lastCommittedIndex = JournalQueues.lastJournalIndex(tailer, new JournalDocument());
            }
            nextIndex = lastCommittedIndex + 1;
            appender = queue.createAppender();
            appender.singleThreadedCheckReset();
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    /**
     * Appends one record. Outside a batch it is committed (visible to readers) when this
     * returns; inside a batch, when the batch is committed.
     *
     * @param src           holds the SBE message, header first.
     * @param offset        where the message starts in {@code src}.
     * @param length        the message length in bytes.
     * @param receiveTimeNs when the message was received, from the caller's clock.
     * @return the record's journal index.
     * @throws IllegalArgumentException when the length is out of range or the message does not
     *                                  lie inside {@code src}; nothing is written then.
     */
    public long append(final DirectBuffer src, final int offset, final int length, final long receiveTimeNs)
    {
        return append(src, offset, length, receiveTimeNs, JournalRecordDescriptor.NO_SOURCE_POSITION);
    }

    /**
     * Appends one record that an ingress read from another process's queue, with that
     * queue's position, so a restarted ingress can resume after it.
     *
     * @param src            holds the SBE message, header first.
     * @param offset         where the message starts in {@code src}.
     * @param length         the message length in bytes.
     * @param receiveTimeNs  when the message was received, from the caller's clock.
     * @param sourcePosition the position it was read from, or {@link JournalRecordDescriptor#NO_SOURCE_POSITION}.
     * @return the record's journal index.
     */
    public long append(
        final DirectBuffer src, final int offset, final int length, final long receiveTimeNs, final long sourcePosition)
    {
        checkOpen();
        checkMessageLength(length);
        if (offset < 0 || offset > src.capacity() - length)
        {
            throw new IllegalArgumentException("journal message at offset " + offset + " of length " + length +
                " does not lie inside a buffer of capacity " + src.capacity());
        }
        if (document != null && bytes.writePosition() - documentStart + recordLength(length) > maxBatchLength)
        {
            commitDocument();
        }
        if (document == null)
        {
            openDocument();
        }
        final long index = nextIndex++;
        bytes.writeLong(index).writeLong(receiveTimeNs).writeLong(sourcePosition).writeInt(length);
        final byte[] array = src.byteArray();
        if (array != null)
        {
            bytes.unsafeWriteObject(array, (int)(src.addressOffset() + offset), length);
        }
        else
        {
            bytes.unsafeWrite(src.addressOffset() + offset, length);
        }
        if (!inBatch)
        {
            commitDocument();
        }
        return index;
    }

    /**
     * Starts a batch: the records appended until {@link #commitBatch()} share Chronicle
     * documents and become visible together.
     *
     * @throws IllegalStateException when a batch is already open.
     */
    public void beginBatch()
    {
        checkOpen();
        if (inBatch)
        {
            throw new IllegalStateException("a batch is already open on journal " + directory);
        }
        inBatch = true;
    }

    /**
     * Commits the open batch: its records become visible to readers and, with
     * {@link SyncPolicy#EVERY_COMMIT}, are msynced. A batch with no records writes nothing.
     *
     * @return the journal index of the last committed record, or
     * {@link JournalRecordDescriptor#NULL_INDEX} when the queue holds none.
     * @throws IllegalStateException when no batch is open.
     */
    public long commitBatch()
    {
        checkOpen();
        if (!inBatch)
        {
            throw new IllegalStateException("no batch is open on journal " + directory);
        }
        inBatch = false;
        if (document != null)
        {
            commitDocument();
        }
        return lastCommittedIndex;
    }

    /**
     * Hands the writer to another thread: from now on the next thread to append owns it, and
     * the thread that appended so far must not append again. Chronicle's appender checks that
     * one thread uses it; an engine appends recovered outputs on the thread that starts it,
     * then hands the output queue to its processor thread.
     *
     * @throws IllegalStateException when a batch is open.
     */
    public void handOver()
    {
        checkOpen();
        if (inBatch)
        {
            throw new IllegalStateException("journal " + directory + " cannot be handed to another thread with a batch open");
        }
        appender.singleThreadedCheckReset();
    }

    /**
     * @return whether a batch is open.
     */
    public boolean inBatch()
    {
        return inBatch;
    }

    /**
     * Forces every committed record to the storage device ({@code msync(MS_SYNC)}), and the
     * directory entry of a queue file created since the last sync. Returns when the device
     * has them: they survive a power loss.
     *
     * @throws IllegalStateException when the writer was opened with {@link SyncPolicy#NONE}.
     */
    public void sync()
    {
        checkOpen();
        if (syncPolicy == SyncPolicy.NONE)
        {
            throw new IllegalStateException("journal " + directory + " was opened with SyncPolicy.NONE, " +
                "which never msyncs: open it with ON_REQUEST or EVERY_COMMIT to sync");
        }
        syncNow();
    }

    /**
     * @return the journal index the next appended record will get.
     */
    public long nextJournalIndex()
    {
        return nextIndex;
    }

    /**
     * @return the journal index of the last record visible to readers, or
     * {@link JournalRecordDescriptor#NULL_INDEX} when the queue holds none.
     */
    public long lastCommittedJournalIndex()
    {
        return lastCommittedIndex;
    }

    /**
     * @return when this writer msyncs.
     */
    public SyncPolicy syncPolicy()
    {
        return syncPolicy;
    }

    /**
     * @return the queue's directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Commits an open batch (a clean stop keeps what was appended), msyncs unless the policy
     * is {@link SyncPolicy#NONE}, and closes the queue. Closing twice does nothing.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            inBatch = false;
            if (document != null)
            {
                commitDocument();
            }
            if (syncPolicy != SyncPolicy.NONE)
            {
                syncNow();
            }
        }
        finally
        {
            closed = true;
            appender.close();
            queue.close();
        }
    }

    private void openDocument()
    {
        document = appender.writingDocument();
        bytes = document.wire().bytes();
        documentStart = bytes.writePosition();
    }

    private void commitDocument()
    {
        final DocumentContext committing = document;
        document = null;
        bytes = null;
        committing.close();
        lastCommittedIndex = nextIndex - 1;
        if (syncPolicy == SyncPolicy.EVERY_COMMIT)
        {
            syncNow();
        }
    }

    private void syncNow()
    {
        appender.sync();
        final int cycle = appender.cycle();
        if (cycle != directorySyncedForCycle)
        {
            syncDirectory();
            directorySyncedForCycle = cycle;
        }
    }

    private void syncDirectory()
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not fsync the journal directory " + directory, ex);
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("journal writer for " + directory + " is closed");
        }
    }
}
