package io.marginengine.replay;

import io.marginengine.engine.Context;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.MarginProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one place the replay tool touches engine snapshots and state digests, so that wiring
 * them in is a change to this class alone.
 * <p>
 * A snapshot is the file {@code <data-dir>/snapshots/snapshot-<index>.snap}: the processor's
 * whole state after the input with journal index {@code <index>} took effect, and the
 * state digest of that state. Replaying from it restores the state and continues with
 * input {@code <index> + 1}; {@code replay --verify} compares, at each snapshot's index,
 * the digest of the replayed state with the one the snapshot recorded.
 * <p>
 * <b>Still to wire.</b> This build has no snapshot loader and no state digest (they come
 * with {@code io.marginengine.engine.snapshot} and {@code MarginProcessor.stateDigest()}).
 * Finding snapshot files by name works now; {@link #restore}, {@link #recordedDigest} and
 * {@link #stateDigest} are the three methods to fill in, and {@link #AVAILABLE} to set
 * true. Until then {@code --from-snapshot} stops with exit status 2 and a sentence saying
 * so, and {@code --verify} checks the outputs and says the digests were not checked.
 */
public final class SnapshotBridge
{
    /** Whether snapshots can be restored and digests computed in this build. */
    public static final boolean AVAILABLE = false;

    /** Why not, while {@link #AVAILABLE} is false. */
    public static final String UNAVAILABLE = "this build of the replay tool has no snapshot loader or state digest " +
        "(io.marginengine.engine.snapshot is not wired into SnapshotBridge yet)";

    private static final Pattern NAME = Pattern.compile("snapshot-(\\d+)\\.snap");

    /**
     * One snapshot file.
     *
     * @param path         the file.
     * @param journalIndex the journal index of the last input it covers.
     */
    public record SnapshotFile(Path path, long journalIndex)
    {
    }

    private SnapshotBridge()
    {
    }

    /**
     * Lists the snapshot files of a directory by their names, in journal order.
     *
     * @param snapshots the snapshot directory, or null.
     * @return the files, oldest first; empty when there are none.
     */
    public static List<SnapshotFile> list(final Path snapshots)
    {
        final List<SnapshotFile> files = new ArrayList<>();
        if (snapshots == null || !Files.isDirectory(snapshots))
        {
            return files;
        }
        try (Stream<Path> paths = Files.list(snapshots))
        {
            paths.forEach(p ->
            {
                final Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches())
                {
                    files.add(new SnapshotFile(p, Long.parseLong(m.group(1))));
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + snapshots + ": " + ex.getMessage(), ex);
        }
        files.sort(Comparator.comparingLong(SnapshotFile::journalIndex));
        return files;
    }

    /**
     * Restores a processor from a snapshot. To wire: load the file with the engine's
     * snapshot loader into a processor built from {@code context} with {@code sink}, and
     * check that it covers {@code file.journalIndex()}.
     *
     * @param file    the snapshot.
     * @param context the capacities (they must be the snapshot's).
     * @param sink    where the restored processor's outputs go.
     * @return the processor, holding the state after input {@code file.journalIndex()}.
     * @throws ToolException (usage) while snapshots cannot be read by this build.
     */
    public static MarginProcessor restore(final SnapshotFile file, final Context context, final OutputSink sink)
    {
        throw ToolException.usage("cannot start from snapshot " + file.path() + ": " + UNAVAILABLE +
            "; replay from the start instead (leave out --from-snapshot)");
    }

    /**
     * The state digest a snapshot recorded. To wire: read it from the file's header.
     *
     * @param file the snapshot.
     * @return the digest as lower-case hex.
     * @throws ToolException (usage) while snapshots cannot be read by this build.
     */
    public static String recordedDigest(final SnapshotFile file)
    {
        throw ToolException.usage("cannot read the state digest of " + file.path() + ": " + UNAVAILABLE);
    }

    /**
     * The digest of a processor's current state. To wire: {@code MarginProcessor.stateDigest()}
     * written as the same lower-case hex as {@link #recordedDigest}.
     *
     * @param processor the processor, between inputs.
     * @return the digest as lower-case hex.
     * @throws ToolException (usage) while this build has no state digest.
     */
    public static String stateDigest(final MarginProcessor processor)
    {
        throw ToolException.usage("cannot compute a state digest: " + UNAVAILABLE);
    }
}
