package io.marginengine.replay;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The options every command shares: where the recording is, the engine's capacities, and
 * quiet. A picocli mixin.
 */
public final class CommonOptions
{
    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
        description = "An engine data directory (holding input-journal/, e.g. out/demo) or a journal queue " +
            "directory. May be left out with --config.")
    Path data;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The engine's properties file (EngineConfig format): the capacities to replay with, and, " +
            "without DATA, where its journal (journalDir), output queue (dataDir/output-queue) and snapshots (snapshotDir) are. " +
            "Default: DATA/engine-effective.properties when present, else the engine's defaults.")
    Path config;

    @Option(names = "--outputs", paramLabel = "DIR",
        description = "The recorded output queue (or a directory holding output-queue/). " +
            "Default: DATA/output-queue.")
    Path outputs;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar (there is none either when standard error is not a terminal).")
    boolean quiet;

    /** @return where the recording is. */
    DataLocation location()
    {
        return DataLocation.resolve(data, outputs, config);
    }

    /**
     * @param location where the recording is.
     * @return the capacities to replay with.
     */
    EngineSettings settings(final DataLocation location)
    {
        return EngineSettings.of(config, location);
    }

    /**
     * @param err standard error.
     * @return a progress bar, silent when quiet or not on a terminal.
     */
    Progress progress(final PrintWriter err)
    {
        return new Progress(err, !quiet && Progress.stderrIsTerminal());
    }
}
