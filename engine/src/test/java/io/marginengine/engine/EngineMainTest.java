package io.marginengine.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginengine.engine.monitor.EngineCounters;
import io.marginengine.engine.monitor.EngineCountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine process run inside the test's JVM on a tiny configuration and input file: it
 * prints its settings, writes every output, counts, and exits 0 when the input ends.
 */
class EngineMainTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void runsAnInputFileToItsEndAndExitsZero(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = new ArrayList<>(SmallScenario.LINES);
        lines.add(3, "not json at all");
        Files.write(dir.resolve("in.jsonl"), lines);
        final Path config = dir.resolve("engine.properties");
        Files.write(config, List.of("ringSize=16", "input=in.jsonl", "outputDir=out", "countersDir=counters", "cpuProcessor=1"));

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = new EngineMain().run(new String[] {config.toString()}, System.in,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        final String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains("\nringSize                 16\n"), printed);
        assertTrue(printed.contains("\nmaxAccounts              1024  (default)\n"), printed);
        assertTrue(printed.contains("\ncpuProcessor             1 (hint only: threads are not pinned yet)\n"), printed);
        assertTrue(printed.contains("\njvm flags "), printed);
        assertTrue(printed.contains("engine stopped (input ended): 11 inputs accepted, 11 journaled, 11 processed, " +
            "4 rejected, 1 margin calls, 0 liquidations, 6 outputs to " + dir.resolve("out/outputs.jsonl") +
            ", 1 lines skipped, up "), printed);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(dir.resolve("in.jsonl") + ":4: skipped: line is not JSON"),
            err.toString(StandardCharsets.UTF_8));

        final List<String> types = new ArrayList<>();
        for (final String line : Files.readAllLines(dir.resolve("out/outputs.jsonl")))
        {
            types.add(MAPPER.readTree(line).get("type").asText());
        }
        assertEquals(SmallScenario.OUTPUT_TYPES, types);

        try (EngineCountersReader counters = EngineCountersReader.open(dir.resolve("counters")))
        {
            assertEquals(SmallScenario.INPUTS, counters.value(EngineCounters.INPUTS_TYPE_ID));
            assertEquals(SmallScenario.OUTPUTS, counters.value(EngineCounters.OUTPUTS_TYPE_ID));
            assertEquals(1, counters.value(EngineCounters.INGRESS_SKIPPED_TYPE_ID));
            assertTrue(counters.stopTimeMs() > 0, "the counters show a clean stop");
        }
    }

    /**
     * Configured with only an ingress queue, the engine reads no JSON Lines and takes its
     * inputs from the queue another process writes, until asked to stop; its outputs are
     * exactly those of the processor fed the same inputs.
     */
    @Test
    void takesInputsFromTheIngressQueueUntilStopped(@TempDir final Path dir) throws Exception
    {
        final List<String> lines = io.marginengine.engine.testkit.DemoScenario.lines();
        final List<String> expected = io.marginengine.engine.testkit.DemoScenario.outputsOfProcessorAlone(lines);
        final Path config = dir.resolve("engine.properties");
        Files.write(config, List.of("ringSize=16", "outputDir=out", "countersDir=counters", "ingressQueue=ingress"));
        final EngineMain engineMain = new EngineMain();
        final int[] status = {-1};
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final Thread running = new Thread(() -> status[0] = engineMain.run(new String[] {config.toString()}, System.in,
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        running.start();

        final io.marginengine.journal.codec.JsonInputEncoder encoder = new io.marginengine.journal.codec.JsonInputEncoder();
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[1024]);
        try (io.marginengine.journal.JournalWriter writer = new io.marginengine.journal.JournalWriter(dir.resolve("ingress")))
        {
            for (final String line : lines)
            {
                writer.append(buffer, 0, encoder.encode(line, buffer, 0), 0);
            }
        }
        final Path outputQueue = io.marginengine.journal.QueueDirectories.outputQueue(dir.resolve("data"));
        final long[] seen = {0};
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (seen[0] < expected.size() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            if (Files.isDirectory(outputQueue))
            {
                seen[0] = 0;
                try (io.marginengine.journal.JournalReader reader = new io.marginengine.journal.JournalReader(outputQueue))
                {
                    int n;
                    while ((n = reader.poll((i, t, b, o, l) -> seen[0]++, 1000)) > 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }
        }
        engineMain.requestStop("test");
        running.join(30_000);

        assertEquals(0, status[0], out.toString(StandardCharsets.UTF_8));
        assertEquals(expected, Files.readAllLines(dir.resolve("out/outputs.jsonl")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("the IPC ingress " + dir.resolve("ingress")),
            out.toString(StandardCharsets.UTF_8));
    }
}
