package io.marginengine.engine.pipeline;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.snapshot.SnapshotWriter;

/**
 * Decides, on the processor thread at the end of each Disruptor batch, whether to take a
 * snapshot, and takes it: copies the processor's state into the {@link SnapshotWriter}'s
 * image and hands it over. A snapshot falls due when, since the last one, {@code
 * intervalInputs} inputs were processed, or input time ({@code ts}) moved {@code intervalNs},
 * or one was requested ({@link #request()}, from any thread). It is taken at the end of the
 * batch in which it falls due, or, while the writer is still busy with the previous one, at
 * the end of the first batch after. The processor thread stops for the copy only; the copy
 * allocates nothing.
 * <p>
 * A requested snapshot of an engine that receives no input waits for the next input: the
 * processor thread runs only when there is one.
 */
public final class SnapshotScheduler
{
    private final MarginProcessor processor;
    private final SnapshotWriter writer;
    private final long intervalInputs;
    private final long intervalNs;
    private volatile boolean requested;
    private long inputsAtLast;
    private long tsAtLast;
    private long indexAtLast;
    private volatile long lastCopyNs;
    private volatile long maxCopyNs;
    private volatile long taken;

    /**
     * @param processor      the processor, restored and replayed already.
     * @param writer         the snapshot writer.
     * @param intervalInputs inputs between snapshots, 0 for none by count.
     * @param intervalNs     input time between snapshots, 0 for none by time.
     * @param indexAtLast    journal index of the newest snapshot on disk, or -1: the interval counts from the state now.
     */
    public SnapshotScheduler(
        final MarginProcessor processor, final SnapshotWriter writer, final long intervalInputs, final long intervalNs,
        final long indexAtLast)
    {
        this.processor = processor;
        this.writer = writer;
        this.intervalInputs = intervalInputs;
        this.intervalNs = intervalNs;
        this.inputsAtLast = processor.inputs();
        this.tsAtLast = processor.lastTs();
        this.indexAtLast = indexAtLast;
    }

    /** Asks for a snapshot at the end of the next batch; any thread. */
    public void request()
    {
        requested = true;
    }

    /**
     * At the end of a batch, on the processor thread: takes a snapshot when one is due and the
     * writer is free.
     */
    public void onEndOfBatch()
    {
        if (tsAtLast == Long.MIN_VALUE)
        {
            tsAtLast = processor.lastTs();
        }
        final boolean due = requested ||
            (intervalInputs > 0 && processor.inputs() - inputsAtLast >= intervalInputs) ||
            (intervalNs > 0 && tsAtLast != Long.MIN_VALUE && processor.lastTs() - tsAtLast >= intervalNs);
        if (due && writer.isIdle())
        {
            takeNow();
        }
    }

    /**
     * Takes a snapshot now, unless the state is the one the last snapshot holds. Only on the
     * thread that owns the processor (the processor thread, or any thread once the ring has
     * stopped), and only while the writer is idle.
     *
     * @return true when a snapshot was handed to the writer.
     */
    public boolean takeNow()
    {
        requested = false;
        final long index = processor.lastJournalIndex();
        inputsAtLast = processor.inputs();
        tsAtLast = processor.lastTs();
        if (index == MarginProcessor.NO_INPUT || index == indexAtLast)
        {
            return false;
        }
        final long start = System.nanoTime();
        // grows only when the deadline heap outgrew its planned size (see DeadlineQueue): allocates then
        writer.image().ensureCapacity(processor.maxStateLength());
        processor.copyStateTo(writer.image());
        final long copyNs = System.nanoTime() - start;
        writer.submit(index, processor.lastTs(), processor.outputsPublished(), copyNs);
        indexAtLast = index;
        lastCopyNs = copyNs;
        maxCopyNs = Math.max(maxCopyNs, copyNs);
        taken++;
        return true;
    }

    /** @return snapshots handed to the writer since start. */
    public long taken()
    {
        return taken;
    }

    /** @return how long the processor thread spent copying the state for the last snapshot. */
    public long lastCopyNs()
    {
        return lastCopyNs;
    }

    /** @return the longest copy since start. */
    public long maxCopyNs()
    {
        return maxCopyNs;
    }

    /** @return the snapshot writer. */
    public SnapshotWriter writer()
    {
        return writer;
    }
}
