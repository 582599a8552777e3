package io.marginengine.engine;

import io.marginengine.engine.monitor.CountersUnavailableException;
import io.marginengine.engine.monitor.EngineCounters;
import io.marginengine.engine.monitor.EngineCountersReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine as a separate JVM, started as {@code scripts/engine.sh} starts it, reading
 * standard input: its counters are read live from this JVM, and SIGTERM
 * ({@link Process#destroy()} on Linux) while inputs are still streaming in makes it stop
 * accepting, drain the ring, flush its outputs and exit 0 with its summary line.
 */
@Tag("slow")
class EngineProcessTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final int CLOCKS = 1_000_000;
    private static final Pattern SUMMARY = Pattern.compile("engine stopped \\(SIGTERM\\): (\\d+) inputs accepted, " +
        "(\\d+) journaled, (\\d+) processed, 4 rejected, 1 margin calls, 0 liquidations, (\\d+) outputs to .*");

    @Test
    void sigtermDrainsTheRingAndExitsZero(@TempDir final Path dir) throws Exception
    {
        final Path config = dir.resolve("engine.properties");
        Files.write(config, List.of("ringSize=64", "outputDir=out", "countersDir=counters"));
        final Process engine = new ProcessBuilder(command(config))
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
        try
        {
            final Writer stdin = new OutputStreamWriter(engine.getOutputStream(), StandardCharsets.UTF_8);
            for (final String line : SmallScenario.LINES)
            {
                stdin.write(line + "\n");
            }
            stdin.flush();
            awaitInputs(dir.resolve("counters"), SmallScenario.INPUTS, engine);

            final Thread feeder = new Thread(() -> streamClocks(stdin), "clock-feeder");
            feeder.setDaemon(true);
            feeder.start();
            awaitInputs(dir.resolve("counters"), SmallScenario.INPUTS + 1_000, engine);
            engine.destroy();
            assertTrue(engine.waitFor(10, TimeUnit.SECONDS), "the engine stops within 10 s of SIGTERM");
        }
        finally
        {
            engine.destroyForcibly();
        }

        final String stdout = Files.readString(dir.resolve("stdout.txt"));
        final String report = stdout + Files.readString(dir.resolve("stderr.txt"));
        assertEquals(0, engine.exitValue(), report);
        final Matcher summary = SUMMARY.matcher(stdout.lines().filter(l -> l.startsWith("engine stopped")).findFirst().orElse(""));
        assertTrue(summary.matches(), report);
        final long accepted = Long.parseLong(summary.group(1));
        assertTrue(accepted > SmallScenario.INPUTS + 1_000 && accepted < SmallScenario.INPUTS + CLOCKS,
            "stopped while inputs were streaming in: " + report);
        assertEquals(accepted, Long.parseLong(summary.group(2)), "every accepted input journaled: " + report);
        assertEquals(accepted, Long.parseLong(summary.group(3)), "every accepted input processed: " + report);
        assertEquals(SmallScenario.OUTPUTS, Long.parseLong(summary.group(4)), "clocks add no output: " + report);
        assertEquals(SmallScenario.OUTPUTS, Files.readAllLines(dir.resolve("out").resolve(EngineMain.OUTPUTS_FILE)).size());

        try (EngineCountersReader counters = EngineCountersReader.open(dir.resolve("counters")))
        {
            assertEquals(accepted, counters.value(EngineCounters.INPUTS_TYPE_ID));
            assertEquals(accepted, counters.value(EngineCounters.JOURNAL_POSITION_TYPE_ID));
            assertEquals(0, counters.value(EngineCounters.RING_OCCUPANCY_TYPE_ID), "the ring was drained");
            assertTrue(counters.engineState(System.currentTimeMillis()).contains("stopped cleanly"));
        }
    }

    /** Clocks of a source of their own, seq rising, all accepted and without output. */
    private static void streamClocks(final Writer stdin)
    {
        try
        {
            for (int seq = 1; seq <= CLOCKS; seq++)
            {
                stdin.write("{\"type\":\"clock\",\"ts\":7,\"seq\":" + seq + ",\"source\":9}\n");
            }
            stdin.flush();
        }
        catch (final IOException ex)
        {
            // the engine stopped reading and exited: the pipe is closed
        }
    }

    private static void awaitInputs(final Path countersDir, final long atLeast, final Process engine) throws Exception
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (System.nanoTime() < deadline && engine.isAlive())
        {
            try (EngineCountersReader counters = EngineCountersReader.open(countersDir))
            {
                if (counters.value(EngineCounters.INPUTS_TYPE_ID) >= atLeast)
                {
                    return;
                }
            }
            catch (final CountersUnavailableException ex)
            {
                // not created yet: the JVM is starting
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the engine's counters did not reach " + atLeast + " inputs within 10 s (alive: " +
            engine.isAlive() + ")");
    }

    /** The java command of this JVM, with the module flags it was started with (those of scripts/lib.sh). */
    private static List<String> command(final Path config)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native-access") ||
                flag.startsWith("--sun-misc-unsafe-memory-access") || flag.startsWith("-Dchronicle"))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineMain.class.getName());
        command.add(config.toString());
        return command;
    }
}
