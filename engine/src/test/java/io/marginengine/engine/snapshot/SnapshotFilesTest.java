package io.marginengine.engine.snapshot;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.testkit.RecordedStream;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snapshot file layer alone: what the writer puts in a file (header fields, CRCs, the
 * digest of the body), the writer thread's hand-over and pruning, and every reason the loader
 * gives for skipping a file, with the sentence it says.
 */
class SnapshotFilesTest
{
    private static final int[] CAPACITIES = {4, 10, 3, 64};

    @TempDir
    Path dir;

    private static StateImage stateAfter(final int inputs)
    {
        final RecordedStream stream = RecordedStream.record(3L, 60, false);
        final MarginProcessor processor = RecordedStream.collecting(RecordedStream.context(), new ArrayList<>());
        stream.feed(processor, 0, inputs);
        final StateImage image = new StateImage(processor.maxStateLength());
        processor.copyStateTo(image);
        return image;
    }

    private Path write(final StateImage image, final long index, final long outputs) throws IOException
    {
        return SnapshotWriter.write(dir, image, index, 1_000 + index, outputs, CAPACITIES, 0,
            new SnapshotDescriptor(new UnsafeBuffer(ByteBuffer.allocateDirect(SnapshotDescriptor.HEADER_LENGTH))), new long[2]);
    }

    private List<String> load(final long lastJournalIndex, final long held, final StateImage into, final SnapshotLoader.Loaded[] loaded)
    {
        final List<String> notes = new ArrayList<>();
        loaded[0] = SnapshotLoader.loadNewest(dir, lastJournalIndex, held, into, notes::add);
        return notes;
    }

    @Test
    void theFileHoldsTheDrawnHeaderAndTheImageAsBody() throws IOException
    {
        final StateImage image = stateAfter(30);
        final Path file = write(image, 29, 17);
        assertEquals(dir.resolve("snapshot-29.snap"), file);
        final byte[] bytes = Files.readAllBytes(file);
        assertEquals(SnapshotDescriptor.HEADER_LENGTH + image.length(), bytes.length);
        final ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("MESNAPSH", new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, header.getInt(8));
        assertEquals(128, header.getInt(12));
        assertEquals(29, header.getLong(16));
        assertEquals(1_029, header.getLong(24));
        assertEquals(17, header.getLong(32));
        final StateDigest digest = StateDigest.of(image);
        assertEquals(digest.high(), header.getLong(40));
        assertEquals(digest.low(), header.getLong(48));
        assertEquals(image.length(), header.getLong(56));
        final CRC32C body = new CRC32C();
        body.update(bytes, 128, bytes.length - 128);
        assertEquals((int)body.getValue(), header.getInt(64));
        assertEquals(4, header.getInt(68));
        assertEquals(10, header.getInt(72));
        assertEquals(3, header.getInt(76));
        assertEquals(64, header.getInt(80));
        assertEquals(0, header.getLong(88));
        final CRC32C head = new CRC32C();
        head.update(bytes, 0, 124);
        assertEquals((int)head.getValue(), header.getInt(124));
        assertEquals(List.of(), List.of(Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).toArray()));
    }

    @Test
    void theLoaderNamesWhatIsWrongWithEachFileAndTakesTheNewestSound() throws IOException
    {
        final StateImage image = stateAfter(40);
        write(image, 10, 5);
        final Path outputsAhead = write(image, 20, 99);
        final Path wrongName = dir.resolve("snapshot-25.snap");
        Files.copy(write(image, 24, 5), wrongName);
        final Path short1 = dir.resolve("snapshot-30.snap");
        Files.write(short1, new byte[100]);
        final Path magic = write(image, 31, 5);
        final byte[] magicBytes = Files.readAllBytes(magic);
        magicBytes[0] = 'X';
        Files.write(magic, magicBytes);
        final Path version = write(image, 32, 5);
        rewriteHeader(version, 8, 2);
        final Path digest = write(image, 33, 5);
        rewriteBodyKeepingCrc(digest);
        write(image, 50, 5);
        Files.write(dir.resolve("snapshot-60.snap.tmp"), new byte[10]);
        Files.write(dir.resolve("notes.txt"), new byte[10]);

        final SnapshotLoader.Loaded[] loaded = new SnapshotLoader.Loaded[1];
        final StateImage into = new StateImage(0);
        final List<String> notes = load(40, 50, into, loaded);
        assertEquals(List.of(
            "snapshot-50.snap skipped: it covers journal index 50 but the journal ends at index 40 (inputs after 40 were never " +
                "journaled, or the journal lost them)",
            "snapshot-33.snap skipped: its body's state digest " + digestOfChanged(digest) + " differs from the header's " +
                StateDigest.of(image),
            "snapshot-32.snap skipped: it has format version 2: this engine reads version 1",
            "snapshot-31.snap skipped: it does not start with the snapshot magic MESNAPSH (found 0x" +
                Long.toHexString(ByteBuffer.wrap(magicBytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0)) + ")",
            "snapshot-30.snap skipped: it is 100 bytes long, shorter than its 128-byte header",
            "snapshot-25.snap skipped: it is named for journal index 25 but its header covers index 24"), notes.subList(0, 6));
        assertEquals("snapshot-24.snap", loaded[0].file().getFileName().toString());
        assertEquals(24, loaded[0].journalIndex());
        assertEquals(StateDigest.of(image), StateDigest.of(into));

        Files.delete(dir.resolve("snapshot-24.snap"));
        final List<String> more = load(40, 50, into, loaded);
        assertEquals("snapshot-20.snap skipped: it counts 99 outputs as sent but the output queue holds only 50, so outputs " +
            "50 to 98 could not be sent again from it", more.get(6));
        assertEquals(dir.resolve("snapshot-10.snap"), loaded[0].file());
        assertTrue(Files.exists(outputsAhead));
    }

    private static void rewriteHeader(final Path file, final int offset, final int value) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset, value);
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 124);
        buffer.putInt(124, (int)crc.getValue());
        Files.write(file, bytes);
    }

    /** Changes a body byte and re-seals the body CRC (as a writer with a bug would): only the digest can tell. */
    private static void rewriteBodyKeepingCrc(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[200] ^= 1;
        final CRC32C body = new CRC32C();
        body.update(bytes, 128, bytes.length - 128);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(64, (int)body.getValue());
        Files.write(file, bytes);
        rewriteHeader(file, 64, (int)body.getValue());
    }

    private static StateDigest digestOfChanged(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        final StateImage image = new StateImage(bytes.length - 128);
        image.putBytes(new UnsafeBuffer(bytes), 128, bytes.length - 128);
        return StateDigest.of(image);
    }

    @Test
    void theWriterThreadWritesWhatWasSubmittedAndKeepsTheNewest() throws Exception
    {
        final List<String> written = new ArrayList<>();
        final StateImage state = stateAfter(50);
        try (SnapshotWriter writer = new SnapshotWriter(dir.resolve("snaps"), 2, state.capacity(), CAPACITIES, 0,
            new SnapshotWriter.Listener()
            {
                @Override
                public void onWritten(final Path file, final SnapshotDescriptor header, final long copyNs, final long writeNs)
                {
                    written.add(file.getFileName() + " " + header.journalIndex() + " " + header.outputs());
                }

                @Override
                public void onFailed(final Path file, final Exception cause)
                {
                    written.add("failed " + cause);
                }
            }))
        {
            assertTrue(!Files.exists(dir.resolve("snaps")), "the directory is made with the first snapshot");
            for (int index = 1; index <= 4; index++)
            {
                assertTrue(writer.awaitIdle(10, TimeUnit.SECONDS));
                writer.image().clear();
                writer.image().putBytes(state.buffer(), 0, state.length());
                writer.submit(index, 0, 10 * index, 0);
            }
            assertTrue(writer.awaitIdle(10, TimeUnit.SECONDS));
            assertEquals(4, writer.written());
            assertEquals(4, writer.lastJournalIndex());
        }
        assertEquals(List.of("snapshot-1.snap 1 10", "snapshot-2.snap 2 20", "snapshot-3.snap 3 30", "snapshot-4.snap 4 40"),
            written);
        assertEquals(List.of(4L, 3L), SnapshotLoader.snapshotIndexes(dir.resolve("snaps")), "the newest 2 kept");
        final SnapshotLoader.Loaded[] loaded = new SnapshotLoader.Loaded[1];
        final StateImage into = new StateImage(0);
        loaded[0] = SnapshotLoader.loadNewest(dir.resolve("snaps"), 100, 100, into, note -> { });
        assertEquals(4, loaded[0].journalIndex());
        assertEquals(StateDigest.of(state), loaded[0].digest());
        assertNull(SnapshotLoader.loadNewest(dir.resolve("none"), 100, 100, into, note -> { }));
    }

    @Test
    void fileNamesAreParsedStrictly()
    {
        assertEquals(123, SnapshotDescriptor.journalIndexOf("snapshot-123.snap"));
        assertEquals(-1, SnapshotDescriptor.journalIndexOf("snapshot-123.snap.tmp"));
        assertEquals(-1, SnapshotDescriptor.journalIndexOf("snapshot-.snap"));
        assertEquals(-1, SnapshotDescriptor.journalIndexOf("snapshot-12a.snap"));
        assertEquals(-1, SnapshotDescriptor.journalIndexOf("snapshot--1.snap"));
        assertEquals(-1, SnapshotDescriptor.journalIndexOf("other-1.snap"));
    }
}
