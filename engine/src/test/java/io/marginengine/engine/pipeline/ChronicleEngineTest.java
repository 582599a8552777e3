package io.marginengine.engine.pipeline;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.marginengine.engine.testkit.DemoScenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine with its real Chronicle Queue journal and output queue: what the journal holds
 * is exactly the inputs, in order, with dense indexes; the output queue holds exactly the
 * outputs of the processor alone; replaying the journal through a fresh processor gives the
 * same outputs again; a restarted journal continues the numbering.
 */
class ChronicleEngineTest
{
    private static List<String> textOf(final Path queue) throws Exception
    {
        final List<String> texts = new ArrayList<>();
        final JsonOutputWriter writer = new JsonOutputWriter();
        try (JournalReader reader = new JournalReader(queue))
        {
            while (reader.poll((index, time, buffer, offset, length) ->
            {
                final StringBuilder text = new StringBuilder();
                writer.write(buffer, offset, text);
                texts.add(text.toString());
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return texts;
    }

    @ParameterizedTest(name = "{0} consumer thread(s)")
    @ValueSource(ints = {2, 1})
    void journalAndOutputQueueHoldExactlyWhatWasProcessed(final int consumerThreads, @TempDir final Path dir) throws Exception
    {
        final List<String> lines = DemoScenario.lines();
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

        final List<String> expected = new ArrayList<>();
        final JsonOutputWriter writer = new JsonOutputWriter();
        final MarginProcessor alone = new MarginProcessor(new Context(), (b, o, l) ->
        {
            final StringBuilder text = new StringBuilder();
            writer.write(b, o, text);
            expected.add(text.toString());
        });
        long index = 0;
        for (final String line : lines)
        {
            alone.onInput(index++, buffer, 0, encoder.encode(line, buffer, 0));
        }

        final Path inputs = QueueDirectories.inputJournal(dir);
        final Path outputs = QueueDirectories.outputQueue(dir);
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(16).consumerThreads(consumerThreads),
            new ChronicleInputJournal(new JournalWriter(inputs)), new OutputQueueSink(new JournalWriter(outputs)));
        for (final String line : lines)
        {
            engine.publisher().publish(buffer, 0, encoder.encode(line, buffer, 0));
        }
        engine.close();

        final List<byte[]> journaled = new ArrayList<>();
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = new JournalReader(inputs))
        {
            while (reader.poll((i, time, b, o, l) ->
            {
                final byte[] copy = new byte[l];
                b.getBytes(o, copy);
                journaled.add(copy);
                indexes.add(i);
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        assertEquals(lines.size(), journaled.size());
        for (int i = 0; i < lines.size(); i++)
        {
            assertEquals(i, indexes.get(i).longValue());
            final int length = encoder.encode(lines.get(i), buffer, 0);
            final byte[] want = new byte[length];
            buffer.getBytes(0, want);
            assertArrayEquals(want, journaled.get(i), "journal record " + i);
        }
        assertEquals(expected, textOf(outputs));

        final List<String> replayed = new ArrayList<>();
        final MarginProcessor replay = new MarginProcessor(new Context(), (b, o, l) ->
        {
            final StringBuilder text = new StringBuilder();
            writer.write(b, o, text);
            replayed.add(text.toString());
        });
        try (JournalReader reader = new JournalReader(inputs))
        {
            while (reader.poll((i, time, b, o, l) -> replay.onInput(i, b, o, l), 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        assertEquals(expected, replayed, "replaying the journal gives the same outputs");

        try (JournalWriter reopened = new JournalWriter(inputs))
        {
            assertEquals(lines.size(), reopened.nextJournalIndex(), "a restarted journal continues the numbering");
        }
    }
}
