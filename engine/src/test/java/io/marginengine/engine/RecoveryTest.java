package io.marginengine.engine;

import io.marginengine.engine.EngineDataDir.Running;
import io.marginengine.engine.EngineDataDir.Truth;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.snapshot.SnapshotDescriptor;
import io.marginengine.engine.snapshot.SnapshotWriter;
import io.marginengine.engine.snapshot.StateImage;
import io.marginengine.engine.testkit.RecordedStream;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery gives the state and the outputs of the run that was never stopped. For random
 * streams: the live run (snapshots every few dozen inputs), a replay of its journal from
 * scratch, and snapshot-plus-tail recoveries from several snapshots (those the live engine
 * wrote, and ones taken at random indexes) all end with the digest of a processor fed the
 * stream directly, and leave an output queue holding exactly that processor's outputs, each
 * once, whatever part of them the queue held already. A clean stop and restart loses and
 * duplicates nothing, with or without snapshots.
 */
class RecoveryTest
{
    private static final int LENGTH = 120;

    private static Context context()
    {
        return RecordedStream.context().ringSize(64).snapshotIntervalInputs(97).snapshotIntervalNs(0).snapshotsKept(1_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {11L, -77L})
    void liveRunReplayFromScratchAndSnapshotPlusTailAgree(final long seed, @TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(seed, LENGTH, true);
        final int n = stream.size();
        final Truth truth = Truth.of(stream, n);
        final String about = "seed " + seed + ", " + n + " inputs";

        final EngineDataDir live = new EngineDataDir(tmp.resolve("live"));
        final MarginProcessor liveProcessor;
        try (Running running = live.launch(context(), true))
        {
            running.publish(stream, 0, n, 20);
            running.stop();
            liveProcessor = running.engine.processor();
        }
        assertEquals(truth.digest(), liveProcessor.stateDigest(), about + ": live run");
        assertNull(RecordedStream.firstDifference(truth.outputs(), EngineDataDir.records(live.outputQueue())), about + ": live run");
        assertTrue(live.snapshotIndexes().size() >= 5, about + ": snapshots " + live.snapshotIndexes());

        final EngineDataDir scratch = new EngineDataDir(tmp.resolve("scratch"));
        scratch.copyJournalFrom(live);
        try (Running running = scratch.launch(context(), false))
        {
            final RecoveryReport report = running.engine.recovery();
            assertNull(report.snapshot());
            assertEquals(n, report.replayed());
            assertEquals(truth.outputs().size(), report.outputsSent(), "every output re-sent to an empty queue");
            running.stop();
            assertEquals(truth.digest(), running.engine.processor().stateDigest(), about + ": replay from scratch");
        }
        assertNull(RecordedStream.firstDifference(truth.outputs(), EngineDataDir.records(scratch.outputQueue())),
            about + ": replay from scratch");

        final Random random = new Random(seed);
        final List<Long> written = new ArrayList<>(live.snapshotIndexes());
        Collections.shuffle(written, random);
        for (final long index : written.subList(0, 3))
        {
            final Path file = live.snapshotFile(index);
            recoverFrom(tmp.resolve("written-" + index), live, stream, truth, file, index, EngineDataDir.outputsOf(file),
                about + ", from the live run's " + file.getFileName());
        }
        for (int i = 0; i < 3; i++)
        {
            final int k = random.nextInt(n);
            final EngineDataDir made = new EngineDataDir(tmp.resolve("made-" + k));
            final long outputs = writeSnapshot(made, stream, k);
            final long held = outputs + random.nextInt((int)(truth.outputs().size() - outputs) + 1);
            recoverFrom(made.dir, live, stream, truth, made.snapshotFile(k), k, held,
                about + ", from a snapshot taken at index " + k + " with " + held + " outputs in the queue");
        }
    }

    /**
     * Recovers in {@code dir} from one snapshot and the live journal, with an output queue
     * holding the first {@code held} outputs; then requires the live run's digest and outputs.
     */
    private static void recoverFrom(
        final Path dir, final EngineDataDir live, final RecordedStream stream, final Truth truth, final Path snapshot,
        final long index, final long held, final String about)
    {
        final EngineDataDir data = new EngineDataDir(dir);
        data.copyJournalFrom(live);
        try
        {
            Files.createDirectories(data.snapshots());
            if (!Files.exists(data.snapshotFile(index)))
            {
                Files.copy(snapshot, data.snapshotFile(index));
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        EngineDataDir.writeQueue(data.outputQueue(), truth.outputs().subList(0, (int)held));
        final long outputsAtSnapshot = EngineDataDir.outputsOf(data.snapshotFile(index));
        try (Running running = data.launch(context(), true))
        {
            final RecoveryReport report = running.engine.recovery();
            assertEquals(data.snapshotFile(index), report.snapshot(), about + ": " + report.notes());
            assertEquals(stream.size() - 1 - index, report.replayed(), about);
            assertEquals(held - outputsAtSnapshot, report.outputsSuppressed(), about + ": outputs the queue held");
            assertEquals(truth.outputs().size() - held, report.outputsSent(), about + ": outputs the queue lacked");
            running.stop();
            assertEquals(truth.digest(), running.engine.processor().stateDigest(), about);
        }
        assertNull(RecordedStream.firstDifference(truth.outputs(), EngineDataDir.records(data.outputQueue())), about);
    }

    /** Writes the snapshot of the state after input k, as the engine would; returns its output count. */
    private static long writeSnapshot(final EngineDataDir data, final RecordedStream stream, final int k)
    {
        final MarginProcessor processor = RecordedStream.collecting(RecordedStream.context(), new ArrayList<>());
        stream.feed(processor, 0, k + 1);
        final StateImage image = new StateImage(processor.maxStateLength());
        processor.copyStateTo(image);
        try
        {
            Files.createDirectories(data.snapshots());
            SnapshotWriter.write(data.snapshots(), image, k, processor.lastTs(), processor.outputsPublished(),
                new int[] {4, 10, 3, 64}, 0, new SnapshotDescriptor(new UnsafeBuffer(ByteBuffer.allocateDirect(128))),
                new long[2]);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        return processor.outputsPublished();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCleanStopAndRestartLosesNothingAndDuplicatesNothing(final boolean snapshots, @TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(31L, LENGTH, true);
        final int n = stream.size();
        final int m = n / 2;
        final Truth truth = Truth.of(stream, n);
        final Truth half = Truth.of(stream, m);
        final EngineDataDir data = new EngineDataDir(tmp);
        try (Running running = data.launch(context().snapshotIntervalInputs(0), snapshots))
        {
            running.publish(stream, 0, m);
        }
        try (Running running = data.launch(context().snapshotIntervalInputs(0), snapshots))
        {
            final RecoveryReport report = running.engine.recovery();
            if (snapshots)
            {
                assertEquals(data.snapshotFile(m - 1), report.snapshot(), "the snapshot taken at the clean stop: " + report);
                assertEquals(0, report.replayed());
            }
            else
            {
                assertNull(report.snapshot());
                assertEquals(m, report.replayed());
                assertEquals(half.outputs().size(), report.outputsSuppressed(), "outputs sent before the stop are not sent again");
            }
            assertEquals(0, report.outputsSent());
            assertEquals(half.digest(), running.engine.processor().stateDigest(), "recovered state (read before any new input)");
            running.publish(stream, m, n);
            running.stop();
            assertEquals(truth.digest(), running.engine.processor().stateDigest());
        }
        assertNull(RecordedStream.firstDifference(truth.outputs(), EngineDataDir.records(data.outputQueue())));
        final List<byte[]> journal = EngineDataDir.records(data.journal());
        assertEquals(n, journal.size(), "every input journaled once");
        for (int i = 0; i < n; i++)
        {
            assertTrue(java.util.Arrays.equals(stream.inputs().get(i), journal.get(i)), "journal record " + i);
        }
    }

    /**
     * A requested snapshot is taken at the end of the batch in progress, or, with the engine
     * idle, of the next one: requested once the first 20 inputs are processed, it covers the
     * 20th or the 21st.
     */
    @Test
    void aRequestedSnapshotCoversTheLastInput(@TempDir final Path tmp) throws Exception
    {
        final RecordedStream stream = RecordedStream.record(5L, 40, false);
        final EngineDataDir data = new EngineDataDir(tmp);
        try (Running running = data.launch(context().snapshotIntervalInputs(0), true))
        {
            running.publish(stream, 0, 20);
            running.engine.awaitProcessed(20, TimeUnit.SECONDS.toNanos(20));
            running.engine.requestSnapshot();
            running.publish(stream, 20, 21);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (running.engine.snapshots().writer().lastJournalIndex() < 19 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            final long index = running.engine.snapshots().writer().lastJournalIndex();
            assertTrue(index >= 19 && index <= 20, "snapshot at " + index);
            assertTrue(Files.isRegularFile(data.snapshotFile(index)));
        }
    }

    /** With an interval of input time, snapshots are at least that far apart in input time. */
    @Test
    void snapshotsByInputTimeAreThatFarApart(@TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(8L, LENGTH, false);
        final long interval = 60_000_000_000L;
        final EngineDataDir data = new EngineDataDir(tmp);
        try (Running running = data.launch(context().snapshotIntervalInputs(0).snapshotIntervalNs(interval).ringSize(2), true))
        {
            running.publish(stream, 0, stream.size(), 5);
        }
        final List<Long> indexes = data.snapshotIndexes();
        assertTrue(indexes.size() >= 3, "snapshots " + indexes);
        long later = Long.MAX_VALUE;
        for (final long index : indexes.subList(1, indexes.size()))
        {
            final long ts = tsOf(data.snapshotFile(index));
            if (later != Long.MAX_VALUE)
            {
                assertTrue(later - ts >= interval, "snapshots at ts " + ts + " and " + later);
            }
            later = ts;
        }
    }

    private static long tsOf(final Path snapshot)
    {
        try
        {
            return new UnsafeBuffer(Files.readAllBytes(snapshot)).getLong(SnapshotDescriptor.TS_OFFSET,
                java.nio.ByteOrder.LITTLE_ENDIAN);
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
