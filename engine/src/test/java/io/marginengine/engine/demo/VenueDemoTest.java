package io.marginengine.engine.demo;

import io.marginengine.engine.egress.JsonLinesSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.QueueDirectories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job on a small venue: it must finish, journal every input it counts, and its
 * outputs (written live by the pipeline) must be exactly what the processor alone gives when
 * it replays the journal.
 */
class VenueDemoTest
{
    private static final int ACCOUNTS = 400;
    private static final int INSTRUMENTS = 6;

    @ParameterizedTest(name = "{0} consumer thread(s)")
    @ValueSource(ints = {2, 1})
    void pipelineOutputsEqualAReplayOfItsJournalByTheProcessorAlone(final int consumerThreads, @TempDir final Path dir) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = VenueDemo.run(new String[] {"--accounts", "" + ACCOUNTS, "--instruments", "" + INSTRUMENTS,
            "--steps", "120", "--seed", "7", "--dir", dir.toString(), "--no-progress", "--consumer-threads", "" + consumerThreads},
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        final String summary = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, () -> summary + err.toString(StandardCharsets.UTF_8));

        final StringWriter replayed = new StringWriter();
        final MarginProcessor processor = new MarginProcessor(VenueDemo.context(ACCOUNTS, INSTRUMENTS), new JsonLinesSink(replayed));
        long records = 0;
        try (JournalReader reader = new JournalReader(QueueDirectories.inputJournal(dir)))
        {
            int n;
            while ((n = reader.poll((index, receivedNs, buffer, offset, length) -> processor.onInput(index, buffer, offset, length), 1_000)) > 0)
            {
                records += n;
            }
        }
        assertEquals(number(summary, "inputs\\s+([\\d,]+) journaled"), records, "every input the summary counts is in the journal");

        final List<String> live = Files.readAllLines(dir.resolve("outputs.jsonl"), StandardCharsets.UTF_8);
        final List<String> again = List.of(replayed.toString().split("\n"));
        assertEquals(again.size(), live.size(), "as many outputs live as on replay");
        for (int i = 0; i < live.size(); i++)
        {
            assertEquals(again.get(i), live.get(i), "output " + i);
        }
        assertTrue(live.stream().anyMatch(l -> l.contains("\"type\":\"margin_call\"")), "the crash margin-calls someone");
        assertTrue(live.stream().anyMatch(l -> l.contains("\"type\":\"liquidation_order\"")), "and liquidates someone");
        assertTrue(live.stream().anyMatch(l -> l.contains("\"type\":\"price_stale\"")), "the silent feed goes stale");
        assertTrue(live.stream().anyMatch(l -> l.contains("\"code\":\"DUPLICATE\"")), "the retransmitted deposit is refused");
    }

    @Test
    void badFlagsAreRefusedWithASentence(@TempDir final Path dir)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = VenueDemo.run(new String[] {"--instruments", "65", "--dir", dir.toString()},
            new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("--instruments 65 is invalid: expected 1 to 64", err.toString(StandardCharsets.UTF_8).trim());
    }

    private static long number(final String text, final String regex)
    {
        final Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), () -> "no match for " + regex + " in\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
