package io.marginengine.replay;

import io.marginengine.engine.EngineConfig;
import io.marginengine.journal.QueueDirectories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the tool finds what an engine recorded: the input journal, the output queue, the
 * snapshots and the engine's properties file. Named in one of three ways:
 * <ul>
 * <li>an engine data directory holding {@code input-journal/} (and, when the engine wrote
 * them, {@code output-queue/}, {@code snapshots/} and {@code engine-effective.properties}, the configuration the engine
 * last started with), the layout
 * of {@link QueueDirectories}; {@code scripts/demo.sh} leaves one in {@code out/demo};</li>
 * <li>a journal queue directory itself (holding Chronicle {@code .cq4} files), as the
 * engine's {@code journalDir} setting names it;</li>
 * <li>no directory but {@code --config FILE}: the engine's own properties file, whose
 * {@code journalDir} is the journal, {@code dataDir/output-queue} the output queue and
 * {@code snapshotDir} the snapshots.</li>
 * </ul>
 * {@code --outputs DIR} names the output queue explicitly (the queue itself, or a directory
 * holding {@code output-queue/}).
 */
public final class DataLocation
{
    /** Name of the snapshot directory inside a data directory. */
    public static final String SNAPSHOTS = "snapshots";

    /** Name of the engine's properties file inside a data directory. */
    public static final String ENGINE_PROPERTIES = EngineConfig.EFFECTIVE_FILE;

    private final Path journal;
    private final Path outputQueue;
    private final Path snapshots;
    private final Path engineProperties;

    private DataLocation(final Path journal, final Path outputQueue, final Path snapshots, final Path engineProperties)
    {
        this.journal = journal;
        this.outputQueue = outputQueue;
        this.snapshots = snapshots;
        this.engineProperties = engineProperties;
    }

    /**
     * Finds the recorded queues.
     *
     * @param data    the data directory or journal named on the command line, or null.
     * @param outputs the output queue named by {@code --outputs}, or null.
     * @param config  the engine properties file named by {@code --config}, or null.
     * @return where everything is; the output queue, snapshots and properties may be absent (null).
     * @throws ToolException (usage) naming the directory and what was expected in it.
     */
    public static DataLocation resolve(final Path data, final Path outputs, final Path config)
    {
        Path journal;
        Path outputQueue = null;
        Path snapshots = null;
        Path properties = null;
        if (data == null)
        {
            if (config == null)
            {
                throw ToolException.usage("no journal named: give an engine data directory (such as out/demo), " +
                    "a journal directory, or --config with the engine's properties file");
            }
            final EngineConfig engineConfig = EngineSettings.load(config);
            journal = engineConfig.journalDir();
            final Path fromConfig = engineConfig.outputQueueDir();
            outputQueue = Files.isDirectory(fromConfig) ? fromConfig : null;
            final Path snapshotDir = engineConfig.snapshotDir();
            snapshots = snapshotDir != null && Files.isDirectory(snapshotDir) ? snapshotDir : null;
        }
        else if (!Files.isDirectory(data))
        {
            throw ToolException.usage("data directory " + data + " does not exist or is not a directory");
        }
        else if (Files.isDirectory(QueueDirectories.inputJournal(data)))
        {
            journal = QueueDirectories.inputJournal(data);
            final Path queue = QueueDirectories.outputQueue(data);
            outputQueue = Files.isDirectory(queue) ? queue : null;
            snapshots = Files.isDirectory(data.resolve(SNAPSHOTS)) ? data.resolve(SNAPSHOTS) : null;
            properties = Files.isRegularFile(data.resolve(ENGINE_PROPERTIES)) ? data.resolve(ENGINE_PROPERTIES) : null;
        }
        else if (isQueue(data))
        {
            journal = data;
        }
        else
        {
            throw ToolException.usage("directory " + data + " is neither an engine data directory (no " +
                QueueDirectories.INPUT_JOURNAL + "/ inside) nor a journal (no .cq4 files inside)");
        }
        if (!isQueue(journal))
        {
            throw ToolException.usage("journal " + journal + " holds no Chronicle queue files (.cq4): nothing was journaled there");
        }
        if (outputs != null)
        {
            outputQueue = Files.isDirectory(QueueDirectories.outputQueue(outputs)) ? QueueDirectories.outputQueue(outputs) : outputs;
            if (!isQueue(outputQueue))
            {
                throw ToolException.usage("output queue " + outputs + " is not a queue (no .cq4 files inside, nor an " +
                    QueueDirectories.OUTPUT_QUEUE + "/ holding them)");
            }
        }
        return new DataLocation(journal, outputQueue, snapshots, properties);
    }

    /**
     * @param directory a directory.
     * @return whether it holds Chronicle queue files.
     */
    static boolean isQueue(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /** @return the input journal's directory. */
    public Path journal()
    {
        return journal;
    }

    /** @return the output queue's directory, or null when none was found or named. */
    public Path outputQueue()
    {
        return outputQueue;
    }

    /** @return the snapshot directory, or null when the data directory has none. */
    public Path snapshots()
    {
        return snapshots;
    }

    /** @return the data directory's {@code engine-effective.properties}, or null when it has none. */
    public Path engineProperties()
    {
        return engineProperties;
    }
}
