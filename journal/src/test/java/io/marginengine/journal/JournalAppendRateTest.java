package io.marginengine.journal;

import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.ParamsEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A quick look, not a benchmark: how fast 64-byte messages are appended one document each
 * versus batched into shared documents, with and without an msync per commit. Each case
 * writes a fresh queue (page faults included, as in a running journal), best of three
 * rounds; printed, never asserted. The only assertion is that every record arrived.
 * JMH benchmarks belong in perf/.
 */
class JournalAppendRateTest
{
    /** Divisible by every batch size, so every case appends exactly this many. */
    private static final int MESSAGES = 409_600;
    private static final int SYNCED_MESSAGES = 512;
    private static final int ROUNDS = 3;

    @TempDir
    Path directory;

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
    private int queues;

    @Test
    void printsTheAppendRateOfSingleAndBatchedAppends()
    {
        assertEquals(64, encodeParams(message));
        final StringBuilder report = new StringBuilder("append rate of 64-byte messages, best of " + ROUNDS + " rounds (" +
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " +
            Runtime.getRuntime().availableProcessors() + " CPUs):\n");
        for (final SyncPolicy policy : new SyncPolicy[] {SyncPolicy.NONE, SyncPolicy.EVERY_COMMIT})
        {
            final int messages = policy == SyncPolicy.NONE ? MESSAGES : SYNCED_MESSAGES;
            for (final int batch : policy == SyncPolicy.NONE ? new int[] {1, 8, 64, 256} : new int[] {1, 64})
            {
                long best = Long.MAX_VALUE;
                for (int round = 0; round < ROUNDS; round++)
                {
                    best = Math.min(best, timeAppends(policy, batch, messages));
                }
                report.append(String.format("  %-12s %s: %,9.0f ns per record, %,11.0f records/s%n", policy,
                    batch == 1 ? "single         " : String.format("batches of %-4d", batch),
                    (double)best / messages, messages * 1e9 / best));
            }
        }
        System.out.print(report);
    }

    private long timeAppends(final SyncPolicy policy, final int batch, final int messages)
    {
        final Path queue = directory.resolve("q" + queues++);
        final long elapsed;
        try (JournalWriter writer = new JournalWriter(queue, policy))
        {
            final long start = System.nanoTime();
            if (batch == 1)
            {
                for (int i = 0; i < messages; i++)
                {
                    writer.append(message, 0, 64, i);
                }
            }
            else
            {
                for (int i = 0; i < messages; i += batch)
                {
                    writer.beginBatch();
                    for (int k = i; k < i + batch; k++)
                    {
                        writer.append(message, 0, 64, k);
                    }
                    writer.commitBatch();
                }
            }
            elapsed = System.nanoTime() - start;
        }
        try (JournalReader reader = new JournalReader(queue))
        {
            assertEquals(messages - 1, reader.lastJournalIndex(), "every record arrived");
        }
        return elapsed;
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
