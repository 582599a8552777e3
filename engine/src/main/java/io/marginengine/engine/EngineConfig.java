package io.marginengine.engine;

import io.marginengine.engine.monitor.CountersFileDescriptor;
import io.marginengine.journal.QueueDirectories;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine process's configuration file, in Java properties format: the {@link Context}
 * settings, the directories and the input, and CPU hints. Every key is optional; an unknown
 * key is refused, a bad value is refused with a sentence naming the key, the value and what
 * was expected, and the capacities are checked by {@link Context#conclude()}.
 * <pre>
 *   maxAccounts=100_000           Context: capacities, ring, wait strategy (defaults as in Context)
 *   maxInstruments=64
 *   maxPositionsPerAccount=16
 *   maxSources=64
 *   insuranceFundAccount=0
 *   ringSize=16384
 *   waitStrategy=blocking         blocking, sleeping, yielding or busy-spin
 *   consumerThreads=1             1: one thread journals each batch, then processes it;
 *                                 2: a journal thread and a processor thread
 *   surveillance=indexed          indexed (the trigger index) or plain (every holder on every
 *                                 tick); the outputs are the same (docs/SURVEILLANCE.md)
 *   triggerSlackPermille=125      how far inside its proven band the index stores a bound
 *   dataDir=data                  the engine data directory: input-journal/, output-queue/,
 *                                 snapshots/ and engine-effective.properties (default: data)
 *   journalDir=journal            the input journal           (default: dataDir/input-journal)
 *   snapshotDir=snapshots         snapshots; none: no snapshots, recovery replays the whole
 *                                 journal                     (default: dataDir/snapshots)
 *   snapshotIntervalInputs=1_000_000   a snapshot after this many inputs (0: not by count)
 *   snapshotIntervalNs=300_000_000_000 a snapshot after this much input time (0: not by time)
 *   snapshotsKept=3               older snapshots are deleted
 *   outputDir=out                 outputs.jsonl goes here     (default: out)
 *   ingressQueue=ingress          a queue another process writes inputs to, tailed by the
 *                                 IPC ingress; without input= the engine then reads no
 *                                 JSON Lines and runs until a signal (default: none)
 *   countersDir=/dev/shm/me       counters.dat goes here      (default: CountersFileDescriptor.defaultDirectory())
 *   input=scenario.jsonl          JSON Lines inputs; - or absent: standard input
 *   cpuJournal=2                  CPU hints: recorded and printed, threads are not pinned yet
 *   cpuProcessor=3
 *   cpuIngress=4
 * </pre>
 * Relative paths are resolved against the configuration file's directory, so a configuration
 * means the same wherever the engine is started from. Numbers may use {@code _} between
 * digits.
 */
public final class EngineConfig
{
    /** The {@link #input()} of a configuration that reads standard input. */
    public static final Path STANDARD_INPUT = Path.of("-");

    /** A CPU hint that was not given. */
    public static final int NO_CPU = -1;

    /** Every key the file may hold, in the order they are printed. */
    public static final List<String> KEYS = List.of(
        "maxAccounts", "maxInstruments", "maxPositionsPerAccount", "maxSources", "insuranceFundAccount", "ringSize",
        "waitStrategy", "consumerThreads", "surveillance", "triggerSlackPermille", "dataDir", "journalDir", "snapshotDir", "snapshotIntervalInputs", "snapshotIntervalNs", "snapshotsKept",
        "outputDir", "countersDir", "input", "ingressQueue", "cpuJournal", "cpuProcessor", "cpuIngress");

    /**
     * Name of the file, in the data directory, holding the effective configuration of the
     * engine that last started on it ({@link #effectiveProperties()}): the capacities a replay
     * of its journal needs.
     */
    public static final String EFFECTIVE_FILE = "engine-effective.properties";

    /** The {@code snapshotDir} value that turns snapshots off. */
    public static final String NO_SNAPSHOTS = "none";

    private static final String WHOLE_NUMBER = "a whole number (digits, _ allowed between them)";

    private final Context context = new Context();
    private final Set<String> given = new TreeSet<>();
    private final Path baseDirectory;
    private Path dataDir;
    private Path snapshotDir;
    private Path journalDir;
    private Path outputDir;
    private Path countersDir = CountersFileDescriptor.defaultDirectory();
    private Path input = STANDARD_INPUT;
    private Path ingressQueue;
    private int cpuJournal = NO_CPU;
    private int cpuProcessor = NO_CPU;
    private int cpuIngress = NO_CPU;

    private EngineConfig(final Path baseDirectory)
    {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        dataDir = this.baseDirectory.resolve("data");
        outputDir = this.baseDirectory.resolve("out");
    }

    /**
     * Reads and checks a configuration file.
     *
     * @param file the file, Java properties format.
     * @return the checked configuration.
     * @throws IllegalArgumentException with a sentence starting with the file's name, when the
     *                                  file is missing or a setting is unknown or invalid.
     */
    public static EngineConfig load(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw new IllegalArgumentException("config file " + file + " does not exist or is not a file");
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("config file " + file + " cannot be read: " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("config file " + file + " is not in Java properties format: " + ex.getMessage(), ex);
        }
        final Path parent = file.toAbsolutePath().getParent();
        try
        {
            return parse(properties, parent);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("config file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Checks settings given as properties.
     *
     * @param properties    the settings.
     * @param baseDirectory what relative paths are resolved against.
     * @return the checked configuration.
     * @throws IllegalArgumentException naming the first unknown or invalid setting, its value
     *                                  and what was expected.
     */
    public static EngineConfig parse(final Properties properties, final Path baseDirectory)
    {
        final EngineConfig config = new EngineConfig(baseDirectory);
        final Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
        for (final String key : keys)
        {
            if (!KEYS.contains(key))
            {
                throw new IllegalArgumentException("setting " + key + " is unknown: expected one of " + String.join(", ", KEYS));
            }
        }
        for (final String key : KEYS)
        {
            if (keys.contains(key))
            {
                config.apply(key, properties.getProperty(key).trim());
                config.given.add(key);
            }
        }
        if (!config.given.contains("journalDir"))
        {
            config.journalDir = QueueDirectories.inputJournal(config.dataDir);
        }
        if (!config.given.contains("snapshotDir"))
        {
            config.snapshotDir = config.dataDir.resolve("snapshots");
        }
        config.context.snapshotDirectory(config.snapshotDir);
        config.context.conclude();
        if (!STANDARD_INPUT.equals(config.input) && !Files.isRegularFile(config.input))
        {
            throw new IllegalArgumentException("setting input = " + properties.getProperty("input").trim() +
                " is invalid: expected an existing file or - for standard input (" + config.input + " is not a file)");
        }
        return config;
    }

    private void apply(final String key, final String value)
    {
        if (value.isEmpty())
        {
            throw new IllegalArgumentException("setting " + key + " is empty: expected a value or no line for it");
        }
        switch (key)
        {
            case "maxAccounts" -> context.maxAccounts(intValue(key, value));
            case "maxInstruments" -> context.maxInstruments(intValue(key, value));
            case "maxPositionsPerAccount" -> context.maxPositionsPerAccount(intValue(key, value));
            case "maxSources" -> context.maxSources(intValue(key, value));
            case "insuranceFundAccount" -> context.insuranceFundAccount(longValue(key, value));
            case "ringSize" -> context.ringSize(intValue(key, value));
            case "waitStrategy" -> context.waitStrategy(value);
            case "consumerThreads" -> context.consumerThreads(intValue(key, value));
            case "surveillance" -> context.surveillance(surveillanceValue(key, value));
            case "triggerSlackPermille" -> context.triggerSlackPermille(intValue(key, value));
            case "dataDir" -> dataDir = baseDirectory.resolve(value).normalize();
            case "journalDir" -> journalDir = baseDirectory.resolve(value).normalize();
            case "snapshotDir" -> snapshotDir = NO_SNAPSHOTS.equals(value) ? null : baseDirectory.resolve(value).normalize();
            case "snapshotIntervalInputs" -> context.snapshotIntervalInputs(longValue(key, value));
            case "snapshotIntervalNs" -> context.snapshotIntervalNs(longValue(key, value));
            case "snapshotsKept" -> context.snapshotsKept(intValue(key, value));
            case "outputDir" -> outputDir = baseDirectory.resolve(value).normalize();
            case "countersDir" -> countersDir = baseDirectory.resolve(value).normalize();
            case "input" -> input = "-".equals(value) ? STANDARD_INPUT : baseDirectory.resolve(value).normalize();
            case "ingressQueue" -> ingressQueue = baseDirectory.resolve(value).normalize();
            case "cpuJournal" -> cpuJournal = cpuValue(key, value);
            case "cpuProcessor" -> cpuProcessor = cpuValue(key, value);
            case "cpuIngress" -> cpuIngress = cpuValue(key, value);
            default -> throw new IllegalStateException("setting " + key + " is listed in KEYS but not applied");
        }
    }

    private static long longValue(final String key, final String value)
    {
        try
        {
            return Long.parseLong(withoutUnderscores(key, value));
        }
        catch (final NumberFormatException ex)
        {
            throw invalid(key, value, WHOLE_NUMBER);
        }
    }

    private static int intValue(final String key, final String value)
    {
        final long number = longValue(key, value);
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)
        {
            throw invalid(key, value, "a whole number of at most " + Integer.MAX_VALUE);
        }
        return (int)number;
    }

    private static Surveillance surveillanceValue(final String key, final String value)
    {
        return switch (value.toLowerCase(Locale.ROOT))
        {
            case "indexed" -> Surveillance.INDEXED;
            case "plain" -> Surveillance.PLAIN;
            default -> throw invalid(key, value, "indexed or plain");
        };
    }

    private static int cpuValue(final String key, final String value)
    {
        final long cpu;
        try
        {
            cpu = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw invalid(key, value, "a CPU number, 0 or more");
        }
        if (cpu < 0 || cpu > 65_535)
        {
            throw invalid(key, value, "a CPU number between 0 and 65,535");
        }
        return (int)cpu;
    }

    private static String withoutUnderscores(final String key, final String value)
    {
        if (value.startsWith("_") || value.endsWith("_") || value.contains("__"))
        {
            throw invalid(key, value, WHOLE_NUMBER);
        }
        return value.replace("_", "");
    }

    private static IllegalArgumentException invalid(final String key, final String value, final String expected)
    {
        return new IllegalArgumentException("setting " + key + " = " + value + " is invalid: expected " + expected);
    }

    /** @return the engine's capacities, ring and wait strategy, concluded. */
    public Context context()
    {
        return context;
    }

    /** @return the engine data directory. */
    public Path dataDir()
    {
        return dataDir;
    }

    /** @return the input journal's directory. */
    public Path journalDir()
    {
        return journalDir;
    }

    /** @return the output queue's directory: {@code output-queue} in the data directory. */
    public Path outputQueueDir()
    {
        return QueueDirectories.outputQueue(dataDir);
    }

    /** @return the snapshot directory, or null when snapshots are off. */
    public Path snapshotDir()
    {
        return snapshotDir;
    }

    /** @return where {@code outputs.jsonl} is written. */
    public Path outputDir()
    {
        return outputDir;
    }

    /** @return where {@code counters.dat} is written. */
    public Path countersDir()
    {
        return countersDir;
    }

    /**
     * @return the queue a matching engine in another process writes inputs to (tailed by the
     * IPC ingress), or null when there is none.
     */
    public Path ingressQueue()
    {
        return ingressQueue;
    }

    /** @return true when the file set {@code input}: with an ingress queue, JSON Lines are read only then. */
    public boolean inputGiven()
    {
        return given.contains("input");
    }

    /** @return the JSON Lines input file, or {@link #STANDARD_INPUT}. */
    public Path input()
    {
        return input;
    }

    /** @return the CPU hinted for the journal thread, or {@link #NO_CPU}. */
    public int cpuJournal()
    {
        return cpuJournal;
    }

    /** @return the CPU hinted for the processor thread, or {@link #NO_CPU}. */
    public int cpuProcessor()
    {
        return cpuProcessor;
    }

    /** @return the CPU hinted for the ingress thread, or {@link #NO_CPU}. */
    public int cpuIngress()
    {
        return cpuIngress;
    }

    /**
     * Every setting with its effective value, one a line, in {@link #KEYS} order; those the
     * file did not give are marked as defaults.
     *
     * @return the lines.
     */
    public List<String> describe()
    {
        final List<String> lines = new ArrayList<>(KEYS.size());
        for (final String key : KEYS)
        {
            lines.add(String.format("%-24s %s%s", key, valueOf(key), given.contains(key) ? "" : "  (default)"));
        }
        return lines;
    }

    private String valueOf(final String key)
    {
        return switch (key)
        {
            case "maxAccounts" -> Integer.toString(context.maxAccounts());
            case "maxInstruments" -> Integer.toString(context.maxInstruments());
            case "maxPositionsPerAccount" -> Integer.toString(context.maxPositionsPerAccount());
            case "maxSources" -> Integer.toString(context.maxSources());
            case "insuranceFundAccount" -> Long.toString(context.insuranceFundAccount());
            case "ringSize" -> Integer.toString(context.ringSize());
            case "waitStrategy" -> context.waitStrategy();
            case "consumerThreads" -> Integer.toString(context.consumerThreads());
            case "surveillance" -> context.surveillance().name().toLowerCase(Locale.ROOT);
            case "triggerSlackPermille" -> Integer.toString(context.triggerSlackPermille());
            case "dataDir" -> dataDir.toString();
            case "journalDir" -> journalDir.toString();
            case "snapshotDir" -> snapshotDir == null ? NO_SNAPSHOTS : snapshotDir.toString();
            case "snapshotIntervalInputs" -> Long.toString(context.snapshotIntervalInputs());
            case "snapshotIntervalNs" -> Long.toString(context.snapshotIntervalNs());
            case "snapshotsKept" -> Integer.toString(context.snapshotsKept());
            case "outputDir" -> outputDir.toString();
            case "countersDir" -> countersDir.toString();
            case "input" -> STANDARD_INPUT.equals(input) ? "- (standard input)" : input.toString();
            case "ingressQueue" -> ingressQueue == null ? "none" : ingressQueue.toString();
            case "cpuJournal" -> cpu(cpuJournal);
            case "cpuProcessor" -> cpu(cpuProcessor);
            case "cpuIngress" -> cpu(cpuIngress);
            default -> throw new IllegalStateException("setting " + key + " is listed in KEYS but not described");
        };
    }

    /**
     * The effective configuration in this file's own format: every setting with the value in
     * force (defaults included, paths absolute), except {@code input}, which need not exist
     * any more when the file is read, and the settings that are off. {@link #load} reads it
     * back to the same engine: a replay of the journal uses it for the same capacities.
     *
     * @return the lines of the file, comments first.
     */
    public List<String> effectiveProperties()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("# the effective configuration of the engine that last started on this data directory");
        lines.add("# (written at each start; EngineConfig reads it back; input= is left out)");
        for (final String key : KEYS)
        {
            final boolean off = "input".equals(key) || ("ingressQueue".equals(key) && ingressQueue == null) ||
                (key.startsWith("cpu") && "none".equals(valueOf(key)));
            if (!off)
            {
                final String value = key.startsWith("cpu") ? valueOf(key).split(" ")[0] : valueOf(key);
                lines.add(key + "=" + value.replace("\\", "\\\\"));
            }
        }
        return lines;
    }

    /**
     * Writes {@link #effectiveProperties()} to {@link #EFFECTIVE_FILE} in the data directory
     * (created when missing), replacing the file atomically.
     *
     * @return the file.
     * @throws UncheckedIOException when it cannot be written.
     */
    public Path writeEffectiveProperties()
    {
        final Path file = dataDir.resolve(EFFECTIVE_FILE);
        try
        {
            Files.createDirectories(dataDir);
            final Path temp = dataDir.resolve(EFFECTIVE_FILE + ".tmp");
            Files.write(temp, effectiveProperties(), StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("the effective configuration cannot be written to " + file + ": " + ex.getMessage(), ex);
        }
        return file;
    }

    private static String cpu(final int cpu)
    {
        return cpu == NO_CPU ? "none" : cpu + " (hint only: threads are not pinned yet)";
    }
}
