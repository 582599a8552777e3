package io.marginengine.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

import static io.marginengine.journal.JournalRecordDescriptor.NULL_INDEX;

/**
 * What the writer and the reader share about a journal's Chronicle queue: how it is built,
 * and how the last whole record is found.
 */
final class JournalQueues
{
    private JournalQueues()
    {
    }

    /**
     * The builder of a journal queue: binary wire, one file a day (a day's inputs fit
     * comfortably; Chronicle allows 2^32 documents per cycle with this cycle).
     *
     * @param directory the queue's directory, created when missing.
     * @return a builder the caller may still adjust.
     */
    static SingleChronicleQueueBuilder builder(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory).rollCycle(RollCycles.FAST_DAILY);
    }

    /**
     * The journal index of the last whole record: the last record of the last complete
     * document. A document a crashed writer left incomplete is not complete, so it is not
     * seen.
     *
     * @param tailer   a tailer of the queue; left pointing backward at the end.
     * @param document flyweight to read the document with.
     * @return the index, or {@link JournalRecordDescriptor#NULL_INDEX} when the queue holds none.
     */
    static long lastJournalIndex(final ExcerptTailer tailer, final JournalDocument document)
    {
        tailer.direction(TailerDirection.BACKWARD).toEnd();
        try (DocumentContext context = tailer.readingDocument())
        {
            return context.isPresent() ? document.wrap(context).lastJournalIndex() : NULL_INDEX;
        }
    }
}
