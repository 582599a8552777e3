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
}
