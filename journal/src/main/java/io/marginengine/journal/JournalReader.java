package io.marginengine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;
import java.util.Iterator;

import static io.marginengine.journal.JournalRecordDescriptor.MESSAGE_OFFSET;
import static io.marginengine.journal.JournalRecordDescriptor.NULL_INDEX;

/**
 * Reads the records of a queue a {@link JournalWriter} wrote, in journal order, from a given
 * journal index, and tails it: {@link #poll} hands each new record to a
 * {@link JournalRecordHandler} and returns 0 when there is nothing new, so a caller polls it
 * with its own idle strategy. Works while the writer appends, in this process or another.
 * <p>
 * Only committed records are read. A document a crashed writer left incomplete is never
 * delivered, not even in part; Chronicle marks a document complete only when its writer
 * commits it.
 * <p>
 * Records are delivered without allocation, straight from the mapped file. Journal indexes
 * are checked to follow each other without a gap; a gap (records missing, or two writers on
 * one queue) fails the poll with a sentence. Not thread safe: one thread polls. The thread
 * that opens the reader may differ from the one that polls.
 */
public final class JournalReader implements AutoCloseable
{
    private long currentSourcePosition = JournalRecordDescriptor.NO_SOURCE_POSITION;
    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptTailer probe;
    private final JournalDocument document = new JournalDocument();
    private final JournalDocument probeDocument = new JournalDocument();
    private long nextIndex;
    private long lastDelivered = NULL_INDEX;
    private boolean closed;

    /**
     * Opens the queue in a directory to read from its first record.
     *
     * @param directory the queue's directory, created (empty) when missing, so a reader may
     *                  start before its writer.
     */
    public JournalReader(final Path directory)
    {
        this(directory, 0);
    }

    /**
     * Opens the queue in a directory to read from a journal index.
     *
     * @param directory        the queue's directory, created (empty) when missing.
     * @param fromJournalIndex the first journal index to deliver; it need not be written yet.
     */
    public JournalReader(final Path directory, final long fromJournalIndex)
    {
        this(JournalQueues.builder(directory), fromJournalIndex);
    }

    /**
     * Opens the queue a builder describes: tests use it to pick a roll cycle or a clock.
     */
    JournalReader(final SingleChronicleQueueBuilder builder, final long fromJournalIndex)
    {
        directory = builder.path().toPath();
        queue = builder.build();
        try
        {
            tailer = queue.createTailer();
            probe = queue.createTailer();
            seek(fromJournalIndex);
            tailer.singleThreadedCheckReset();
            probe.singleThreadedCheckReset();
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
    }

    /**
     * Delivers the committed records not yet delivered, oldest first, until there are none or
     * at least {@code recordLimit} were delivered. The limit is checked between Chronicle
     * documents, so a batch of the writer is delivered whole: up to one batch less one record
     * above the limit.
     * <p>
     * When the handler throws, the record it was given counts as delivered, the exception
     * propagates, and the next poll goes on with the record after it.
     *
     * @param handler     receives each record.
     * @param recordLimit how many records to deliver at most (give or take one batch).
     * @return the number of records delivered; 0 when nothing new was committed.
     * @throws IllegalStateException when the journal indexes jump, or a document is not a
     *                               journal's; the reader stays before the bad record, so
     *                               every later poll fails on it too, never skipping it.
     */
    public int poll(final JournalRecordHandler handler, final int recordLimit)
    {
        checkOpen();
        int delivered = 0;
        while (delivered < recordLimit)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    break;
                }
                try
                {
                    delivered += deliver(document.wrap(context), handler);
                }
                catch (final RuntimeException | Error ex)
                {
                    // read this document again next time: deliver() skips what was delivered
                    context.rollbackOnClose();
                    throw ex;
                }
            }
        }
        return delivered;
    }

    private int deliver(final JournalDocument document, final JournalRecordHandler handler)
    {
        int delivered = 0;
        final int end = document.length();
        for (int offset = 0; offset < end; offset = document.nextRecordOffset(offset))
        {
            final long index = document.journalIndexAt(offset);
            if (index < nextIndex)
            {
                continue;
            }
            if (lastDelivered != NULL_INDEX && index != lastDelivered + 1)
            {
                throw new IllegalStateException("journal " + directory + " jumps from index " + lastDelivered +
                    " to " + index + " (Chronicle index 0x" + Long.toHexString(document.chronicleIndex()) +
                    "): records are missing, or two writers share the queue");
            }
            lastDelivered = index;
            nextIndex = index + 1;
            delivered++;
            currentSourcePosition = document.sourcePositionAt(offset);
            handler.onRecord(index, document.receiveTimeAt(offset), document.buffer(),
                offset + MESSAGE_OFFSET, document.messageLengthAt(offset));
        }
        return delivered;
    }

    /**
     * The source position of the record being delivered: valid inside a handler's call.
     *
     * @return its source position, or {@link JournalRecordDescriptor#NO_SOURCE_POSITION}.
     */
    public long sourcePosition()
    {
        return currentSourcePosition;
    }

    /**
     * Moves to a journal index: the next poll delivers the record with that index first, or,
     * when it is not written yet, waits for it. When the queue starts above that index (older
     * files deleted), the next poll starts with the queue's first record. Finds the record's
     * document by binary search, so it costs a few reads whatever the journal's length.
     * Not to be called from inside a handler.
     *
     * @param journalIndex the next journal index to deliver, 0 or more.
     */
    public void seek(final long journalIndex)
    {
        checkOpen();
        if (journalIndex < 0)
        {
            throw new IllegalArgumentException("journal index " + journalIndex + " is negative: expected 0 or more");
        }
        nextIndex = journalIndex;
        lastDelivered = NULL_INDEX;
        tailer.direction(TailerDirection.FORWARD);
        final RollCycle rollCycle = queue.rollCycle();
        final int cycle = cycleHolding(journalIndex);
        if (cycle == Integer.MIN_VALUE)
        {
            tailer.toStart();
            return;
        }
        long low = 0;
        long high = probe.excerptsInCycle(cycle) - 1;
        while (low < high)
        {
            final long middle = (low + high + 1) >>> 1;
            final long first = firstJournalIndexAt(rollCycle.toIndex(cycle, middle));
            if (first != NULL_INDEX && first <= journalIndex)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (!tailer.moveToIndex(rollCycle.toIndex(cycle, low)))
        {
            tailer.toStart();
        }
    }

    /**
     * The latest roll cycle whose first document starts at or below a journal index, or
     * {@code Integer.MIN_VALUE} when none does (an empty queue, or one starting above it).
     */
    private int cycleHolding(final long journalIndex)
    {
        if (queue.firstIndex() == Long.MAX_VALUE)
        {
            return Integer.MIN_VALUE;
        }
        final Iterator<Long> cycles = queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle()).descendingIterator();
        while (cycles.hasNext())
        {
            final int cycle = cycles.next().intValue();
            final long first = firstJournalIndexAt(queue.rollCycle().toIndex(cycle, 0));
            if (first != NULL_INDEX && first <= journalIndex)
            {
                return cycle;
            }
        }
        return Integer.MIN_VALUE;
    }

    private long firstJournalIndexAt(final long chronicleIndex)
    {
        if (!probe.direction(TailerDirection.FORWARD).moveToIndex(chronicleIndex))
        {
            return NULL_INDEX;
        }
        try (DocumentContext context = probe.readingDocument())
        {
            return context.isPresent() ? probeDocument.wrap(context).firstJournalIndex() : NULL_INDEX;
        }
    }

    /**
     * @return the journal index of the last whole record committed to the queue, or
     * {@link JournalRecordDescriptor#NULL_INDEX} when it holds none. Reads the queue's last
     * document; not to be called from inside a handler.
     */
    public long lastJournalIndex()
    {
        checkOpen();
        return JournalQueues.lastJournalIndex(probe, probeDocument);
    }

    /**
     * @return the journal index the next delivered record will have.
     */
    public long nextJournalIndex()
    {
        return nextIndex;
    }

    /**
     * @return the queue's directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Closes the queue. Closing twice does nothing.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            tailer.close();
            probe.close();
            queue.close();
        }
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("journal reader for " + directory + " is closed");
        }
    }
}
