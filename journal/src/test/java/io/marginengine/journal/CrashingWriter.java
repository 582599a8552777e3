package io.marginengine.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link JournalCrashTest} kills: appends some records, then dies with a document
 * open, the way a crash leaves a journal. Arguments: the queue directory, how many records to
 * append whole, and how to die: {@code open-batch} (two records appended to a batch that is
 * never committed) or {@code half-record} (a record's header half written through Chronicle
 * directly, as if the process died inside {@link JournalWriter#append}).
 */
public final class CrashingWriter
{
    /** Exit status of a process that reached the crash point. */
    static final int CRASHED = 3;

    private CrashingWriter()
    {
    }

    /**
     * @param args directory, number of whole records, crash mode.
     */
    public static void main(final String[] args)
    {
        final Path directory = Path.of(args[0]);
        final int whole = Integer.parseInt(args[1]);
        final List<byte[]> messages = TestMessages.inputs(whole + 2);
        if ("open-batch".equals(args[2]))
        {
            final JournalWriter writer = new JournalWriter(directory);
            for (int i = 0; i < whole; i++)
            {
                writer.append(new UnsafeBuffer(messages.get(i)), 0, messages.get(i).length, i);
            }
            writer.beginBatch();
            writer.append(new UnsafeBuffer(messages.get(whole)), 0, messages.get(whole).length, whole);
            writer.append(new UnsafeBuffer(messages.get(whole + 1)), 0, messages.get(whole + 1).length, whole + 1);
        }
        else
        {
            try (JournalWriter writer = new JournalWriter(directory))
            {
                for (int i = 0; i < whole; i++)
                {
                    writer.append(new UnsafeBuffer(messages.get(i)), 0, messages.get(i).length, i);
                }
            }
            final SingleChronicleQueue queue = JournalQueues.builder(directory).build();
            final ExcerptAppender appender = queue.createAppender();
            final DocumentContext document = appender.writingDocument();
            document.wire().bytes().writeLong(whole).writeInt(12345);
        }
        Runtime.getRuntime().halt(CRASHED);
    }
}
