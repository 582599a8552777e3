package io.marginengine.engine.ingress;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marginengine.engine.testkit.DemoScenario;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IPC ingress: inputs written by a second JVM into an ingress queue give exactly the
 * outputs of in-process publishing; a restarted ingress resumes after the last position the
 * journal holds, so every ingress input is journaled exactly once.
 */
class IpcIngressTest
{
    private static void drain(final IpcIngressAdapter ingress, final long inputs)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ingress.published() < inputs && System.nanoTime() < deadline)
        {
            if (ingress.doWork() == 0)
            {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void inputsFromASecondJvmGiveTheSameOutputsAsInProcessPublishing(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = DemoScenario.lines();
        final Path file = dir.resolve("inputs.jsonl");
        Files.write(file, lines);
        final Path ingressQueue = dir.resolve("ingress");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(IngressWriterMain.class.getName());
        command.add(ingressQueue.toString());
        command.add(file.toString());
        final Process writer = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve("writer.log").toFile()).start();
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "the writer process finished");
        assertEquals(0, writer.exitValue(), Files.readString(dir.resolve("writer.log")));

        final List<String> outputs = new ArrayList<>();
        final JsonOutputWriter json = new JsonOutputWriter();
        final MarginEngine engine = MarginEngine.launch(new Context(),
            new ChronicleInputJournal(new JournalWriter(QueueDirectories.inputJournal(dir))), (b, o, l) ->
            {
                final StringBuilder text = new StringBuilder();
                json.write(b, o, text);
                outputs.add(text.toString());
            });
        try (IpcIngressAdapter ingress = new IpcIngressAdapter(ingressQueue, 0, engine.publisher()))
        {
            drain(ingress, lines.size());
        }
        engine.close();
        assertEquals(DemoScenario.outputsOfProcessorAlone(lines), outputs);
    }

    @Test
    void restartedIngressResumesWithoutRereadingOrSkipping(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = DemoScenario.lines();
        final Path ingressQueue = dir.resolve("ingress");
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        try (JournalWriter writer = new JournalWriter(ingressQueue))
        {
            for (final String line : lines)
            {
                writer.append(buffer, 0, encoder.encode(line, buffer, 0), 0);
            }
        }
        final Path journal = QueueDirectories.inputJournal(dir);
        final int firstRun = 17;
        assertEquals(0, IpcIngressAdapter.resumePosition(journal));
        MarginEngine engine = MarginEngine.launch(new Context(), new ChronicleInputJournal(new JournalWriter(journal)));
        try (IpcIngressAdapter ingress = new IpcIngressAdapter(ingressQueue, 0, engine.publisher()))
        {
            while (ingress.published() < firstRun)
            {
                ingress.poll(firstRun - (int)ingress.published());
            }
        }
        engine.close();

        final long resume = IpcIngressAdapter.resumePosition(journal);
        assertEquals(firstRun, resume);
        engine = MarginEngine.launch(new Context(), new ChronicleInputJournal(new JournalWriter(journal)));
        try (IpcIngressAdapter ingress = new IpcIngressAdapter(ingressQueue, resume, engine.publisher()))
        {
            drain(ingress, lines.size() - firstRun);
        }
        engine.close();

        final List<Long> positions = new ArrayList<>();
        try (JournalReader reader = new JournalReader(journal))
        {
            while (reader.poll((i, t, b, o, l) -> positions.add(reader.sourcePosition()), 100) > 0)
            {
                Thread.onSpinWait();
            }
        }
        final List<Long> expected = new ArrayList<>();
        for (long p = 0; p < lines.size(); p++)
        {
            expected.add(p);
        }
        assertEquals(expected, positions, "every ingress input journaled once, in order");
    }
}
