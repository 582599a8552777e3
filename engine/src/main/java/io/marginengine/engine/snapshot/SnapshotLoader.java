package io.marginengine.engine.snapshot;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Finds the snapshot recovery starts from: the newest valid one. Snapshots are tried from the
 * highest journal index down; one that cannot be used is skipped with a sentence naming the
 * file and what was wrong, and the one before it is tried. When none can be used the answer
 * is a full replay of the journal from its first input, said plainly.
 * <p>
 * A snapshot is used only when all of these hold: its header is whole, carries the magic,
 * passes its CRC32C and has this format version; the file holds exactly the body its header
 * announces; the body passes its CRC32C and has the header's digest; its name and header
 * agree on the journal index; the journal holds that index (a snapshot ahead of the journal
 * would skip inputs that were never journaled); and the output queue holds every output it
 * counts as sent (else the missing outputs could not be sent again). Temporary files of an
 * interrupted write ({@code .snap.tmp}) are not snapshots and are not tried.
 */
public final class SnapshotLoader
{
    /**
     * The snapshot chosen; its body is in the image given to {@link #loadNewest}.
     *
     * @param file         the snapshot file.
     * @param journalIndex the last input its state includes.
     * @param ts           its state's last ts.
     * @param outputs      outputs published up to that input.
     * @param digest       its state digest.
     * @param fundAccount  the insurance fund account of the engine that wrote it.
     */
    public record Loaded(Path file, long journalIndex, long ts, long outputs, StateDigest digest, long fundAccount)
    {
    }

    private SnapshotLoader()
    {
    }

    /**
     * Loads the newest valid snapshot's body into an image.
     *
     * @param directory        the snapshot directory; it need not exist.
     * @param lastJournalIndex the last journal index the journal holds, -1 when empty.
     * @param outputsHeld      outputs the output queue holds; {@code Long.MAX_VALUE} without one.
     * @param image            receives the body; grown when too small.
     * @param report           receives a sentence for every snapshot skipped, and one when none is usable.
     * @return the snapshot loaded, or null: replay the whole journal.
     */
    public static Loaded loadNewest(
        final Path directory, final long lastJournalIndex, final long outputsHeld, final StateImage image,
        final Consumer<String> report)
    {
        if (!Files.isDirectory(directory))
        {
            report.accept("no snapshot directory " + directory + ": replaying the whole journal from its first input");
            return null;
        }
        final List<Long> indexes;
        try
        {
            indexes = snapshotIndexes(directory);
        }
        catch (final IOException ex)
        {
            report.accept("snapshot directory " + directory + " cannot be listed (" + ex.getMessage() +
                "): replaying the whole journal from its first input");
            return null;
        }
        final UnsafeBuffer headerBuffer = new UnsafeBuffer(
            ByteBuffer.allocateDirect(SnapshotDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN));
        final SnapshotDescriptor header = new SnapshotDescriptor(headerBuffer);
        for (final long index : indexes)
        {
            final Path file = directory.resolve(SnapshotDescriptor.fileName(index));
            String problem;
            try
            {
                problem = read(file, index, lastJournalIndex, outputsHeld, headerBuffer, header, image);
            }
            catch (final IOException ex)
            {
                problem = "it cannot be read: " + ex;
            }
            if (problem == null)
            {
                return new Loaded(file, header.journalIndex(), header.ts(), header.outputs(), header.digest(),
                    header.insuranceFundAccount());
            }
            report.accept(file.getFileName() + " skipped: " + problem);
        }
        report.accept((indexes.isEmpty() ? "no snapshot in " + directory : "no valid snapshot in " + directory) +
            ": replaying the whole journal from its first input");
        return null;
    }

    /**
     * Loads one snapshot file's body into an image, checking it as {@link #loadNewest} does
     * (header, checksums, length), for a tool that starts from a snapshot of its choice.
     *
     * @param file  a file named {@code snapshot-<journalIndex>.snap}.
     * @param image receives the body; grown when too small.
     * @return the snapshot loaded.
     * @throws IllegalArgumentException naming the file and what is wrong with it.
     */
    public static Loaded load(final Path file, final StateImage image)
    {
        final long index = SnapshotDescriptor.journalIndexOf(file.getFileName().toString());
        if (index < 0)
        {
            throw new IllegalArgumentException(file + " is not a snapshot file: expected a name like " +
                SnapshotDescriptor.fileName(0));
        }
        final UnsafeBuffer headerBuffer = new UnsafeBuffer(
            ByteBuffer.allocateDirect(SnapshotDescriptor.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN));
        final SnapshotDescriptor header = new SnapshotDescriptor(headerBuffer);
        String problem;
        try
        {
            problem = read(file, index, Long.MAX_VALUE, Long.MAX_VALUE, headerBuffer, header, image);
        }
        catch (final IOException ex)
        {
            problem = "it cannot be read: " + ex;
        }
        if (problem != null)
        {
            throw new IllegalArgumentException("snapshot " + file + " cannot be used: " + problem);
        }
        return new Loaded(file, header.journalIndex(), header.ts(), header.outputs(), header.digest(),
            header.insuranceFundAccount());
    }

    /**
     * @param directory a snapshot directory.
     * @return the journal indexes of its snapshot files, highest first.
     * @throws IOException when it cannot be listed.
     */
    public static List<Long> snapshotIndexes(final Path directory) throws IOException
    {
        final List<Long> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, SnapshotDescriptor.PREFIX + "*"))
        {
            for (final Path file : files)
            {
                final long index = SnapshotDescriptor.journalIndexOf(file.getFileName().toString());
                if (index >= 0 && Files.isRegularFile(file))
                {
                    indexes.add(index);
                }
            }
        }
        indexes.sort(Comparator.reverseOrder());
        return indexes;
    }

    private static String read(
        final Path file, final long nameIndex, final long lastJournalIndex, final long outputsHeld,
        final UnsafeBuffer headerBuffer, final SnapshotDescriptor header, final StateImage image) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < SnapshotDescriptor.HEADER_LENGTH)
            {
                return "it is " + size + " bytes long, shorter than its " + SnapshotDescriptor.HEADER_LENGTH + "-byte header";
            }
            final ByteBuffer headerBytes = headerBuffer.byteBuffer().duplicate();
            headerBytes.clear();
            readFully(channel, headerBytes, 0);
            final String headerProblem = header.headerProblem();
            if (headerProblem != null)
            {
                return headerProblem;
            }
            if (header.journalIndex() != nameIndex)
            {
                return "it is named for journal index " + nameIndex + " but its header covers index " + header.journalIndex();
            }
            final long bodyLength = header.bodyLength();
            if (bodyLength != size - SnapshotDescriptor.HEADER_LENGTH)
            {
                return "its header announces a body of " + bodyLength + " bytes but the file holds " +
                    (size - SnapshotDescriptor.HEADER_LENGTH) + " (cut short or grown)";
            }
            if (header.journalIndex() > lastJournalIndex)
            {
                return "it covers journal index " + header.journalIndex() + " but the journal ends at index " + lastJournalIndex +
                    " (inputs after " + lastJournalIndex + " were never journaled, or the journal lost them)";
            }
            if (header.outputs() > outputsHeld)
            {
                return "it counts " + header.outputs() + " outputs as sent but the output queue holds only " + outputsHeld +
                    ", so outputs " + outputsHeld + " to " + (header.outputs() - 1) + " could not be sent again from it";
            }
            if (bodyLength > StateImage.MAX_CAPACITY)
            {
                return "its body of " + bodyLength + " bytes is larger than any state image";
            }
            image.ensureCapacity(bodyLength);
            final ByteBuffer body = image.byteBuffer(true);
            body.limit((int)bodyLength);
            readFully(channel, body, SnapshotDescriptor.HEADER_LENGTH);
            image.length((int)bodyLength);
            final CRC32C crc = new CRC32C();
            crc.update(image.byteBuffer(false));
            if ((int)crc.getValue() != header.bodyCrc())
            {
                return String.format("its body fails its CRC32C check (stored %08x, computed %08x)", header.bodyCrc(),
                    (int)crc.getValue());
            }
            final StateDigest digest = StateDigest.of(image);
            if (!digest.equals(header.digest()))
            {
                return "its body's state digest " + digest + " differs from the header's " + header.digest();
            }
            return null;
        }
    }

    private static void readFully(final FileChannel channel, final ByteBuffer into, final long position) throws IOException
    {
        long at = position;
        while (into.hasRemaining())
        {
            final int read = channel.read(into, at);
            if (read < 0)
            {
                throw new IOException("the file ended at byte " + at);
            }
            at += read;
        }
    }
}
