package io.marginengine.engine.monitor;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.SmallScenario;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.sbe.RejectCode;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counters written by a running engine are read back through a second mapping of the file,
 * with values worked out from the scenario by hand.
 */
class EngineCountersTest
{
    /** The small scenario's inputs; its tallies are worked out in {@link SmallScenario}. */
    private static final List<String> SCENARIO = SmallScenario.LINES;

    @Test
    void countersOfASmallScenarioAreReadBackFromAnotherMapping(@TempDir final Path dir) throws Exception
    {
        final EngineCounters counters = EngineCounters.create(dir, 8);
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8), new CountingJournal(), counters);
        publish(engine, SCENARIO);

        try (EngineCountersReader reader = EngineCountersReader.open(dir))
        {
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (reader.value(EngineCounters.INPUTS_TYPE_ID) < SCENARIO.size() && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(reader.engineRunning(), "the engine is seen running while it runs");
            assertEquals(11, reader.value(EngineCounters.INPUTS_TYPE_ID), "seen while the engine runs");
            assertEquals(4, reader.value(EngineCounters.REJECTS_TYPE_ID));
            assertEquals(1, reader.value(EngineCounters.MARGIN_CALLS_TYPE_ID));
            assertEquals(6, reader.value(EngineCounters.OUTPUTS_TYPE_ID));
        }
        engine.close();
        counters.close();

        try (EngineCountersReader reader = EngineCountersReader.open(dir))
        {
            assertEquals(11, reader.value(EngineCounters.INPUTS_TYPE_ID));
            assertEquals(4, reader.value(EngineCounters.REJECTS_TYPE_ID));
            for (final RejectCode code : RejectCode.values())
            {
                if (code == RejectCode.ACCEPTED || code == RejectCode.NULL_VAL)
                {
                    continue;
                }
                final boolean expected = code == RejectCode.ALREADY_EXISTS || code == RejectCode.UNKNOWN_ACCOUNT ||
                    code == RejectCode.DUPLICATE || code == RejectCode.TIME_BACKWARDS;
                assertEquals(expected ? 1 : 0, reader.value(EngineCounters.REJECTS_BY_CODE_TYPE_ID, code.value()),
                    "rejects " + code);
            }
            assertEquals(1, reader.value(EngineCounters.MARGIN_CALLS_TYPE_ID));
            assertEquals(0, reader.value(EngineCounters.LIQUIDATIONS_TYPE_ID));
            assertEquals(6, reader.value(EngineCounters.OUTPUTS_TYPE_ID));
            assertEquals(11, reader.value(EngineCounters.JOURNAL_POSITION_TYPE_ID), "a counting journal from 0 gives 11 next");
            assertEquals(0, reader.value(EngineCounters.RING_OCCUPANCY_TYPE_ID), "nothing left on the ring");
            final long peak = reader.value(EngineCounters.RING_OCCUPANCY_PEAK_TYPE_ID);
            assertTrue(peak >= 0 && peak <= 8, "peak " + peak + " is at most the ring size");
            assertEquals(0, reader.value(EngineCounters.INGRESS_SKIPPED_TYPE_ID));
            assertTrue(reader.stopTimeMs() > 0);
            assertEquals(ProcessHandle.current().pid(), reader.pid());
            assertTrue(reader.engineState(System.currentTimeMillis()).contains("stopped cleanly"));
        }
    }

    @Test
    void statShowsTheTableOnce(@TempDir final Path dir) throws Exception
    {
        final EngineCounters counters = EngineCounters.create(dir, 8);
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8), new CountingJournal(), counters);
        publish(engine, SCENARIO);
        engine.close();
        counters.close();

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int status = StatMain.run(new String[] {"--once", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
        final String table = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, table);
        assertTrue(table.matches("(?s).*\ninputs +11\n.*"), table);
        assertTrue(table.matches("(?s).*\n  DUPLICATE +1\n.*"), table);
        assertTrue(table.matches("(?s).*\nmargin calls +1\n.*"), table);
        assertTrue(!table.contains("PRICE_GUARD"), "codes without rejects are left out: " + table);
    }

    @Test
    void aMissingFileIsASentence(@TempDir final Path dir)
    {
        final CountersUnavailableException ex = assertThrows(CountersUnavailableException.class,
            () -> EngineCountersReader.open(dir.resolve("nowhere")));
        assertTrue(ex.getMessage().startsWith("no counters file " + dir.resolve("nowhere").resolve("counters.dat") +
            ": no engine has run with countersDir"), ex.getMessage());

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int status = StatMain.run(new String[] {"--once", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);
        assertEquals(1, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("no engine has run"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFileNoEngineHasWrittenIsASentence(@TempDir final Path dir) throws Exception
    {
        Files.write(CountersFileDescriptor.file(dir), new byte[10]);
        assertTrue(assertThrows(CountersUnavailableException.class, () -> EngineCountersReader.open(dir)).getMessage()
            .endsWith("is 10 bytes, shorter than its 128-byte header: no engine has written it"));

        Files.write(CountersFileDescriptor.file(dir), new byte[CountersFileDescriptor.FILE_LENGTH]);
        assertTrue(assertThrows(CountersUnavailableException.class, () -> EngineCountersReader.open(dir)).getMessage()
            .endsWith("has no layout yet: no engine has finished writing it (one may be starting)"));
    }

    @Test
    void refusesADirectoryARunningEngineWrites(@TempDir final Path dir)
    {
        final long otherPid = ProcessHandle.current().parent().orElseThrow().pid();
        final MappedByteBuffer mapped = IoUtil.mapNewFile(CountersFileDescriptor.file(dir).toFile(),
            CountersFileDescriptor.FILE_LENGTH);
        final UnsafeBuffer header = new UnsafeBuffer(mapped);
        header.putInt(CountersFileDescriptor.METADATA_LENGTH_OFFSET, CountersFileDescriptor.METADATA_BUFFER_LENGTH);
        header.putInt(CountersFileDescriptor.VALUES_LENGTH_OFFSET, CountersFileDescriptor.VALUES_BUFFER_LENGTH);
        header.putLong(CountersFileDescriptor.PID_OFFSET, otherPid);
        header.putInt(CountersFileDescriptor.VERSION_OFFSET, CountersFileDescriptor.VERSION);
        IoUtil.unmap(mapped);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> EngineCounters.create(dir, 8));
        assertEquals("countersDir " + dir + " is in use by the running engine pid " + otherPid +
            ": expected a directory of this engine's own", ex.getMessage());
    }

    /**
     * Publishing the counters at the end of a batch costs no allocation: after warm-up, many
     * calls are made while the thread's allocated bytes are counted. The JVM sometimes
     * allocates on a thread for its own reasons, so the quietest of three runs must be zero.
     */
    @Test
    void publishingAllocatesNothing(@TempDir final Path dir)
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (EngineCounters counters = EngineCounters.create(dir, 8))
        {
            final MarginProcessor processor = new MarginProcessor(new Context(), counters.outputCounter());
            for (int i = 0; i < 200_000; i++)
            {
                counters.onBatchEnd(processor, i & 7, i);
            }
            long quietest = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++)
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 100_000; i++)
                {
                    counters.onBatchEnd(processor, i & 7, i);
                    counters.outputCounter().onOutput(null, 0, 0);
                    counters.ingressSkipped(i);
                }
                quietest = Math.min(quietest, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertEquals(0, quietest, "bytes allocated by 100,000 batch ends");
        }
    }

    private static void publish(final MarginEngine engine, final List<String> lines)
    {
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        for (final String line : lines)
        {
            final int length = encoder.encode(line, buffer, 0);
            assertTrue(length > 0, line + ": " + encoder.errorMessage());
            engine.publisher().publish(buffer, 0, length);
        }
    }
}
