package io.marginengine.engine.pipeline;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.marginengine.engine.testkit.DemoScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine behind its ring and journal behaves exactly like the processor alone, and a
 * full ring slows producers without losing or reordering anything.
 */
class MarginEngineTest
{
    private static final class Collector implements io.marginengine.engine.egress.OutputSink
    {
        final List<String> lines = new ArrayList<>();
        private final JsonOutputWriter writer = new JsonOutputWriter();

        @Override
        public void onOutput(final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            final StringBuilder text = new StringBuilder();
            writer.write(buffer, offset, text);
            lines.add(text.toString());
        }
    }

    @ParameterizedTest(name = "{0} consumer thread(s)")
    @ValueSource(ints = {2, 1})
    void pipelineGivesExactlyTheOutputsOfTheProcessorAlone(final int consumerThreads) throws Exception
    {
        final List<String> lines = DemoScenario.lines();
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

        final Collector alone = new Collector();
        final MarginProcessor processor = new MarginProcessor(new Context(), alone);
        long index = 0;
        for (final String line : lines)
        {
            processor.onInput(index++, buffer, 0, encoder.encode(line, buffer, 0));
        }

        final Collector piped = new Collector();
        final MemoryJournal journal = new MemoryJournal(0);
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8).consumerThreads(consumerThreads), journal, piped);
        for (final String line : lines)
        {
            engine.publisher().publish(buffer, 0, encoder.encode(line, buffer, 0));
        }
        engine.close();

        assertEquals(alone.lines, piped.lines);
        assertEquals(lines.size(), journal.records.size());
        assertTrue(journal.closed, "closing the engine closes the journal");
        for (int i = 0; i < lines.size(); i++)
        {
            final int length = encoder.encode(lines.get(i), buffer, 0);
            final byte[] expected = new byte[length];
            buffer.getBytes(0, expected);
            assertArrayEquals(expected, journal.records.get(i), "journal record " + i + " is input " + i);
        }
    }

    /**
     * Four producers each publish 5,000 clock inputs numbered with their own source and a
     * rising seq, into a ring of 8 slots behind a journal that pauses every 100 records. The
     * processor refuses a seq that is not above its source's last one, so a lost or reordered
     * input would show as a reject or a missing input.
     */
    @ParameterizedTest(name = "{0} consumer thread(s)")
    @ValueSource(ints = {2, 1})
    void fullRingSlowsProducersAndLosesOrReordersNothing(final int consumerThreads) throws Exception
    {
        final int producers = 4;
        final int perProducer = 5_000;
        final MemoryJournal journal = new MemoryJournal(100);
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8).consumerThreads(consumerThreads), journal);
        final CountDownLatch start = new CountDownLatch(1);
        final boolean[] sawFull = new boolean[producers];
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int source = p + 1;
            final Thread thread = new Thread(() ->
            {
                final JsonInputEncoder encoder = new JsonInputEncoder();
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                for (int seq = 1; seq <= perProducer; seq++)
                {
                    final int length = encoder.encode(
                        "{\"type\":\"clock\",\"ts\":1,\"seq\":" + seq + ",\"source\":" + source + "}", buffer, 0);
                    sawFull[source - 1] |= engine.publisher().remainingCapacity() == 0;
                    engine.publisher().publish(buffer, 0, length);
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (final Thread thread : threads)
        {
            thread.join();
        }
        engine.close();

        assertEquals(producers * perProducer, engine.journaled());
        assertEquals(producers * perProducer, engine.processor().inputs());
        assertEquals(0, engine.processor().rejects(), "no input lost or out of order within its source");
        boolean anyFull = false;
        for (final boolean full : sawFull)
        {
            anyFull |= full;
        }
        assertTrue(anyFull, "the ring filled up at least once");
    }

    /**
     * A journal that fails stops the ring: no input past what it wrote is processed (the
     * processor sees a Disruptor batch only once the journal has finished it, so here it sees
     * none of the batch the failure fell in), and closing the engine returns instead of
     * waiting for a drain that cannot happen.
     */
    @ParameterizedTest(name = "{0} consumer thread(s)")
    @ValueSource(ints = {2, 1})
    void aFailingJournalStopsProcessingAndCloseReturns(final int consumerThreads) throws Exception
    {
        final InputJournal failing = new InputJournal()
        {
            private long next;

            @Override
            public long append(final org.agrona.DirectBuffer buffer, final int offset, final int length,
                final long receiveTimeNs, final long sourcePosition)
            {
                if (next == 2)
                {
                    throw new IllegalStateException("disk full");
                }
                return next++;
            }

            @Override
            public long nextIndex()
            {
                return next;
            }

            @Override
            public void close()
            {
            }
        };
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8).consumerThreads(consumerThreads), failing);
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        for (int i = 1; i <= 4; i++)
        {
            engine.publisher().publish(buffer, 0, encoder.encode("{\"type\":\"clock\",\"ts\":" + i + "}", buffer, 0));
        }
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (engine.failure() == null && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        engine.close();
        assertTrue(engine.failure() != null, "the failure is kept");
        assertTrue(engine.processor().inputs() <= 2, "no input the journal did not write was processed");
    }

    /**
     * Disruptor's shutdown waits only for handlers already running; an engine closed right
     * after launch must still journal and process what was published (found when a short
     * scenario lost its outputs on two cores).
     */
    @ParameterizedTest(name = "{0} consumer thread(s)")
    @ValueSource(ints = {2, 1})
    void closingRightAfterLaunchDrainsWhatWasPublished(final int consumerThreads)
    {
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final int length = encoder.encode("{\"type\":\"clock\",\"ts\":1}", buffer, 0);
        for (int i = 0; i < 100; i++)
        {
            final MemoryJournal journal = new MemoryJournal(0);
            final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8).consumerThreads(consumerThreads), journal);
            engine.publisher().publish(buffer, 0, length);
            engine.close();
            assertEquals(1, journal.records.size(), "round " + i + ": journaled");
            assertEquals(1, engine.processor().inputs(), "round " + i + ": processed");
        }
    }

    /**
     * On one consumer thread a whole batch is processed inside the Disruptor's call for its last
     * input, so a failure must name the input it happened on: here the sink fails on the output
     * of the second input (each deposit to an unknown account is refused with one output).
     */
    @Test
    void aFailureWhileProcessingNamesTheInputItHappenedOn() throws Exception
    {
        final int[] outputs = new int[1];
        final MemoryJournal journal = new MemoryJournal(0);
        final MarginEngine engine = MarginEngine.launch(new Context().ringSize(8).consumerThreads(1), journal,
            (buffer, offset, length) ->
            {
                if (++outputs[0] == 2)
                {
                    throw new IllegalStateException("sink down");
                }
            });
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        for (int i = 1; i <= 4; i++)
        {
            engine.publisher().publish(buffer, 0,
                encoder.encode("{\"type\":\"deposit\",\"ts\":" + i + ",\"account\":99,\"amount\":\"1\"}", buffer, 0));
        }
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (engine.failure() == null && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }
        final IllegalStateException stopped = assertThrows(IllegalStateException.class,
            () -> engine.awaitProcessed(4, 5_000_000_000L));
        // the inputs of a batch count as processed only once the whole batch is: 0 or 1 here
        assertTrue(stopped.getMessage().matches("the engine stopped after [01] of 4 inputs: .*\\(journal index 1\\).*"),
            stopped.getMessage());
        engine.close();
        assertTrue(engine.failure() != null, "the failure is kept");
        assertTrue(engine.failure().getMessage().contains("(journal index 1)"), engine.failure().getMessage());
        assertEquals(2, engine.processor().inputs(), "nothing after the failing input was processed");
    }
}
