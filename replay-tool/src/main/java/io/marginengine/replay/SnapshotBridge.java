package io.marginengine.replay;

import io.marginengine.engine.Context;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.snapshot.SnapshotLoader;
import io.marginengine.engine.snapshot.StateImage;

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
 * Snapshots are read with the engine's own {@code SnapshotLoader} (header and body checksums
 * verified) and restored with {@code MarginProcessor.restoreState}; digests are the
 * engine's XXH3-128 {@code StateDigest}, written as 32 lower-case hex digits.
 */
public final class SnapshotBridge
{
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
     * Restores a processor from a snapshot.
     *
     * @param file    the snapshot.
     * @param context the capacities (the state must fit them).
     * @param sink    where the restored processor's outputs go.
     * @return the processor, holding the state after input {@code file.journalIndex()}.
     * @throws ToolException (input) when the file is damaged or its state does not fit.
     */
    public static MarginProcessor restore(final SnapshotFile file, final Context context, final OutputSink sink)
    {
        final StateImage image = new StateImage(0);
        final SnapshotLoader.Loaded loaded = load(file, image);
        if (loaded.fundAccount() != context.insuranceFundAccount())
        {
            throw ToolException.usage("snapshot " + file.path() + " was written by an engine whose insurance fund is account " +
                loaded.fundAccount() + ", but the replay's insuranceFundAccount is " + context.insuranceFundAccount());
        }
        final MarginProcessor processor = new MarginProcessor(context, sink);
        try
        {
            processor.restoreState(image);
        }
        catch (final IllegalStateException ex)
        {
            throw ToolException.usage("snapshot " + file.path() + " cannot be restored with these capacities: " +
                ex.getMessage() + " (pass the engine's configuration with --config)");
        }
        return processor;
    }

    /**
     * The state digest a snapshot recorded in its header.
     *
     * @param file the snapshot.
     * @return the digest as lower-case hex.
     * @throws ToolException (input) when the file is damaged.
     */
    public static String recordedDigest(final SnapshotFile file)
    {
        return load(file, new StateImage(0)).digest().toString();
    }

    /**
     * The digest of a processor's current state.
     *
     * @param processor the processor, between inputs.
     * @return the digest as lower-case hex.
     */
    public static String stateDigest(final MarginProcessor processor)
    {
        return processor.stateDigest().toString();
    }

    private static SnapshotLoader.Loaded load(final SnapshotFile file, final StateImage image)
    {
        try
        {
            return SnapshotLoader.load(file.path(), image);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ToolException.usage(ex.getMessage());
        }
    }
}
