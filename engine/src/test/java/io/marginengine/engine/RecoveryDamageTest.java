package io.marginengine.engine;

import io.marginengine.engine.EngineDataDir.Running;
import io.marginengine.engine.EngineDataDir.Truth;
import io.marginengine.engine.snapshot.SnapshotDescriptor;
import io.marginengine.engine.testkit.RecordedStream;
import io.marginengine.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged journals, snapshots and output queues, each recovered from or refused as
 * docs/RECOVERY.md says. A damaged or missing snapshot is skipped with a sentence naming the
 * file and what was wrong, for the one before it, down to a full replay, and the engine ends
 * with the state and outputs it had; a journal whose last record a crash cut short is
 * recovered up to the last whole input; what cannot be made consistent (an output queue that
 * is not the journal's, a changed insurance fund account, a state too big for the
 * capacities) stops the engine before it starts, with a sentence.
 */
class RecoveryDamageTest
{
    private static final long SEED = 1234L;
    private static final int LENGTH = 100;

    private static Context context()
    {
        return RecordedStream.context().ringSize(64).snapshotIntervalInputs(89).snapshotIntervalNs(0).snapshotsKept(1_000);
    }

    /** A live run that left snapshots, a journal and an output queue; returns the ground truth. */
    private static Truth liveRun(final EngineDataDir data, final RecordedStream stream)
    {
        try (Running running = data.launch(context(), true))
        {
            running.publish(stream, 0, stream.size(), 20);
        }
        assertTrue(data.snapshotIndexes().size() >= 3, "snapshots " + data.snapshotIndexes());
        return Truth.of(stream, stream.size());
    }

    /** Restarts on the directory (no new input) and requires the live run's state and outputs, none sent twice. */
    private static RecoveryReport restartAndCheck(final EngineDataDir data, final Truth truth)
    {
        try (Running running = data.launch(context(), true))
        {
            final RecoveryReport report = running.engine.recovery();
            assertEquals(truth.digest(), running.engine.processor().stateDigest(), report.toString());
            assertEquals(0, report.outputsSent(), "nothing sent again: " + report);
            assertNull(RecordedStream.firstDifference(truth.outputs(), EngineDataDir.records(data.outputQueue())));
            return report;
        }
    }

    @Test
    void aFlippedByteInTheNewestSnapshotsBodyFallsBackToTheOneBefore(@TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final List<Long> indexes = data.snapshotIndexes();
        EngineDataDir.flipByte(data.snapshotFile(indexes.get(0)), SnapshotDescriptor.HEADER_LENGTH + 100);

        final RecoveryReport report = restartAndCheck(data, truth);
        assertEquals(data.snapshotFile(indexes.get(1)), report.snapshot());
        assertEquals(1, report.notes().size(), report.notes().toString());
        assertTrue(report.notes().get(0).startsWith(SnapshotDescriptor.fileName(indexes.get(0)) +
            " skipped: its body fails its CRC32C check (stored "), report.notes().get(0));
    }

    @Test
    void aFlippedByteInTheNewestSnapshotsHeaderFallsBackToTheOneBefore(@TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final List<Long> indexes = data.snapshotIndexes();
        EngineDataDir.flipByte(data.snapshotFile(indexes.get(0)), SnapshotDescriptor.JOURNAL_INDEX_OFFSET);

        final RecoveryReport report = restartAndCheck(data, truth);
        assertEquals(data.snapshotFile(indexes.get(1)), report.snapshot());
        assertTrue(report.notes().get(0).startsWith(SnapshotDescriptor.fileName(indexes.get(0)) +
            " skipped: its header fails its CRC32C check (stored "), report.notes().get(0));
    }

    @Test
    void aSnapshotCutShortIsSkipped(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final List<Long> indexes = data.snapshotIndexes();
        final Path newest = data.snapshotFile(indexes.get(0));
        final long size = Files.size(newest);
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE))
        {
            channel.truncate(size / 2);
        }

        final RecoveryReport report = restartAndCheck(data, truth);
        assertEquals(data.snapshotFile(indexes.get(1)), report.snapshot());
        assertEquals(SnapshotDescriptor.fileName(indexes.get(0)) + " skipped: its header announces a body of " +
            (size - SnapshotDescriptor.HEADER_LENGTH) + " bytes but the file holds " +
            (size / 2 - SnapshotDescriptor.HEADER_LENGTH) + " (cut short or grown)", report.notes().get(0));
    }

    @Test
    void aMissingSnapshotFileLeavesTheOneBefore(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final List<Long> indexes = data.snapshotIndexes();
        Files.delete(data.snapshotFile(indexes.get(0)));

        final RecoveryReport report = restartAndCheck(data, truth);
        assertEquals(data.snapshotFile(indexes.get(1)), report.snapshot());
        assertEquals(stream.size() - 1 - indexes.get(1), report.replayed());
        assertEquals(List.of(), report.notes());
    }

    @Test
    void everySnapshotDamagedMeansAFullReplaySaidPlainly(@TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final List<Long> indexes = data.snapshotIndexes();
        for (final long index : indexes)
        {
            EngineDataDir.flipByte(data.snapshotFile(index), SnapshotDescriptor.HEADER_LENGTH + 8);
        }

        final RecoveryReport report = restartAndCheck(data, truth);
        assertNull(report.snapshot());
        assertEquals(stream.size(), report.replayed());
        assertEquals(indexes.size() + 1, report.notes().size());
        assertEquals("no valid snapshot in " + data.snapshots() + ": replaying the whole journal from its first input",
            report.notes().get(indexes.size()));
        assertTrue(report.summary().startsWith("no snapshot loaded, replayed " + stream.size() + " inputs (0 to " +
            (stream.size() - 1) + ") in "), report.summary());
    }

    @Test
    void aMissingSnapshotDirectoryMeansAFullReplaySaidPlainly(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        for (final long index : data.snapshotIndexes())
        {
            Files.delete(data.snapshotFile(index));
        }
        Files.delete(data.snapshots());

        final RecoveryReport report = restartAndCheck(data, truth);
        assertNull(report.snapshot());
        assertEquals(List.of("no snapshot directory " + data.snapshots() + ": replaying the whole journal from its first input"),
            report.notes());
    }

    /** Snapshots of inputs the journal does not hold (it lost its end) are skipped, with the index where it ends. */
    @Test
    void aSnapshotAheadOfTheJournalIsSkipped(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir live = new EngineDataDir(tmp.resolve("live"));
        liveRun(live, stream);
        final List<Long> indexes = live.snapshotIndexes();
        final int m = (int)(indexes.get(1) + indexes.get(2)) / 2 + 1;
        final EngineDataDir shorter = new EngineDataDir(tmp.resolve("shorter"));
        try (JournalWriter writer = new JournalWriter(shorter.journal()))
        {
            for (int i = 0; i < m; i++)
            {
                writer.append(new UnsafeBuffer(stream.inputs().get(i)), 0, stream.inputs().get(i).length, 0);
            }
        }
        EngineDataDir.copyTree(live.snapshots(), shorter.snapshots());
        final Truth truth = Truth.of(stream, m);
        EngineDataDir.writeQueue(shorter.outputQueue(), truth.outputs());

        final RecoveryReport report = restartAndCheck(shorter, truth);
        assertEquals(shorter.snapshotFile(indexes.get(2)), report.snapshot());
        assertEquals(SnapshotDescriptor.fileName(indexes.get(0)) + " skipped: it covers journal index " + indexes.get(0) +
            " but the journal ends at index " + (m - 1) + " (inputs after " + (m - 1) +
            " were never journaled, or the journal lost them)", report.notes().get(0));
        assertEquals(2, report.notes().size(), report.notes().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"open-batch", "half-record"})
    @Tag("fork")
    void aJournalWhoseLastRecordACrashCutShortIsRecoveredToTheLastWholeInput(final String crash, @TempDir final Path tmp)
        throws Exception
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final int whole = stream.size() / 3;
        final Process writer = new ProcessBuilder(ForkedJvm.command(CrashingJournalMain.class, tmp.toString(),
            Long.toString(SEED), Integer.toString(LENGTH), Integer.toString(whole), crash))
            .redirectErrorStream(true).redirectOutput(tmp.resolve("writer.log").toFile()).start();
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "the crashing writer finished");
        assertEquals(CrashingJournalMain.CRASHED, writer.exitValue(), Files.readString(tmp.resolve("writer.log")));

        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = Truth.of(stream, stream.size());
        try (Running running = data.launch(context(), true))
        {
            final RecoveryReport report = running.engine.recovery();
            assertEquals(whole, report.replayed(), report.toString());
            assertEquals(Truth.of(stream, whole).digest(), running.engine.processor().stateDigest());
            running.publish(stream, whole, stream.size());
        }
        final List<byte[]> journal = EngineDataDir.records(data.journal());
        assertEquals(stream.size(), journal.size(), "the cut-short inputs are gone, the new ones follow the last whole one");
        for (int i = 0; i < journal.size(); i++)
        {
            assertTrue(java.util.Arrays.equals(stream.inputs().get(i), journal.get(i)), "journal record " + i);
        }
        assertNull(RecordedStream.firstDifference(truth.outputs(), EngineDataDir.records(data.outputQueue())));
    }

    /** The outputs the replay produces must be those the queue holds: one that differs stops the engine. */
    @Test
    void anOutputQueueThatDiffersFromTheReplayIsRefused(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        Files.delete(data.snapshotFile(data.snapshotIndexes().get(0)));
        final int at = (int)EngineDataDir.outputsOf(data.snapshotFile(data.snapshotIndexes().get(0)));
        assertTrue(at < truth.outputs().size(), "outputs after the snapshot");
        final List<byte[]> swapped = new ArrayList<>(truth.outputs());
        swapped.set(at, swapped.get(at - 1));
        deleteTree(data.outputQueue());
        EngineDataDir.writeQueue(data.outputQueue(), swapped);

        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> data.launch(context(), true));
        assertTrue(refused.getMessage().startsWith("output " + at + " of the replay differs from record " + at +
            " of the output queue: the queue holds {"), refused.getMessage());
    }

    @Test
    void anOutputQueueHoldingMoreThanTheJournalProducesIsRefused(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final List<byte[]> more = new ArrayList<>(truth.outputs());
        more.add(truth.outputs().get(0));
        deleteTree(data.outputQueue());
        EngineDataDir.writeQueue(data.outputQueue(), more);

        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> data.launch(context(), true));
        assertEquals("the output queue holds " + more.size() + " outputs but replaying the journal produced only " +
            truth.outputs().size() + ": the journal lost inputs whose outputs were sent (outputs " + truth.outputs().size() +
            " to " + truth.outputs().size() + " have no cause in it)", refused.getMessage());
    }

    @Test
    void aSnapshotOfAnotherInsuranceFundAccountIsRefused(@TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        liveRun(data, stream);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> data.launch(context().insuranceFundAccount(5), true));
        assertEquals(data.snapshotFile(data.snapshotIndexes().get(0)) + " was written by an engine whose insurance fund is " +
            "account 0, but this engine's insuranceFundAccount is 5: the journal means something else under another fund " +
            "account", refused.getMessage());
    }

    @Test
    void aSnapshotTooBigForTheCapacitiesIsRefused(@TempDir final Path tmp)
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        final Truth truth = liveRun(data, stream);
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> data.launch(context().maxAccounts(2), true));
        assertTrue(refused.getMessage().startsWith(data.snapshotFile(data.snapshotIndexes().get(0)) +
            " cannot be restored into this engine: state image: the account count (maxAccounts 2) is " +
            truth.processor().accounts().count()), refused.getMessage());
    }

    /** Snapshots beside an empty journal belong to a lost journal: refused, lest one be taken for the new history's. */
    @Test
    void snapshotsBesideAnEmptyJournalAreRefused(@TempDir final Path tmp) throws IOException
    {
        final RecordedStream stream = RecordedStream.record(SEED, LENGTH, true);
        final EngineDataDir data = new EngineDataDir(tmp);
        liveRun(data, stream);
        deleteTree(data.journal());
        deleteTree(data.outputQueue());
        final List<Long> indexes = data.snapshotIndexes();
        final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> data.launch(context(), true));
        assertEquals("the input journal is empty but snapshot directory " + data.snapshots() + " holds " + indexes.size() +
            " snapshots (the newest covers journal index " + indexes.get(0) + "): they belong to a journal that is gone; " +
            "restore that journal, or move the snapshots away to start afresh", refused.getMessage());
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir))
        {
            for (final Path path : (Iterable<Path>)paths.sorted(java.util.Comparator.reverseOrder())::iterator)
            {
                Files.delete(path);
            }
        }
    }
}
