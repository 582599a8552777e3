package io.marginengine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer process dies with a document open (a batch not committed, or a record half
 * written). Its whole records are all delivered, the cut-short ones never; a new writer
 * resumes the numbering after the last whole record, writes over the remains, and readers,
 * including one that was tailing, see exactly the whole records and the new ones.
 */
@Tag("fork")
class JournalCrashTest
{
    private static final int WHOLE = 40;

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(strings = {"open-batch", "half-record"})
    void aRecordCutShortByACrashIsNeverDelivered(final String crash) throws IOException, InterruptedException
    {
        crashAWriter(crash);
        final List<byte[]> messages = TestMessages.inputs(WHOLE + 2);
        final List<byte[]> afterRestart = TestMessages.inputs(WHOLE + 5).subList(WHOLE + 3, WHOLE + 5);

        try (JournalReader tailing = new JournalReader(directory))
        {
            final RecordCollector collector = new RecordCollector().drain(tailing);
            assertEquals(WHOLE, collector.size(), "every whole record, nothing of the cut-short document");
            for (int i = 0; i < WHOLE; i++)
            {
                assertEquals(i, collector.indexes.get(i));
                assertEquals(i, collector.receiveTimes.get(i));
                assertArrayEquals(messages.get(i), collector.messages.get(i));
            }
            assertEquals(WHOLE - 1, tailing.lastJournalIndex());
            assertEquals(0, tailing.poll(collector, 10), "polling again finds nothing and does not wait");

            final long opening = System.nanoTime();
            try (JournalWriter writer = new JournalWriter(directory))
            {
                assertEquals(WHOLE, writer.nextJournalIndex(), "numbering resumes after the last whole record");
                for (int i = 0; i < afterRestart.size(); i++)
                {
                    final byte[] message = afterRestart.get(i);
                    assertEquals(WHOLE + i, writer.append(new UnsafeBuffer(message), 0, message.length, 100 + i));
                }
            }
            System.out.printf("crash '%s': reopening the writer and appending took %d ms%n",
                crash, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opening));

            collector.drain(tailing);
            assertEquals(WHOLE + 2, collector.size(), "the tailing reader sees the new records");
            assertArrayEquals(afterRestart.get(0), collector.messages.get(WHOLE));
            assertArrayEquals(afterRestart.get(1), collector.messages.get(WHOLE + 1));
        }
        try (JournalReader fromStart = new JournalReader(directory))
        {
            final RecordCollector collector = new RecordCollector().drain(fromStart);
            assertEquals(WHOLE + 2, collector.size());
            for (int i = 0; i < WHOLE + 2; i++)
            {
                assertEquals(i, collector.indexes.get(i), "dense indexes after the restart");
            }
            assertEquals(List.of(100L, 101L), collector.receiveTimes.subList(WHOLE, WHOLE + 2));
        }
    }

    private void crashAWriter(final String crash) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashingWriter.class.getName());
        command.add(directory.toString());
        command.add(Integer.toString(WHOLE));
        command.add(crash);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exited, "the crashing writer did not exit: " + output);
        assertEquals(CrashingWriter.CRASHED, process.exitValue(), "the writer died elsewhere than planned: " + output);
    }
}
