package io.marginengine.replay;

import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import io.marginengine.journal.sbe.DecimalDecoder;
import io.marginengine.journal.sbe.MarginCallDecoder;
import io.marginengine.journal.sbe.MarginCallEncoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay}: its outputs are the scenarios' hand-worked outputs; {@code --verify} passes
 * on an intact recording and names the first difference of a doctored one.
 */
class ReplayCommandTest
{
    @TempDir
    Path dir;

    static Stream<String> scenarios() throws URISyntaxException
    {
        final File folder = new File(Objects.requireNonNull(ReplayCommandTest.class.getResource("/scenarios")).toURI());
        return Arrays.stream(Objects.requireNonNull(folder.list()))
            .filter(n -> n.endsWith(".in.jsonl")).map(n -> n.substring(0, n.length() - ".in.jsonl".length())).sorted();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void replayGivesTheHandWorkedOutputsOfEveryScenario(final String scenario)
    {
        final Path data = RecordedRun.record(scenario, dir.resolve("data"));
        final Tool tool = Tool.run("replay", data, "--quiet");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        final List<String> expected = RecordedRun.lines(scenario + ".expected.jsonl");
        assertEquals(expected, RecordedRun.withWildcardReasons(expected, tool.lines()), scenario);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void verifyPassesOnEveryIntactRecording(final String scenario)
    {
        final Path data = RecordedRun.record(scenario, dir.resolve("data"));
        final Tool tool = Tool.run("replay", data, "--verify", "-q");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        final int expected = RecordedRun.lines(scenario + ".expected.jsonl").size();
        assertTrue(tool.out().contains("outputs             " + expected + " replayed, all equal to the recorded output queue"),
            tool::toString);
    }

    @Test
    void toAnIndexStopsAfterThatInput()
    {
        final Path data = RecordedRun.record("15_partial_liquidation_restores", dir.resolve("data"));
        final List<String> expected = RecordedRun.lines("15_partial_liquidation_restores.expected.jsonl").stream()
            .filter(l -> MessageText.tree(l).path("cause").asLong() <= 8).collect(Collectors.toList());
        final Tool tool = Tool.run("replay", data, "--to", 8);
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        assertEquals(expected, tool.lines());
        assertTrue(tool.err().contains("inputs              9 (index 0 to 8)"), tool::toString);
    }

    @Test
    void toATimeStopsAfterTheLastInputAtOrBeforeIt()
    {
        // scenario 05: ts 0..5, then clocks at 900000000004 and 900000000005 (inputs 6 and 7)
        final Path data = RecordedRun.record("05_margin_call_deadline_liquidation", dir.resolve("data"));
        final List<String> expected = RecordedRun.lines("05_margin_call_deadline_liquidation.expected.jsonl").subList(0, 1);
        final Tool byTs = Tool.run("replay", data, "--to", "ts=900000000004");
        assertEquals(expected, byTs.lines(), byTs::toString);
        assertTrue(byTs.err().contains("(index 0 to 6)"), byTs::toString);
        final Tool byInstant = Tool.run("replay", data, "--to", "1970-01-01T00:15:00.000000004Z");
        assertEquals(expected, byInstant.lines(), byInstant::toString);
    }

    @Test
    void summaryReportsCountsAndSpeed()
    {
        final Path data = RecordedRun.record("15_partial_liquidation_restores", dir.resolve("data"));
        final Tool tool = Tool.run("replay", data, "--summary");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        // scenario 15 worked by hand: one call, one liquidation with two orders, ten outputs
        assertTrue(tool.out().contains("inputs              13 (index 0 to 12)"), tool::toString);
        assertTrue(tool.out().contains("margin calls        1\n"), tool::toString);
        assertTrue(tool.out().contains("liquidations        1\n"), tool::toString);
        assertTrue(tool.out().contains("  liquidation_order     2\n"), tool::toString);
        assertTrue(tool.out().matches("(?s).*speed\\s+[0-9.,]+( M)? inputs/s.*"), tool::toString);
    }

    @Test
    void verifyReportsTheFirstDifferenceOfADoctoredOutputQueue() throws IOException
    {
        final String scenario = "05_margin_call_deadline_liquidation";
        final Path data = RecordedRun.record(scenario, dir.resolve("data"));
        final Path doctored = copyWithOutputs(data, dir.resolve("doctored"), 3, 0);
        final Tool tool = Tool.run("replay", doctored, "--verify");
        assertEquals(ExitCodes.DIFFERENCE, tool.exitCode(), tool::toString);
        final String handWorked = RecordedRun.lines(scenario + ".expected.jsonl").get(0);
        assertTrue(tool.out().contains("DIFFERENCE after 0 matching outputs: output 0 (caused by input 5) differs in equity"),
            tool::toString);
        assertTrue(tool.out().contains("expected (recorded) " + handWorked.replace("\"equity\":\"1400\"", "\"equity\":\"1399\"")),
            tool::toString);
        assertTrue(tool.out().contains("found (replayed)    " + handWorked), tool::toString);
    }

    @Test
    void verifyReportsAnOutputTheQueueDoesNotHold() throws IOException
    {
        final String scenario = "05_margin_call_deadline_liquidation";
        final Path data = RecordedRun.record(scenario, dir.resolve("data"));
        final Path truncated = copyWithOutputs(data, dir.resolve("truncated"), 2, -1);
        final Tool tool = Tool.run("replay", truncated, "--verify");
        assertEquals(ExitCodes.DIFFERENCE, tool.exitCode(), tool::toString);
        assertTrue(tool.out().contains("the replay produced output 2 (caused by input 8) but the recorded output queue ends before it"),
            tool::toString);
        // bounded before input 8, the truncated queue holds everything the replay produces
        assertEquals(ExitCodes.OK, Tool.run("replay", truncated, "--verify", "--to", 7).exitCode());
    }

    @Test
    void capacitiesComeFromConfigOrEngineProperties() throws IOException
    {
        // scenario 19 opens the fund and four accounts: with room for two, the live run's outputs cannot be reproduced
        final Path data = RecordedRun.record("19_expiry_adl_two_counterparties", dir.resolve("data"));
        final Path config = Files.writeString(dir.resolve("small.properties"), "maxAccounts=2\n");
        final Tool small = Tool.run("replay", data, "--verify", "--config", config);
        assertEquals(ExitCodes.DIFFERENCE, small.exitCode(), small::toString);
        assertTrue(small.out().contains("CAPACITY"), small::toString);
        Files.writeString(data.resolve("engine-effective.properties"), "maxAccounts=2\n");
        final Tool fromDataDir = Tool.run("replay", data, "--verify");
        assertEquals(ExitCodes.DIFFERENCE, fromDataDir.exitCode(), fromDataDir::toString);
        assertTrue(fromDataDir.out().contains("  from              " + data.resolve("engine-effective.properties")), fromDataDir::toString);
        Files.writeString(data.resolve("engine-effective.properties"), "maxAccounts=100\n");
        assertEquals(ExitCodes.OK, Tool.run("replay", data, "--verify").exitCode());
    }

    @Test
    void aBadConfigIsAUsageErrorNamingTheSetting() throws IOException
    {
        final Path data = RecordedRun.record("04_margin_call_cured_by_deposit", dir.resolve("data"));
        final Path config = Files.writeString(dir.resolve("bad.properties"), "maxAccounts=1\n");
        final Tool tool = Tool.run("replay", data, "--config", config);
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().contains("setting maxAccounts = 1 is invalid"), tool::toString);
    }

    @Test
    void fromSnapshotSaysWhatIsMissing()
    {
        final Path data = RecordedRun.record("04_margin_call_cured_by_deposit", dir.resolve("data"));
        final Tool tool = Tool.run("replay", data, "--from-snapshot");
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().contains("--from-snapshot: there are no snapshot files"), tool::toString);
    }

    @Test
    void verifyChecksTheDigestOfEverySnapshotAndFromSnapshotReplaysTheRest() throws IOException
    {
        final String scenario = "19_expiry_adl_two_counterparties";
        final Path data = RecordedRun.recordWithSnapshots(scenario, dir.resolve("data"), 4);
        final List<Long> indexes;
        try (Stream<Path> files = Files.list(data.resolve("snapshots")))
        {
            indexes = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("snapshot-\\d+\\.snap"))
                .map(n -> Long.parseLong(n.replaceAll("\\D", ""))).sorted().collect(Collectors.toList());
        }
        assertTrue(indexes.size() >= 2, "the engine wrote snapshots: " + indexes);

        final Tool verify = Tool.run("replay", data, "--verify", "-q");
        assertEquals(ExitCodes.OK, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("state digests       " + indexes.size() + " checked, all equal"), verify::toString);

        final long from = indexes.get(0);
        final List<String> expectedTail = RecordedRun.lines(scenario + ".expected.jsonl").stream()
            .filter(l -> MessageText.tree(l).path("cause").asLong() > from).collect(Collectors.toList());
        final Tool tail = Tool.run("replay", data, "--from-snapshot=" + from, "--quiet");
        assertEquals(ExitCodes.OK, tail.exitCode(), tail::toString);
        assertEquals(expectedTail, RecordedRun.withWildcardReasons(expectedTail, tail.lines()),
            "from snapshot " + from + " the replay gives the hand-worked outputs of the inputs after it");
    }

    @Test
    void aDamagedSnapshotIsRefusedWithASentenceAndADoctoredDigestIsADifference() throws IOException
    {
        final Path data = RecordedRun.recordWithSnapshots("19_expiry_adl_two_counterparties", dir.resolve("data"), 4);
        final Path snapshot;
        try (Stream<Path> files = Files.list(data.resolve("snapshots")))
        {
            snapshot = files.filter(p -> p.getFileName().toString().endsWith(".snap")).sorted().findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length - 1] ^= 1;
        Files.write(snapshot, bytes);
        final String name = snapshot.getFileName().toString();
        final Tool tool = Tool.run("replay", data, "--from-snapshot=" + name.replaceAll("\\D", ""), "--quiet");
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().contains("snapshot " + snapshot + " cannot be used:"), tool::toString);
    }

    /**
     * Copies a recording with its output queue rewritten: the first {@code keep} outputs,
     * the one at {@code doctor} (a margin_call) with its equity one unit lower.
     */
    private static Path copyWithOutputs(final Path data, final Path copy, final int keep, final int doctor) throws IOException
    {
        copyTree(QueueDirectories.inputJournal(data), QueueDirectories.inputJournal(copy));
        final List<byte[]> outputs = new ArrayList<>();
        try (JournalReader reader = new JournalReader(QueueDirectories.outputQueue(data)))
        {
            while (reader.poll((index, receiveTime, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                outputs.add(bytes);
            }, 100) > 0)
            {
                assertTrue(outputs.size() < 1000);
            }
        }
        try (JournalWriter writer = new JournalWriter(QueueDirectories.outputQueue(copy)))
        {
            for (int i = 0; i < keep; i++)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(outputs.get(i));
                if (i == doctor)
                {
                    final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
                    final DecimalDecoder equity = new MarginCallDecoder()
                        .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version()).equity();
                    final long lessOne = equity.mantissa() - (long)Math.pow(10, equity.scale());
                    new MarginCallEncoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH).equity().mantissa(lessOne);
                }
                writer.append(buffer, 0, buffer.capacity(), 0);
            }
        }
        return copy;
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path f : (Iterable<Path>)files::iterator)
            {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    static String read(final Path file) throws IOException
    {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
