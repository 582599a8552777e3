package io.marginengine.replay;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import io.marginengine.journal.QueueDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exit statuses: bad arguments are 2 with a sentence, a damaged journal 3, help 0.
 */
class UsageTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"replay", "dump", "explain", "what-if", "state"})
    void everyCommandHasHelpWithItsExitCodes(final String command)
    {
        final Tool tool = Tool.run(command, "--help");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        assertTrue(tool.out().contains("Usage: replay.sh " + command), tool::toString);
        assertTrue(tool.out().contains("Exit codes:"), tool::toString);
        assertTrue(tool.out().contains("--quiet"), tool::toString);
    }

    @Test
    void noCommand()
    {
        final Tool tool = Tool.run();
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().startsWith("no command given: expected one of replay, dump, explain, what-if, state"), tool::toString);
    }

    @Test
    void badArgumentsAreSentences()
    {
        final Path data = RecordedRun.record("04_margin_call_cured_by_deposit", dir.resolve("data"));
        expectUsage(Tool.run("replay"), "no journal named: give an engine data directory");
        expectUsage(Tool.run("replay", dir.resolve("nowhere")), "data directory " + dir.resolve("nowhere") + " does not exist");
        expectUsage(Tool.run("replay", dir), "directory " + dir + " is neither an engine data directory");
        expectUsage(Tool.run("replay", data, "--to", "12x"), "'12x' is not a point in the journal: expected a journal index");
        expectUsage(Tool.run("replay", data, "--bogus"), "Unknown option: '--bogus'");
        expectUsage(Tool.run("state", data), "Missing required option: '--at=INDEX|TIME'");
        expectUsage(Tool.run("explain", data, "--account", "seven"), "Invalid value for option '--account'");
        expectUsage(Tool.run("replay", QueueDirectories.inputJournal(data), "--verify"), "--verify needs the recorded output queue");
        expectUsage(Tool.run("what-if", data, "--params", dir.resolve("none.json")), "params file " + dir.resolve("none.json") +
            " does not exist");
    }

    @Test
    void aJournalDirectoryWorksWithoutItsDataDirectory()
    {
        final Path data = RecordedRun.record("04_margin_call_cured_by_deposit", dir.resolve("data"));
        final Tool tool = Tool.run("replay", QueueDirectories.inputJournal(data), "--verify", "--outputs", data);
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
    }

    @Test
    void aDamagedJournalIsExitThree()
    {
        final Path data = RecordedRun.record("04_margin_call_cured_by_deposit", dir.resolve("data"));
        // a document too short to hold a record header: no journal writer writes one
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(QueueDirectories.inputJournal(data))
            .rollCycle(RollCycles.FAST_DAILY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext context = appender.writingDocument())
            {
                context.wire().bytes().write(new byte[10]);
            }
        }
        for (final String command : new String[] {"replay", "dump"})
        {
            final Tool tool = Tool.run(command, data);
            assertEquals(ExitCodes.DAMAGED, tool.exitCode(), tool::toString);
            assertTrue(tool.err().startsWith("journal " + QueueDirectories.inputJournal(data) + " cannot be "), tool::toString);
            assertTrue(tool.err().contains("has 10 bytes where a record header of 28 bytes was expected"), tool::toString);
        }
    }

    private static void expectUsage(final Tool tool, final String sentence)
    {
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().contains(sentence), tool::toString);
        assertTrue(Files.exists(Path.of(".")));
    }
}
