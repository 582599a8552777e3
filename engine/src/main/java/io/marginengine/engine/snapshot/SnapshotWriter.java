package io.marginengine.engine.snapshot;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * Writes snapshots on a thread of its own, so the processor thread pays only for copying its
 * state into the {@link #image()} (preallocated once, for the state at full capacity).
 * <p>
 * The hand-over: the processor thread checks {@link #isIdle()}, copies the state into the
 * image and calls {@link #submit}; the writer thread then computes the body's CRC32C and
 * digest, writes {@code snapshot-<journalIndex>.snap.tmp} (header of {@link SnapshotDescriptor},
 * then the body), forces it to the device, renames it to {@code snapshot-<journalIndex>.snap}
 * atomically, forces the directory, and prunes the directory to the newest {@code keep}
 * snapshots (and any temporary file an interrupted write left). Only then is it idle again;
 * a snapshot that falls due meanwhile waits for the next chance. A file is therefore either
 * absent or whole: a crash mid-write leaves at most a {@code .tmp}, which the loader ignores.
 * <p>
 * A failed write is reported to the listener and counted; the engine goes on (its journal
 * still holds everything; only recovery gets longer).
 */
public final class SnapshotWriter implements AutoCloseable
{
    /** What the writer reports, on its own thread. */
    public interface Listener
    {
        /**
         * A snapshot was written.
         *
         * @param file     the snapshot file.
         * @param header   its header (valid during the call).
         * @param copyNs   how long the processor thread took to copy the state.
         * @param writeNs  how long writing, syncing and renaming took.
         */
        void onWritten(Path file, SnapshotDescriptor header, long copyNs, long writeNs);

        /**
         * A snapshot could not be written.
         *
         * @param file  the snapshot file it would have been.
         * @param cause why.
         */
        void onFailed(Path file, Exception cause);
    }

    /** A listener that reports nothing. */
    public static final Listener SILENT = new Listener()
    {
        @Override
        public void onWritten(final Path file, final SnapshotDescriptor header, final long copyNs, final long writeNs)
        {
        }

        @Override
        public void onFailed(final Path file, final Exception cause)
        {
        }
    };

    private static final int IDLE = 0;
    private static final int SUBMITTED = 1;

    private final Path directory;
    private final int keep;
    private final int[] capacities;
    private final long fundAccount;
    private final Listener listener;
    private final StateImage image;
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(
        ByteBuffer.allocateDirect(SnapshotDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN));
    private final SnapshotDescriptor header = new SnapshotDescriptor(headerBuffer);
    private final long[] digest = new long[2];
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long written;
    private volatile long failures;
    private volatile long lastJournalIndex = -1;
    private long journalIndex;
    private long ts;
    private long outputs;
    private long copyNs;

    /**
     * Allocates the image and starts the writer thread. The directory is created with the
     * first snapshot (so that recovery can tell a directory that was never there).
     *
     * @param directory     where snapshots go.
     * @param keep          how many snapshots to keep, 1 or more.
     * @param imageCapacity bytes of the image: the processor's {@code maxStateLength()}.
     * @param capacities    maxInstruments, maxAccounts, maxPositionsPerAccount, maxSources, for the header.
     * @param fundAccount   the insurance fund account, for the header.
     * @param listener      told of each snapshot written or failed.
     */
    public SnapshotWriter(
        final Path directory, final int keep, final long imageCapacity, final int[] capacities, final long fundAccount,
        final Listener listener)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("snapshots kept = " + keep + " is invalid: expected 1 or more");
        }
        this.directory = directory;
        this.keep = keep;
        this.capacities = capacities.clone();
        this.fundAccount = fundAccount;
        this.listener = listener;
        this.image = new StateImage(imageCapacity);
        thread = new Thread(this::run, "margin-engine-snapshots");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return the snapshot directory. */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return true when the image may be filled: no snapshot is being written. Processor thread.
     */
    public boolean isIdle()
    {
        return state.get() == IDLE;
    }

    /**
     * The image the processor thread copies the state into, only while {@link #isIdle()}.
     * Recovery also reads a snapshot into it before the engine starts, to use the memory once.
     *
     * @return the image.
     */
    public StateImage image()
    {
        return image;
    }

    /**
     * Hands the filled image to the writer thread. Processor thread, only after
     * {@link #isIdle()} said true and the image was filled.
     *
     * @param journalIndex the journal index the state covers.
     * @param ts           the state's last ts.
     * @param outputs      outputs published up to that input.
     * @param copyNs       how long the copy took, for the report.
     */
    public void submit(final long journalIndex, final long ts, final long outputs, final long copyNs)
    {
        this.journalIndex = journalIndex;
        this.ts = ts;
        this.outputs = outputs;
        this.copyNs = copyNs;
        if (!state.compareAndSet(IDLE, SUBMITTED))
        {
            throw new IllegalStateException("a snapshot was submitted while another was being written");
        }
        LockSupport.unpark(thread);
    }

    /**
     * Waits until the snapshot being written, if any, is on disk.
     *
     * @param timeout  longest wait.
     * @param unit     its unit.
     * @return true when idle, false on timeout.
     */
    public boolean awaitIdle(final long timeout, final TimeUnit unit)
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!isIdle())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    /** @return snapshots written since start. */
    public long written()
    {
        return written;
    }

    /** @return snapshots that failed since start. */
    public long failures()
    {
        return failures;
    }

    /** @return journal index of the last snapshot written since start, or -1. */
    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /** Finishes the snapshot being written, if any, and stops the writer thread. */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.MINUTES.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        while (true)
        {
            if (state.get() == SUBMITTED)
            {
                writeSubmitted();
                state.set(IDLE);
            }
            else if (!running)
            {
                return;
            }
            else
            {
                LockSupport.park(this);
            }
        }
    }

    private void writeSubmitted()
    {
        final Path file = directory.resolve(SnapshotDescriptor.fileName(journalIndex));
        final long start = System.nanoTime();
        try
        {
            write(directory, image, journalIndex, ts, outputs, capacities, fundAccount, header, digest);
            prune(directory, keep);
            written++;
            lastJournalIndex = journalIndex;
            listener.onWritten(file, header, copyNs, System.nanoTime() - start);
        }
        catch (final IOException | RuntimeException ex)
        {
            failures++;
            listener.onFailed(file, ex);
        }
    }

    /**
     * Writes one snapshot file whole: to a temporary file, forced to the device, renamed
     * atomically, the directory forced.
     *
     * @param directory    the snapshot directory.
     * @param body         the state image.
     * @param journalIndex the journal index it covers.
     * @param ts           its ts.
     * @param outputs      outputs published up to that input.
     * @param capacities   maxInstruments, maxAccounts, maxPositionsPerAccount, maxSources.
     * @param fundAccount  the insurance fund account.
     * @param header       a descriptor over a header buffer, filled here.
     * @param digest       two longs of scratch for the digest.
     * @return the file written.
     * @throws IOException when the file cannot be written.
     */
    public static Path write(
        final Path directory, final StateImage body, final long journalIndex, final long ts, final long outputs,
        final int[] capacities, final long fundAccount, final SnapshotDescriptor header, final long[] digest)
        throws IOException
    {
        final CRC32C crc = new CRC32C();
        crc.update(body.byteBuffer(false));
        StateDigest.digest(body, digest);
        header.fill(journalIndex, ts, outputs, new StateDigest(digest[1], digest[0]), body.length(), (int)crc.getValue(),
            capacities, fundAccount, System.currentTimeMillis());
        Files.createDirectories(directory);
        final Path file = directory.resolve(SnapshotDescriptor.fileName(journalIndex));
        final Path temp = directory.resolve(SnapshotDescriptor.PREFIX + journalIndex + SnapshotDescriptor.TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE))
        {
            writeFully(channel, header.toByteBuffer());
            writeFully(channel, body.byteBuffer(false));
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(directory);
        return file;
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer bytes) throws IOException
    {
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
    }

    private static void forceDirectory(final Path directory) throws IOException
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
    }

    /**
     * Deletes all but the newest {@code keep} snapshots (by journal index) and every
     * temporary file.
     *
     * @param directory the snapshot directory.
     * @param keep      how many to keep.
     * @throws IOException when the directory cannot be listed or a file not deleted.
     */
    public static void prune(final Path directory, final int keep) throws IOException
    {
        final List<Long> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, SnapshotDescriptor.PREFIX + "*"))
        {
            for (final Path file : files)
            {
                final String name = file.getFileName().toString();
                if (name.endsWith(SnapshotDescriptor.TEMP_SUFFIX))
                {
                    Files.deleteIfExists(file);
                }
                else if (SnapshotDescriptor.journalIndexOf(name) >= 0)
                {
                    indexes.add(SnapshotDescriptor.journalIndexOf(name));
                }
            }
        }
        indexes.sort(java.util.Comparator.reverseOrder());
        for (int i = keep; i < indexes.size(); i++)
        {
            Files.deleteIfExists(directory.resolve(SnapshotDescriptor.fileName(indexes.get(i))));
        }
    }
}
