package io.marginengine.replay;

import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalRecordDescriptor;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * Reads a recorded queue (the input journal, or the output queue: same framing) from a
 * journal index up to a {@link Point}, handing each record to an {@link InputHandler}. It
 * reads what is committed when it gets there and stops at the end, so it works on the queue
 * of a live engine too.
 * <p>
 * Failures are sorted for the exit status: a reader that cannot go on (a gap in the journal
 * indexes, a document that is not a journal's, a file Chronicle cannot map) is a damaged
 * journal ({@link ExitCodes#DAMAGED}); an exception from the handler is passed on as it is
 * when it is a {@link ToolException}, else as a failure naming the record.
 */
public final class JournalScan implements AutoCloseable
{
    /**
     * Receives the records of a scan.
     */
    @FunctionalInterface
    public interface InputHandler
    {
        /**
         * One record.
         *
         * @param journalIndex  its journal index.
         * @param receiveTimeNs its receive time.
         * @param ts            the message's {@code ts} (the first field of every input and
         *                      output), or {@link Long#MIN_VALUE} when the message is too short.
         * @param buffer        holds the SBE message; valid only during the call.
         * @param offset        where the message header starts.
         * @param length        the message length.
         * @return true to go on, false to stop the scan after this record.
         */
        boolean onRecord(long journalIndex, long receiveTimeNs, long ts, DirectBuffer buffer, int offset, int length);
    }

    /** {@link #lastCommittedIndex()} of a queue whose last document cannot be read. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private static final int POLL_LIMIT = 4096;

    private final Path directory;
    private final String what;
    private final JournalReader reader;
    private final Progress progress;
    private final Point to;
    private InputHandler handler;
    private long delivered;
    private long lastIndex = JournalRecordDescriptor.NULL_INDEX;
    private boolean stopped;
    private long expectedFirst;

    /**
     * Opens a queue.
     *
     * @param directory the queue's directory, which must exist.
     * @param what      what it is, for sentences: "journal" or "output queue".
     * @param to        the last point to read, or null for the end.
     * @param progress  the bar to advance.
     */
    public JournalScan(final Path directory, final String what, final Point to, final Progress progress)
    {
        this.directory = directory;
        this.what = what;
        this.to = to;
        this.progress = progress;
        try
        {
            reader = new JournalReader(directory);
        }
        catch (final RuntimeException ex)
        {
            throw ToolException.damaged(what + " " + directory + " cannot be opened: " + ex.getMessage(), ex);
        }
    }

    /**
     * The last record's index, for progress bars and bounds. A queue whose last document is
     * damaged answers {@link #UNKNOWN}: the scan then reports the damage where it meets it,
     * after handing over every record before it.
     *
     * @return the journal index of the last committed record, -1 when there is none, or
     *     {@link #UNKNOWN} when the last document cannot be read.
     */
    public long lastCommittedIndex()
    {
        try
        {
            return reader.lastJournalIndex();
        }
        catch (final RuntimeException ex)
        {
            return UNKNOWN;
        }
    }

    /**
     * Reads records from a journal index to the bound or the end. The first record must
     * have that index: a queue whose older files were deleted is reported as damaged.
     *
     * @param fromIndex the first journal index to read.
     * @param handler   receives each record.
     * @return the number of records handed over.
     */
    public long scan(final long fromIndex, final InputHandler handler)
    {
        this.handler = handler;
        delivered = 0;
        stopped = false;
        try
        {
            expectedFirst = fromIndex;
            reader.seek(fromIndex);
            int polled;
            do
            {
                polled = reader.poll(this::deliver, POLL_LIMIT);
            }
            while (!stopped && polled > 0);
        }
        catch (final HandlerFailure ex)
        {
            throw passOn(ex.getCause());
        }
        catch (final RuntimeException ex)
        {
            throw ToolException.damaged(what + " " + directory + " cannot be read after journal index " + lastIndex +
                ": " + ex.getMessage(), ex);
        }
        return delivered;
    }

    private void deliver(final long journalIndex, final long receiveTimeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (stopped)
        {
            return;
        }
        if (expectedFirst != JournalRecordDescriptor.NULL_INDEX && journalIndex != expectedFirst)
        {
            throw new IllegalStateException("it starts at journal index " + journalIndex + ", not at " + expectedFirst +
                ": its older files were deleted");
        }
        expectedFirst = JournalRecordDescriptor.NULL_INDEX;
        final long ts = length >= MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES ?
            buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH) : Long.MIN_VALUE;
        if (to != null && to.isBefore(journalIndex, ts))
        {
            stopped = true;
            return;
        }
        lastIndex = journalIndex;
        delivered++;
        final boolean goOn;
        try
        {
            goOn = handler.onRecord(journalIndex, receiveTimeNs, ts, buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            stopped = true;
            throw new HandlerFailure(ex);
        }
        progress.update(delivered);
        if (!goOn)
        {
            stopped = true;
        }
    }

    private RuntimeException passOn(final Throwable failure)
    {
        if (failure instanceof ToolException)
        {
            return (ToolException)failure;
        }
        return ToolException.failure("processing " + what + " record " + lastIndex + " failed: " + failure, failure);
    }

    /** @return the journal index of the last record handed over, or -1 when none was. */
    public long lastIndex()
    {
        return lastIndex;
    }

    /** @return whether the scan stopped at its bound or by the handler, rather than at the end. */
    public boolean stoppedEarly()
    {
        return stopped;
    }

    @Override
    public void close()
    {
        reader.close();
    }

    /** Carries a handler's exception through the reader, so it is not taken for damage. */
    private static final class HandlerFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        HandlerFailure(final RuntimeException cause)
        {
            super(cause);
        }
    }
}
