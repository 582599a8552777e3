package io.marginengine.journal;

import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.ParamsEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Appending (singly and in batches) and reading allocate nothing once warm: records are
 * appended and read while the thread's allocated bytes are counted, five runs after a
 * warm-up. As in the engine's ProcessorAllocationTest, the JVM itself now and then allocates
 * on the thread (deoptimisation, method-handle spinning), and Chronicle allocates when it maps
 * a new chunk (every 64 MiB) or rolls to a new file; an allocation of the journal's own would
 * show in every run, so the quietest run must show exactly zero.
 */
class JournalAllocationTest
{
    private static final int RUNS = 5;
    private static final int WARM_UP_ROUNDS = 4;
    private static final int RECORDS = 20_000;
    private static final int BATCH = 64;

    @TempDir
    Path directory;

    private final UnsafeBuffer heapMessage = new UnsafeBuffer(new byte[64]);
    private final UnsafeBuffer directMessage = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private long delivered;
    private long receiveTimeSum;
    private long expectedReceiveTimeSum;
    private long expectedIndex;

    @Test
    void appendsAndReadsWithoutAllocating()
    {
        assertEquals(64, encodeParams(heapMessage), "a 64-byte message");
        encodeParams(directMessage);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long[] singles = new long[RUNS];
        final long[] batched = new long[RUNS];
        final long[] reads = new long[RUNS];
        try (JournalWriter writer = new JournalWriter(directory);
            JournalReader reader = new JournalReader(directory))
        {
            final JournalRecordHandler handler = this::onRecord;
            for (int round = 0; round < WARM_UP_ROUNDS; round++)
            {
                appendSingly(writer);
                appendInBatches(writer);
                read(reader, handler);
            }
            for (int run = 0; run < RUNS; run++)
            {
                long before = threads.getCurrentThreadAllocatedBytes();
                appendSingly(writer);
                singles[run] = threads.getCurrentThreadAllocatedBytes() - before;

                before = threads.getCurrentThreadAllocatedBytes();
                appendInBatches(writer);
                batched[run] = threads.getCurrentThreadAllocatedBytes() - before;

                before = threads.getCurrentThreadAllocatedBytes();
                read(reader, handler);
                reads[run] = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertEquals(writer.nextJournalIndex(), delivered, "every appended record was read");
            assertEquals(expectedReceiveTimeSum, receiveTimeSum, "with the receive time it was appended with");
        }
        System.out.println("bytes allocated per run of " + RECORDS + " records: single appends " +
            Arrays.toString(singles) + ", batched appends " + Arrays.toString(batched) +
            ", reads of " + 2 * RECORDS + " " + Arrays.toString(reads));
        assertEquals(0, Arrays.stream(singles).min().orElseThrow(), "single appends, quietest of " + Arrays.toString(singles));
        assertEquals(0, Arrays.stream(batched).min().orElseThrow(), "batched appends, quietest of " + Arrays.toString(batched));
        assertEquals(0, Arrays.stream(reads).min().orElseThrow(), "reads, quietest of " + Arrays.toString(reads));
    }

    private void appendSingly(final JournalWriter writer)
    {
        for (int i = 0; i < RECORDS; i++)
        {
            writer.append((i & 1) == 0 ? heapMessage : directMessage, 0, 64, i);
        }
        expectedReceiveTimeSum += (long)RECORDS * (RECORDS - 1) / 2;
    }

    private void appendInBatches(final JournalWriter writer)
    {
        for (int i = 0; i < RECORDS; i += BATCH)
        {
            writer.beginBatch();
            for (int k = i; k < i + BATCH && k < RECORDS; k++)
            {
                writer.append((k & 1) == 0 ? heapMessage : directMessage, 0, 64, k);
            }
            writer.commitBatch();
        }
        expectedReceiveTimeSum += (long)RECORDS * (RECORDS - 1) / 2;
    }

    private void read(final JournalReader reader, final JournalRecordHandler handler)
    {
        int read;
        do
        {
            read = reader.poll(handler, 256);
        }
        while (read > 0);
    }

    private void onRecord(final long journalIndex, final long receiveTimeNs, final DirectBuffer buffer,
        final int offset, final int length)
    {
        if (journalIndex != expectedIndex++ || length != 64 ||
            buffer.getShort(offset + MessageHeaderEncoder.templateIdEncodingOffset()) != ParamsEncoder.TEMPLATE_ID)
        {
            throw new IllegalStateException("record " + journalIndex + " of length " + length + " is not what was appended");
        }
        delivered++;
        receiveTimeSum += receiveTimeNs;
    }

    private static int encodeParams(final UnsafeBuffer buffer)
    {
        final ParamsEncoder params = new ParamsEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .ts(1_700_000_000_000_000_000L).seq(7).source(1).callGraceNs(300_000_000_000L)
            .partialLiquidation(BooleanType.TRUE);
        params.callLevel().mantissa(1).scale((short)0);
        params.liquidationLevel().mantissa(5).scale((short)1);
        params.cureLevel().mantissa(DecimalEncoder.mantissaNullValue()).scale((short)0);
        return MessageHeaderEncoder.ENCODED_LENGTH + params.encodedLength();
    }
}
