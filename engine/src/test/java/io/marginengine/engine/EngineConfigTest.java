package io.marginengine.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's configuration file: what it accepts, and the sentences that refuse the rest.
 */
class EngineConfigTest
{
    @TempDir
    Path dir;

    @Test
    void appliesEverySettingAndResolvesPathsAgainstTheFilesDirectory() throws Exception
    {
        Files.writeString(dir.resolve("in.jsonl"), "");
        final EngineConfig config = EngineConfig.load(write(
            "# comment",
            "maxAccounts = 100_000",
            "maxInstruments=20",
            "maxPositionsPerAccount=8",
            "maxSources=4",
            "insuranceFundAccount=9",
            "ringSize=1024",
            "waitStrategy=yielding ",
            "consumerThreads=1",
            "surveillance=PLAIN",
            "triggerSlackPermille=300",
            "dataDir=d",
            "journalDir=j",
            "snapshotDir=s",
            "snapshotIntervalInputs=5_000",
            "snapshotIntervalNs=60_000_000_000",
            "snapshotsKept=7",
            "outputDir=o/p",
            "countersDir=/tmp/abs-counters",
            "input=in.jsonl",
            "ingressQueue=q",
            "cpuJournal=1",
            "cpuProcessor=2",
            "cpuIngress=3"));
        final Context context = config.context();
        assertTrue(context.isConcluded());
        assertEquals(100_000, context.maxAccounts());
        assertEquals(20, context.maxInstruments());
        assertEquals(8, context.maxPositionsPerAccount());
        assertEquals(4, context.maxSources());
        assertEquals(9, context.insuranceFundAccount());
        assertEquals(1024, context.ringSize());
        assertEquals("yielding", context.waitStrategy());
        assertEquals(1, context.consumerThreads());
        assertEquals(Surveillance.PLAIN, context.surveillance());
        assertEquals(300, context.triggerSlackPermille());
        assertEquals(dir.resolve("d"), config.dataDir());
        assertEquals(dir.resolve("d/output-queue"), config.outputQueueDir());
        assertEquals(dir.resolve("j"), config.journalDir());
        assertEquals(dir.resolve("s"), config.snapshotDir());
        assertEquals(dir.resolve("s"), context.snapshotDirectory());
        assertEquals(5_000, context.snapshotIntervalInputs());
        assertEquals(60_000_000_000L, context.snapshotIntervalNs());
        assertEquals(7, context.snapshotsKept());
        assertEquals(dir.resolve("o/p"), config.outputDir());
        assertEquals(Path.of("/tmp/abs-counters"), config.countersDir());
        assertEquals(dir.resolve("in.jsonl"), config.input());
        assertEquals(dir.resolve("q"), config.ingressQueue());
        assertEquals(1, config.cpuJournal());
        assertEquals(2, config.cpuProcessor());
        assertEquals(3, config.cpuIngress());
        assertEquals(EngineConfig.KEYS.size(), config.describe().size());
        assertTrue(config.describe().stream().noneMatch(line -> line.endsWith("(default)")), "every setting was given");
    }

    @Test
    void anEmptyFileMeansTheDefaults() throws Exception
    {
        final EngineConfig config = EngineConfig.load(write());
        assertEquals(new Context().ringSize(), config.context().ringSize());
        assertEquals(EngineConfig.STANDARD_INPUT, config.input());
        assertEquals(dir.resolve("out"), config.outputDir());
        assertEquals(dir.resolve("data"), config.dataDir());
        assertEquals(dir.resolve("data/input-journal"), config.journalDir());
        assertEquals(dir.resolve("data/output-queue"), config.outputQueueDir());
        assertEquals(dir.resolve("data/snapshots"), config.snapshotDir());
        assertEquals(1_000_000, config.context().snapshotIntervalInputs());
        assertEquals(300_000_000_000L, config.context().snapshotIntervalNs());
        assertEquals(3, config.context().snapshotsKept());
        assertEquals(EngineConfig.NO_CPU, config.cpuProcessor());
        assertTrue(config.describe().stream().allMatch(line -> line.endsWith("(default)")));
    }

    @Test
    void refusesAnUnknownKeyNamingIt() throws Exception
    {
        final Path file = write("maxAcounts=10");
        assertEquals("config file " + file + ": setting maxAcounts is unknown: expected one of maxAccounts, maxInstruments, " +
            "maxPositionsPerAccount, maxSources, insuranceFundAccount, ringSize, waitStrategy, consumerThreads, surveillance, " +
            "triggerSlackPermille, dataDir, journalDir, " +
            "snapshotDir, snapshotIntervalInputs, snapshotIntervalNs, snapshotsKept, outputDir, " +
            "countersDir, input, ingressQueue, cpuJournal, cpuProcessor, cpuIngress", refusal(file));
    }

    @Test
    void snapshotDirNoneTurnsSnapshotsOff() throws Exception
    {
        final EngineConfig config = EngineConfig.load(write("snapshotDir=none"));
        assertEquals(null, config.snapshotDir());
        assertEquals(null, config.context().snapshotDirectory());
        assertRefused("setting snapshotsKept = 0 is invalid: expected between 1 and 1,000", "snapshotsKept=0");
        assertRefused("setting snapshotIntervalNs = -1 is invalid: expected 0 (off) or more", "snapshotIntervalNs=-1");
    }

    @Test
    void surveillanceAndTriggerSlackAreSettings() throws Exception
    {
        final Context context = EngineConfig.load(write("surveillance=plain", "triggerSlackPermille=0")).context();
        assertEquals(Surveillance.PLAIN, context.surveillance());
        assertEquals(0, context.triggerSlackPermille());
        assertEquals(Surveillance.INDEXED, EngineConfig.load(write("maxAccounts=10")).context().surveillance());
        assertEquals(125, EngineConfig.load(write("maxAccounts=10")).context().triggerSlackPermille());
        assertRefused("setting surveillance = scan is invalid: expected indexed or plain", "surveillance=scan");
        assertRefused("setting consumerThreads = 3 is invalid: expected 1 or 2", "consumerThreads=3");
        assertRefused("setting triggerSlackPermille = 901 is invalid: expected between 0 and 900 thousandths",
            "triggerSlackPermille=901");
    }

    /** The effective configuration reads back to the same settings, defaults spelled out, input left out. */
    @Test
    void theEffectiveConfigurationReadsBackToTheSameSettings() throws Exception
    {
        Files.writeString(dir.resolve("in.jsonl"), "");
        final EngineConfig config = EngineConfig.load(write("maxAccounts=77", "input=in.jsonl", "ingressQueue=q",
            "cpuProcessor=2", "dataDir=elsewhere/d", "snapshotsKept=4"));
        final Path file = config.writeEffectiveProperties();
        assertEquals(dir.resolve("elsewhere/d/" + EngineConfig.EFFECTIVE_FILE), file);
        final EngineConfig again = EngineConfig.load(file);
        final List<String> expected = new java.util.ArrayList<>();
        for (final String line : config.describe())
        {
            expected.add(line.replace("  (default)", "").replace(" (hint only: threads are not pinned yet)", ""));
        }
        final List<String> actual = new java.util.ArrayList<>();
        for (final String line : again.describe())
        {
            actual.add(line.replace("  (default)", "").replace(" (hint only: threads are not pinned yet)", ""));
        }
        expected.removeIf(line -> line.startsWith("input "));
        actual.removeIf(line -> line.startsWith("input "));
        assertEquals(expected, actual);
        assertEquals(77, again.context().maxAccounts());
        assertTrue(again.describe().stream().filter(line -> !line.startsWith("input ") && !line.startsWith("cpuJ") &&
            !line.startsWith("cpuI")).noneMatch(line -> line.endsWith("(default)")), "every setting is spelled out");
    }

    @Test
    void refusesBadValuesNamingKeyValueAndExpectation() throws Exception
    {
        assertRefused("setting ringSize = 1k is invalid: expected a whole number (digits, _ allowed between them)", "ringSize=1k");
        assertRefused("setting maxAccounts = 1__000 is invalid: expected a whole number (digits, _ allowed between them)",
            "maxAccounts=1__000");
        assertRefused("setting maxAccounts = 9999999999 is invalid: expected a whole number of at most 2147483647",
            "maxAccounts=9999999999");
        assertRefused("setting cpuProcessor = -1 is invalid: expected a CPU number between 0 and 65,535", "cpuProcessor=-1");
        assertRefused("setting cpuIngress = two is invalid: expected a CPU number, 0 or more", "cpuIngress=two");
        assertRefused("setting outputDir is empty: expected a value or no line for it", "outputDir=");
        assertRefused("setting input = nope.jsonl is invalid: expected an existing file or - for standard input (" +
            dir.resolve("nope.jsonl") + " is not a file)", "input=nope.jsonl");
    }

    @Test
    void refusesWhatContextConcludeRefuses() throws Exception
    {
        assertRefused("setting ringSize = 1000 is invalid: expected a power of two between 2 and 16,777,216", "ringSize=1000");
        assertRefused("setting maxAccounts = 1 is invalid: expected between 2 and 50,000,000", "maxAccounts=1");
        assertRefused("setting waitStrategy = spin is invalid: expected blocking, sleeping, yielding or busy-spin",
            "waitStrategy=spin");
    }

    @Test
    void theEngineRefusesABadConfigWithExitStatus2AndTheSentence() throws Exception
    {
        final Path file = write("ringSize=3");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new EngineMain().run(new String[] {file.toString()}, System.in,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("engine not started: config file " + file +
            ": setting ringSize = 3 is invalid: expected a power of two between 2 and 16,777,216",
            err.toString(StandardCharsets.UTF_8).strip());

        final ByteArrayOutputStream missing = new ByteArrayOutputStream();
        assertEquals(2, new EngineMain().run(new String[] {dir.resolve("none.properties").toString()}, System.in, System.out,
            new PrintStream(missing, true, StandardCharsets.UTF_8)));
        assertEquals("engine not started: config file " + dir.resolve("none.properties") + " does not exist or is not a file",
            missing.toString(StandardCharsets.UTF_8).strip());
    }

    private void assertRefused(final String sentence, final String... lines) throws Exception
    {
        final Path file = write(lines);
        assertEquals("config file " + file + ": " + sentence, refusal(file));
    }

    private static String refusal(final Path file)
    {
        return assertThrows(IllegalArgumentException.class, () -> EngineConfig.load(file)).getMessage();
    }

    private Path write(final String... lines) throws Exception
    {
        final Path file = Files.createTempFile(dir, "engine", ".properties");
        Files.write(file, List.of(lines));
        return file;
    }
}
