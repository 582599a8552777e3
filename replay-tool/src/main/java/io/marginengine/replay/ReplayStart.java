package io.marginengine.replay;

import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.MarginProcessor;

import java.util.List;

/**
 * Where a replay starts: a fresh processor at journal index 0, or a processor restored from
 * a snapshot ({@link SnapshotBridge}) continuing after the snapshot's index.
 *
 * @param processor   the processor to feed.
 * @param firstIndex  the journal index of the first input to feed it.
 * @param description the start in words, for the summary.
 */
public record ReplayStart(MarginProcessor processor, long firstIndex, String description)
{
    /** The value of {@code --from-snapshot} without an index: the latest usable snapshot. */
    public static final String LATEST = "latest";

    /**
     * Builds the start.
     *
     * @param settings     the capacities.
     * @param location     where the recording is (its snapshot directory).
     * @param fromSnapshot null to start from the beginning; {@link #LATEST}; or a snapshot's index.
     * @param to           the replay's upper bound, or null: the latest snapshot is the last at or before it.
     * @param sink         where the processor's outputs go.
     * @return the start.
     */
    public static ReplayStart of(
        final EngineSettings settings, final DataLocation location, final String fromSnapshot, final Point to,
        final OutputSink sink)
    {
        if (fromSnapshot == null)
        {
            return new ReplayStart(new MarginProcessor(settings.context(), sink), 0, "the start of the journal (index 0)");
        }
        final SnapshotBridge.SnapshotFile file = choose(location, fromSnapshot, to);
        final MarginProcessor processor = SnapshotBridge.restore(file, settings.context(), sink);
        return new ReplayStart(processor, file.journalIndex() + 1,
            "snapshot " + file.path() + " (after index " + file.journalIndex() + ")");
    }

    /**
     * The journal index a replay will start at, without restoring anything: 0, or the input
     * after the chosen snapshot.
     *
     * @param location     where the recording is.
     * @param fromSnapshot as for {@link #of}.
     * @param to           as for {@link #of}.
     * @return the first journal index to feed.
     */
    public static long firstIndex(final DataLocation location, final String fromSnapshot, final Point to)
    {
        return fromSnapshot == null ? 0 : choose(location, fromSnapshot, to).journalIndex() + 1;
    }

    private static SnapshotBridge.SnapshotFile choose(final DataLocation location, final String fromSnapshot, final Point to)
    {
        final List<SnapshotBridge.SnapshotFile> files = SnapshotBridge.list(location.snapshots());
        if (files.isEmpty())
        {
            throw ToolException.usage("--from-snapshot: there are no snapshot files (snapshots/snapshot-INDEX.snap) " +
                "beside the journal " + location.journal());
        }
        if (LATEST.equals(fromSnapshot))
        {
            if (to != null && !to.isIndex())
            {
                throw ToolException.usage("--from-snapshot with --to a time needs the snapshot's index " +
                    "(--from-snapshot=INDEX): a snapshot file names its index, not its time");
            }
            SnapshotBridge.SnapshotFile chosen = null;
            for (final SnapshotBridge.SnapshotFile file : files)
            {
                if (to == null || file.journalIndex() <= to.value())
                {
                    chosen = file;
                }
            }
            if (chosen == null)
            {
                throw ToolException.usage("--from-snapshot: no snapshot covers an index at or before " + to.describe() +
                    " (the first covers index " + files.get(0).journalIndex() + ")");
            }
            return chosen;
        }
        final long index;
        try
        {
            index = Long.parseLong(fromSnapshot);
        }
        catch (final NumberFormatException ex)
        {
            throw ToolException.usage("--from-snapshot=" + fromSnapshot + " is not a snapshot index: expected a whole " +
                "number such as 1000, or no value for the latest");
        }
        for (final SnapshotBridge.SnapshotFile file : files)
        {
            if (file.journalIndex() == index)
            {
                return file;
            }
        }
        throw ToolException.usage("--from-snapshot=" + fromSnapshot + ": there is no snapshot-" + index + ".snap in " +
            location.snapshots());
    }
}
