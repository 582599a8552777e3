package io.marginengine.journal;

import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.marginengine.journal.JournalRecordDescriptor.MAX_MESSAGE_LENGTH;
import static io.marginengine.journal.JournalRecordDescriptor.NULL_INDEX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records go into the journal and come back out byte for byte, with their journal indexes and
 * receive times: singly, in batches, across a restart of the writer, from any index, while
 * tailing, and across roll cycles and mapped chunks.
 */
class JournalRoundTripTest
{
    private static final int OFFSET_IN_SOURCE = 13;

    @TempDir
    Path directory;

    @Test
    void readsBackEveryRecordByteIdenticalWithItsIndexAndReceiveTime()
    {
        final List<byte[]> messages = TestMessages.inputs(3000);
        try (JournalWriter writer = new JournalWriter(directory))
        {
            for (int i = 0; i < messages.size(); i++)
            {
                assertEquals(i, append(writer, messages.get(i), i));
            }
            assertEquals(messages.size(), writer.nextJournalIndex());
            assertEquals(messages.size() - 1, writer.lastCommittedJournalIndex());
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertEquals(messages.size() - 1, reader.lastJournalIndex());
            assertRecords(messages, 0, new RecordCollector().drain(reader));
            assertEquals(0, reader.poll(new RecordCollector(), 10));
        }
    }

    @Test
    void batchedAppendsReadBackTheSameAsSingleOnes()
    {
        final List<byte[]> messages = TestMessages.inputs(2000);
        final Random random = new Random(42);
        try (JournalWriter writer = new JournalWriter(JournalQueues.builder(directory), SyncPolicy.NONE, 1024))
        {
            writer.beginBatch();
            assertEquals(NULL_INDEX, writer.commitBatch(), "an empty batch writes nothing");
            int i = 0;
            while (i < messages.size())
            {
                final int batch = Math.min(messages.size() - i, 1 + random.nextInt(40));
                writer.beginBatch();
                assertTrue(writer.inBatch());
                for (int k = 0; k < batch; k++, i++)
                {
                    assertEquals(i, append(writer, messages.get(i), i));
                }
                assertEquals(i - 1, writer.commitBatch());
            }
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertRecords(messages, 0, new RecordCollector().drain(reader));
        }
    }

    @Test
    void aReopenedWriterContinuesTheNumbering()
    {
        final List<byte[]> messages = TestMessages.inputs(18);
        try (JournalWriter writer = new JournalWriter(directory))
        {
            for (int i = 0; i < 10; i++)
            {
                append(writer, messages.get(i), i);
            }
            writer.beginBatch();
            for (int i = 10; i < 15; i++)
            {
                append(writer, messages.get(i), i);
            }
            writer.commitBatch();
        }
        try (JournalWriter writer = new JournalWriter(directory))
        {
            assertEquals(15, writer.nextJournalIndex());
            assertEquals(14, writer.lastCommittedJournalIndex());
            for (int i = 15; i < 18; i++)
            {
                assertEquals(i, append(writer, messages.get(i), i));
            }
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertRecords(messages, 0, new RecordCollector().drain(reader));
        }
    }

    @Test
    void readsFromAMiddleIndexInsideOrBetweenBatches()
    {
        final List<byte[]> messages = TestMessages.inputs(501);
        try (JournalWriter writer = new JournalWriter(directory))
        {
            writeInBatchesOf(7, writer, messages.subList(0, 500), 0);
            for (final long from : new long[] {0, 1, 6, 7, 8, 250, 251, 498, 499, 500, 600})
            {
                try (JournalReader reader = new JournalReader(directory, from))
                {
                    assertEquals(from, reader.nextJournalIndex());
                    assertRecords(messages.subList(0, 500), (int)Math.min(from, 500), new RecordCollector().drain(reader));
                }
            }
            try (JournalReader reader = new JournalReader(directory, 500))
            {
                assertEquals(0, reader.poll(new RecordCollector(), 10));
                append(writer, messages.get(500), 500);
                assertRecords(messages, 500, new RecordCollector().drain(reader));

                reader.seek(123);
                assertRecords(messages, 123, new RecordCollector().drain(reader));
                assertThrows(IllegalArgumentException.class, () -> reader.seek(-1));
            }
        }
    }

    @Test
    void seeksAcrossRollCycles() throws IOException
    {
        final SetTimeProvider time = new SetTimeProvider(TimeUnit.SECONDS.toNanos(1_700_000_000L));
        final List<byte[]> messages = TestMessages.inputs(100);
        try (JournalWriter writer = new JournalWriter(secondly(time), SyncPolicy.NONE, 4096))
        {
            for (int cycle = 0; cycle < 4; cycle++)
            {
                writeInBatchesOf(1 + cycle * 3, writer, messages.subList(cycle * 25, cycle * 25 + 25), cycle * 25);
                time.advanceMillis(1000);
            }
        }
        try (Stream<Path> files = Files.list(directory))
        {
            assertEquals(4, files.filter(file -> file.toString().endsWith(".cq4")).count(), "one file per roll cycle");
        }
        try (JournalReader reader = new JournalReader(secondly(time), 0))
        {
            assertEquals(99, reader.lastJournalIndex());
            for (int from = 0; from <= 100; from++)
            {
                reader.seek(from);
                assertRecords(messages, from, new RecordCollector().drain(reader));
            }
        }
    }

    @Test
    void tailingSeesRecordsAppendedAfterItStarted() throws InterruptedException
    {
        final List<byte[]> messages = TestMessages.inputs(103);
        try (JournalReader reader = new JournalReader(directory))
        {
            final RecordCollector collector = new RecordCollector();
            assertEquals(NULL_INDEX, reader.lastJournalIndex());
            assertEquals(0, reader.poll(collector, 10), "nothing written yet");
            try (JournalWriter writer = new JournalWriter(directory))
            {
                for (int i = 0; i < 3; i++)
                {
                    append(writer, messages.get(i), i);
                }
            }
            assertEquals(3, reader.poll(collector, 10));
            assertEquals(0, reader.poll(collector, 10));

            // opened on this thread, appending on another: the engine's journal handler does that
            try (JournalWriter writer = new JournalWriter(directory))
            {
                final Thread appender = new Thread(() -> writeInBatchesOf(10, writer, messages.subList(3, 103), 3));
                appender.start();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (collector.size() < 103 && System.nanoTime() < deadline)
                {
                    if (reader.poll(collector, 16) == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                appender.join();
            }
            assertRecords(messages, 0, collector);
            assertEquals(102, reader.lastJournalIndex());
        }
    }

    @Test
    void anUncommittedBatchIsNotVisible()
    {
        final List<byte[]> messages = TestMessages.inputs(4);
        try (JournalReader reader = new JournalReader(directory);
            JournalWriter writer = new JournalWriter(directory))
        {
            append(writer, messages.get(0), 0);
            writer.beginBatch();
            append(writer, messages.get(1), 1);
            append(writer, messages.get(2), 2);
            assertEquals(0, writer.lastCommittedJournalIndex());
            final RecordCollector collector = new RecordCollector().drain(reader);
            assertEquals(1, collector.size(), "only the record before the batch");
            assertEquals(0, reader.lastJournalIndex());
            writer.commitBatch();
            append(writer, messages.get(3), 3);
            assertRecords(messages, 0, collector.drain(reader));
        }
    }

    @Test
    void aHandlerThatThrowsLosesOnlyItsOwnRecord()
    {
        final List<byte[]> messages = TestMessages.inputs(5);
        try (JournalWriter writer = new JournalWriter(directory);
            JournalReader reader = new JournalReader(directory))
        {
            writeInBatchesOf(5, writer, messages, 0);
            final RecordCollector collector = new RecordCollector();
            final JournalRecordHandler failOnTwo = (index, time, buffer, offset, length) ->
            {
                if (index == 2)
                {
                    throw new IllegalStateException("handler failed on 2");
                }
                collector.onRecord(index, time, buffer, offset, length);
            };
            assertThrows(IllegalStateException.class, () -> reader.poll(failOnTwo, 10));
            assertEquals(3, reader.nextJournalIndex());
            assertEquals(2, reader.poll(failOnTwo, 10));
            assertEquals(List.of(0L, 1L, 3L, 4L), collector.indexes);
        }
    }

    @Test
    void refusesABadLengthOrRangeWithoutWritingAnything()
    {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[64]);
        try (JournalWriter writer = new JournalWriter(directory))
        {
            assertThrows(IllegalArgumentException.class, () -> writer.append(src, 0, -1, 0));
            assertThrows(IllegalArgumentException.class, () -> writer.append(src, 0, MAX_MESSAGE_LENGTH + 1, 0));
            final IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> writer.append(src, 60, 8, 0));
            assertEquals("journal message at offset 60 of length 8 does not lie inside a buffer of capacity 64",
                outside.getMessage());
            assertEquals(0, writer.append(src, 0, 0, 5), "an empty message is a record");
            assertThrows(IllegalStateException.class, writer::commitBatch);
            writer.beginBatch();
            assertThrows(IllegalStateException.class, writer::beginBatch);
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            final RecordCollector collector = new RecordCollector().drain(reader);
            assertEquals(List.of(0L), collector.indexes);
            assertEquals(List.of(5L), collector.receiveTimes);
            assertEquals(0, collector.messages.get(0).length);
        }
    }

    @Test
    void syncNeedsAPolicyThatMsyncs()
    {
        final List<byte[]> messages = TestMessages.inputs(3);
        try (JournalWriter writer = new JournalWriter(directory, SyncPolicy.NONE))
        {
            append(writer, messages.get(0), 0);
            final IllegalStateException refused = assertThrows(IllegalStateException.class, writer::sync);
            assertTrue(refused.getMessage().contains("SyncPolicy.NONE"), refused.getMessage());
        }
        try (JournalWriter writer = new JournalWriter(directory, SyncPolicy.ON_REQUEST))
        {
            append(writer, messages.get(1), 1);
            writer.sync();
        }
        try (JournalWriter writer = new JournalWriter(directory, SyncPolicy.EVERY_COMMIT))
        {
            append(writer, messages.get(2), 2);
            assertEquals(SyncPolicy.EVERY_COMMIT, writer.syncPolicy());
        }
        try (JournalReader reader = new JournalReader(directory))
        {
            assertRecords(messages, 0, new RecordCollector().drain(reader));
        }
    }

    @Test
    void recordsThatCrossMappedChunksReadBackIdentical()
    {
        final Random random = new Random(7);
        final List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 1500; i++)
        {
            final byte[] message = new byte[random.nextInt(3000)];
            random.nextBytes(message);
            messages.add(message);
        }
        final SingleChronicleQueueBuilder smallChunks = JournalQueues.builder(directory).blockSize(256 << 10);
        try (JournalWriter writer = new JournalWriter(smallChunks, SyncPolicy.NONE, 16 << 10))
        {
            writeInBatchesOf(9, writer, messages, 0);
        }
        try (JournalReader reader = new JournalReader(JournalQueues.builder(directory).blockSize(256 << 10), 0))
        {
            assertRecords(messages, 0, new RecordCollector().drain(reader));
        }
    }

    @Test
    void aClosedWriterOrReaderRefusesWork()
    {
        final JournalWriter writer = new JournalWriter(directory);
        final JournalReader reader = new JournalReader(directory);
        writer.close();
        writer.close();
        reader.close();
        reader.close();
        assertThrows(IllegalStateException.class, () -> writer.append(new UnsafeBuffer(new byte[8]), 0, 8, 0));
        assertThrows(IllegalStateException.class, () -> reader.poll(new RecordCollector(), 1));
    }

    private SingleChronicleQueueBuilder secondly(final SetTimeProvider time)
    {
        return JournalQueues.builder(directory).rollCycle(TestRollCycles.TEST_SECONDLY).timeProvider(time);
    }

    /**
     * Receive time of message i, from the tests' pretend clock.
     */
    private static long receiveTime(final int i)
    {
        return 1_000_000L + 7L * i;
    }

    /**
     * Appends message i from inside a larger buffer, heap for even i and direct for odd i.
     */
    private static long append(final JournalWriter writer, final byte[] message, final int i)
    {
        final DirectBuffer src = i % 2 == 0 ?
            new UnsafeBuffer(new byte[message.length + OFFSET_IN_SOURCE + 5]) :
            new UnsafeBuffer(ByteBuffer.allocateDirect(message.length + OFFSET_IN_SOURCE + 5));
        ((UnsafeBuffer)src).putBytes(OFFSET_IN_SOURCE, message);
        return writer.append(src, OFFSET_IN_SOURCE, message.length, receiveTime(i));
    }

    private static void writeInBatchesOf(final int batch, final JournalWriter writer, final List<byte[]> messages,
        final int firstIndex)
    {
        for (int i = 0; i < messages.size(); i += batch)
        {
            writer.beginBatch();
            for (int k = i; k < Math.min(i + batch, messages.size()); k++)
            {
                append(writer, messages.get(k), firstIndex + k);
            }
            writer.commitBatch();
        }
    }

    /**
     * The collector holds exactly the records from index {@code from} to the end of
     * {@code messages}, each with its index, receive time and bytes.
     */
    private static void assertRecords(final List<byte[]> messages, final int from, final RecordCollector collector)
    {
        assertEquals(messages.size() - from, collector.size(), "records delivered from " + from);
        for (int i = 0; i < collector.size(); i++)
        {
            final int expected = from + i;
            assertEquals(expected, collector.indexes.get(i), "journal index");
            assertEquals(receiveTime(expected), collector.receiveTimes.get(i), "receive time of " + expected);
            assertArrayEquals(messages.get(expected), collector.messages.get(i), "bytes of " + expected);
        }
    }
}
