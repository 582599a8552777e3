package io.marginengine.engine;

import io.marginengine.engine.testkit.RecordedStream;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * The process {@link RecoveryDamageTest} lets die while it writes an engine's input journal:
 * journals the first {@code whole} inputs of a recorded stream, then dies with the next ones
 * cut short, as a crash leaves the journal. Arguments: the engine data directory, the seed and
 * length of the stream, {@code whole}, and how to die: {@code open-batch} (two more inputs in
 * a batch never committed) or {@code half-record} (a record's framing half written).
 */
public final class CrashingJournalMain
{
    /** Exit status of a process that reached the crash point. */
    static final int CRASHED = 3;

    private CrashingJournalMain()
    {
    }

    /**
     * @param args directory, seed, length, whole inputs, crash mode.
     */
    public static void main(final String[] args)
    {
        final Path journal = QueueDirectories.inputJournal(Path.of(args[0]));
        final RecordedStream stream = RecordedStream.record(Long.parseLong(args[1]), Integer.parseInt(args[2]), true);
        final int whole = Integer.parseInt(args[3]);
        final JournalWriter writer = new JournalWriter(journal);
        for (int i = 0; i < whole; i++)
        {
            writer.append(new UnsafeBuffer(stream.inputs().get(i)), 0, stream.inputs().get(i).length, i);
        }
        if ("open-batch".equals(args[4]))
        {
            writer.beginBatch();
            for (int i = whole; i < whole + 2; i++)
            {
                writer.append(new UnsafeBuffer(stream.inputs().get(i)), 0, stream.inputs().get(i).length, i);
            }
        }
        else
        {
            writer.close();
            // the journal's own builder (JournalQueues is package-private in the journal module)
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journal).rollCycle(RollCycles.FAST_DAILY).build();
            final ExcerptAppender appender = queue.createAppender();
            final DocumentContext document = appender.writingDocument();
            document.wire().bytes().writeLong(whole).writeLong(0L).writeInt(12345);
        }
        Runtime.getRuntime().halt(CRASHED);
    }
}
