package io.marginengine.engine;

import io.marginengine.engine.egress.OutputGate;
import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.pipeline.InputJournal;
import io.marginengine.engine.snapshot.SnapshotLoader;
import io.marginengine.engine.snapshot.StateImage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a new processor to the state its journal describes, before the engine takes any new
 * input: loads the newest valid snapshot ({@link SnapshotLoader}; damaged ones are skipped
 * with a sentence, down to none), replays the journal after it through the processor, and
 * lets the {@link OutputGate} drop the outputs the output queue already holds. docs/RECOVERY.md
 * tells the whole procedure.
 */
final class EngineRecovery
{
    private EngineRecovery()
    {
    }

    /**
     * Recovers.
     *
     * @param context     the configuration: the snapshot directory and the insurance fund account.
     * @param journal     the input journal, opened (its writer continues after its last record).
     * @param processor   a processor that has taken no input.
     * @param gate        the gate in front of the processor's sinks.
     * @param outputQueue the output queue among the sinks, or null.
     * @param image       an image to load a snapshot into (the snapshot writer's), or null.
     * @return what was done.
     * @throws IllegalStateException with a sentence when the engine must not start: the
     *                               snapshot does not fit this configuration, the journal
     *                               cannot be replayed, or the output queue is not this journal's.
     */
    static RecoveryReport recover(
        final Context context, final InputJournal journal, final MarginProcessor processor, final OutputGate gate,
        final OutputQueueSink outputQueue, final StateImage image)
    {
        final long start = System.nanoTime();
        final List<String> notes = new ArrayList<>();
        final long lastIndex = journal.nextIndex() - 1;
        final long held = outputQueue == null ? Long.MAX_VALUE : outputQueue.outputsHeld();
        SnapshotLoader.Loaded loaded = null;
        if (context.snapshotDirectory() != null && lastIndex < 0)
        {
            refuseSnapshotsWithoutJournal(context.snapshotDirectory());
        }
        if (context.snapshotDirectory() != null && (lastIndex >= 0 || held != Long.MAX_VALUE && held > 0))
        {
            final StateImage into = image == null ? new StateImage(0) : image;
            loaded = SnapshotLoader.loadNewest(context.snapshotDirectory(), lastIndex, held, into, notes::add);
            if (loaded != null)
            {
                restore(context, processor, loaded, into);
            }
        }
        final long from = processor.lastJournalIndex() + 1;
        gate.beginRecovery(processor.outputsPublished(), held, outputQueue == null ? null : outputQueue.directory());
        final long replayed;
        try
        {
            replayed = journal.replay(from, (index, time, buffer, offset, length) ->
                processor.onInput(index, buffer, offset, length));
        }
        catch (final RuntimeException ex)
        {
            gate.abortRecovery();
            throw ex;
        }
        gate.endRecovery();
        return new RecoveryReport(loaded == null ? null : loaded.file(), from, replayed, gate.suppressed(), gate.resent(),
            System.nanoTime() - start, List.copyOf(notes));
    }

    /**
     * An empty journal beside snapshots means the journal was lost or replaced: the snapshots
     * belong to another history, and one of them would later be taken for this one's.
     */
    private static void refuseSnapshotsWithoutJournal(final Path directory)
    {
        final List<Long> indexes;
        try
        {
            indexes = Files.isDirectory(directory) ? SnapshotLoader.snapshotIndexes(directory) : List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("snapshot directory " + directory + " cannot be listed: " + ex.getMessage(), ex);
        }
        if (!indexes.isEmpty())
        {
            throw new IllegalStateException("the input journal is empty but snapshot directory " + directory + " holds " +
                indexes.size() + " snapshots (the newest covers journal index " + indexes.get(0) + "): they belong to a " +
                "journal that is gone; restore that journal, or move the snapshots away to start afresh");
        }
    }

    private static void restore(
        final Context context, final MarginProcessor processor, final SnapshotLoader.Loaded loaded, final StateImage image)
    {
        if (loaded.fundAccount() != context.insuranceFundAccount())
        {
            throw new IllegalStateException(loaded.file() + " was written by an engine whose insurance fund is account " +
                loaded.fundAccount() + ", but this engine's insuranceFundAccount is " + context.insuranceFundAccount() +
                ": the journal means something else under another fund account");
        }
        try
        {
            processor.restoreState(image);
        }
        catch (final IllegalStateException ex)
        {
            throw new IllegalStateException(loaded.file() + " cannot be restored into this engine: " + ex.getMessage(), ex);
        }
        if (processor.lastJournalIndex() != loaded.journalIndex())
        {
            throw new IllegalStateException(loaded.file() + " covers journal index " + loaded.journalIndex() +
                " in its header but its state says " + processor.lastJournalIndex());
        }
    }
}
