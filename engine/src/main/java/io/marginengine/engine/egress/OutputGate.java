package io.marginengine.engine.egress;

import io.marginengine.journal.JournalReader;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Stands between the processor and every sink, so that recovery sends no output twice.
 * <p>
 * Every output has a sequence: its position among all the outputs the engine has published
 * since its first input (the processor counts them, and a snapshot keeps the count). The
 * output queue numbers its records densely from 0 in the same order, so output {@code s} is
 * record {@code s} of the queue. When recovery replays inputs whose outputs the queue already
 * holds ({@code s < held}), the gate drops them, after checking each against the queue's
 * record byte for byte (a difference means the queue is not this journal's, or replay is not
 * deterministic: recovery then stops with a sentence); the outputs from {@code held} on were
 * lost with the crash before reaching the queue, and pass to every sink as new ones. So the
 * queue holds every output exactly once, and in-process sinks see exactly what is appended to
 * the queue in this run.
 * <p>
 * Without an output queue nothing records what was sent before a restart: the gate then drops
 * every output of the replay and passes only those of new inputs (at most once).
 * <p>
 * After recovery the gate is a counter and a comparison per output; it allocates nothing.
 */
public final class OutputGate implements OutputSink
{
    private final OutputSink downstream;
    private long sequence;
    private long held;
    private long suppressed;
    private long resent;
    private boolean recovering;
    private JournalReader queue;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private long queuedFrom;

    /**
     * @param downstream every sink, in order.
     */
    public OutputGate(final OutputSink downstream)
    {
        this.downstream = downstream;
    }

    /**
     * Starts a recovery: outputs from {@code sequence} on will be published, and the queue holds
     * outputs up to {@code held - 1}.
     *
     * @param sequence   the sequence of the next output the processor publishes (its count of
     *                   outputs, restored from a snapshot, or 0).
     * @param held       outputs the output queue holds; {@code Long.MAX_VALUE} with no queue
     *                   (drop everything the replay produces).
     * @param queueDir   the output queue, read to check the dropped outputs; null for none.
     */
    public void beginRecovery(final long sequence, final long held, final Path queueDir)
    {
        this.sequence = sequence;
        this.held = held;
        this.recovering = true;
        this.suppressed = 0;
        this.resent = 0;
        if (queueDir != null && sequence < held)
        {
            queue = new JournalReader(queueDir, sequence);
            queuedFrom = sequence;
        }
    }

    /**
     * Ends the recovery; from now on every output passes.
     *
     * @throws IllegalStateException when the queue holds outputs the replay did not produce.
     */
    public void endRecovery()
    {
        recovering = false;
        if (queue != null)
        {
            queue.close();
            queue = null;
        }
        queued.clear();
        if (held != Long.MAX_VALUE && sequence < held)
        {
            throw new IllegalStateException("the output queue holds " + held + " outputs but replaying the journal produced " +
                "only " + sequence + ": the journal lost inputs whose outputs were sent (outputs " + sequence + " to " +
                (held - 1) + " have no cause in it)");
        }
        held = Long.MIN_VALUE;
    }

    /** Ends a recovery that failed: lets go of the output queue; the engine will not start. */
    public void abortRecovery()
    {
        recovering = false;
        if (queue != null)
        {
            queue.close();
            queue = null;
        }
        queued.clear();
    }

    /** @return outputs dropped by the last recovery because the queue held them. */
    public long suppressed()
    {
        return suppressed;
    }

    /** @return outputs of the last recovery the queue did not hold, sent on. */
    public long resent()
    {
        return resent;
    }

    /** @return the sequence of the next output. */
    public long sequence()
    {
        return sequence;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence < held)
        {
            if (queue != null)
            {
                verify(buffer, offset, length);
            }
            suppressed++;
        }
        else
        {
            if (recovering)
            {
                resent++;
            }
            downstream.onOutput(buffer, offset, length);
        }
        sequence++;
    }

    private void verify(final DirectBuffer buffer, final int offset, final int length)
    {
        while (queued.isEmpty())
        {
            if (queue.poll((index, time, b, o, l) ->
            {
                final byte[] copy = new byte[l];
                b.getBytes(o, copy);
                queued.add(copy);
            }, 1) == 0)
            {
                throw new IllegalStateException("the output queue ended before output " + sequence +
                    " although it counts " + held + " outputs");
            }
        }
        final byte[] expected = queued.poll();
        final long at = queuedFrom++;
        final byte[] actual = new byte[length];
        buffer.getBytes(offset, actual);
        if (at != sequence || !Arrays.equals(expected, actual))
        {
            throw new IllegalStateException("output " + sequence + " of the replay differs from record " + at +
                " of the output queue: the queue holds " + json(expected) + " but the replay produced " + json(actual) +
                " (the output queue belongs to another journal, or the configuration changed what the engine decides)");
        }
    }

    private static String json(final byte[] output)
    {
        final StringBuilder text = new StringBuilder();
        try
        {
            new JsonOutputWriter().write(new UnsafeBuffer(output), 0, text);
        }
        catch (final RuntimeException ex)
        {
            text.setLength(0);
            text.append(output.length).append(" bytes that are not an output");
        }
        return text.toString();
    }
}
