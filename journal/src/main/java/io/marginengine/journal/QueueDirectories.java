package io.marginengine.journal;

import java.nio.file.Path;

/**
 * Where an engine keeps its two queues, inside one engine directory. Both hold records of
 * {@link JournalRecordDescriptor}, written by a {@link JournalWriter} and read by a
 * {@link JournalReader}:
 * <ul>
 * <li>the <b>input journal</b>: every input, journaled before it takes effect; the journal
 * index of a record is the {@code cause} its outputs carry, and replaying the journal
 * rebuilds the state;</li>
 * <li>the <b>output queue</b>: every output, for other processes to tail. The framing is the
 * same: its journal index is the output's own sequence, its receive time when the engine
 * published it, and the journal index of the causing input is the {@code cause} field inside
 * every output message.</li>
 * </ul>
 */
public final class QueueDirectories
{
    /** Name of the input journal's directory. */
    public static final String INPUT_JOURNAL = "input-journal";

    /** Name of the output queue's directory. */
    public static final String OUTPUT_QUEUE = "output-queue";

    private QueueDirectories()
    {
    }

    /**
     * @param engineDirectory the engine's data directory.
     * @return the input journal's directory inside it.
     */
    public static Path inputJournal(final Path engineDirectory)
    {
        return engineDirectory.resolve(INPUT_JOURNAL);
    }

    /**
     * @param engineDirectory the engine's data directory.
     * @return the output queue's directory inside it.
     */
    public static Path outputQueue(final Path engineDirectory)
    {
        return engineDirectory.resolve(OUTPUT_QUEUE);
    }
}
