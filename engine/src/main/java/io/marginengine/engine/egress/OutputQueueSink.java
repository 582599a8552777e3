package io.marginengine.engine.egress;

import io.marginengine.journal.JournalWriter;
import org.agrona.DirectBuffer;

/**
 * Writes every output to the output queue (a Chronicle Queue with the journal's framing)
 * that another process can tail. Each output already names its cause, the journal index of
 * the input behind it, inside the message; the record's time field holds the output's
 * {@code ts}. Records are numbered densely from 0, so a downstream reader knows where it is.
 */
public final class OutputQueueSink implements OutputSink, AutoCloseable
{
    /** Offset of {@code ts} in every output: right after the 8-byte SBE message header. */
    private static final int TS_OFFSET = 8;

    private final JournalWriter writer;

    /**
     * @param writer the output queue's writer; closed with this sink.
     */
    public OutputQueueSink(final JournalWriter writer)
    {
        this.writer = writer;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        writer.append(buffer, offset, length, buffer.getLong(offset + TS_OFFSET));
    }

    /**
     * @return outputs the queue holds: the sequence the next output gets. Outputs of a
     * recovery below it are already there and are not appended again.
     */
    public long outputsHeld()
    {
        return writer.nextJournalIndex();
    }

    /**
     * Lets another thread append from now on (see {@link JournalWriter#handOver()}): recovery
     * appends on the thread that starts the engine, then the processor thread takes over.
     */
    public void handOver()
    {
        writer.handOver();
    }

    /** @return the queue's directory. */
    public java.nio.file.Path directory()
    {
        return writer.directory();
    }

    @Override
    public void close()
    {
        writer.close();
    }
}
