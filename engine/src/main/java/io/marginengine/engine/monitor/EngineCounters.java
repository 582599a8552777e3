package io.marginengine.engine.monitor;

import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.sbe.RejectCode;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static io.marginengine.engine.monitor.CountersFileDescriptor.FILE_LENGTH;
import static io.marginengine.engine.monitor.CountersFileDescriptor.METADATA_BUFFER_LENGTH;
import static io.marginengine.engine.monitor.CountersFileDescriptor.METADATA_LENGTH_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.PID_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.START_TIME_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.STOP_TIME_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VALUES_BUFFER_LENGTH;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VALUES_LENGTH_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VERSION;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VERSION_OFFSET;

/**
 * The engine's monitoring counters, written into a memory-mapped file (layout in
 * {@link CountersFileDescriptor}) so another process can read them while the engine runs
 * ({@link EngineCountersReader}, {@code scripts/stat.sh}).
 * <p>
 * Writers, one per counter: the processor thread at the end of each Disruptor batch
 * ({@link #onBatchEnd}: inputs, rejects in total and by code, margin calls, liquidations,
 * outputs, ring occupancy and its peak, journal position), and the ingress thread (lines it
 * skipped, {@link #ingressSkipped}). Values are stored with release semantics and without
 * allocation; {@code inputs} is stored last, so a reader that sees it sees the rest of the
 * same batch. Between batches the counters keep their last values.
 */
public final class EngineCounters implements AutoCloseable
{
    /** Type of the counter of inputs processed, refused ones included. */
    public static final int INPUTS_TYPE_ID = 1;
    /** Type of the counter of inputs refused, all codes. */
    public static final int REJECTS_TYPE_ID = 2;
    /** Type of the counters of inputs refused with one code; the key is the code's value. */
    public static final int REJECTS_BY_CODE_TYPE_ID = 3;
    /** Type of the counter of margin calls issued. */
    public static final int MARGIN_CALLS_TYPE_ID = 4;
    /** Type of the counter of ladders that went into liquidation. */
    public static final int LIQUIDATIONS_TYPE_ID = 5;
    /** Type of the counter of outputs published. */
    public static final int OUTPUTS_TYPE_ID = 6;
    /** Type of the counter of ring slots in use after the last batch (claimed, not yet processed). */
    public static final int RING_OCCUPANCY_TYPE_ID = 7;
    /** Type of the counter of the most ring slots seen in use after a batch. */
    public static final int RING_OCCUPANCY_PEAK_TYPE_ID = 8;
    /** Type of the counter of the journal's position: the index the next journaled input gets. */
    public static final int JOURNAL_POSITION_TYPE_ID = 9;
    /** Type of the counter of ingress lines skipped as malformed before reaching the ring. */
    public static final int INGRESS_SKIPPED_TYPE_ID = 10;

    private static final RejectCode[] REJECT_CODES = rejectCodes();

    private final Path file;
    private final MappedByteBuffer mapped;
    private final AtomicBuffer header;
    private final AtomicCounter inputs;
    private final AtomicCounter rejects;
    private final AtomicCounter[] rejectsByCode = new AtomicCounter[REJECT_CODES.length];
    private final AtomicCounter marginCalls;
    private final AtomicCounter liquidations;
    private final AtomicCounter outputs;
    private final AtomicCounter ringOccupancy;
    private final AtomicCounter ringOccupancyPeak;
    private final AtomicCounter journalPosition;
    private final AtomicCounter ingressSkipped;
    private long outputsCounted;
    private final OutputSink outputCounter = (buffer, offset, length) -> outputsCounted++;
    private long peakOccupancy;

    private EngineCounters(final Path file, final MappedByteBuffer mapped, final int ringSize)
    {
        this.file = file;
        this.mapped = mapped;
        header = new UnsafeBuffer(mapped);
        header.putInt(METADATA_LENGTH_OFFSET, METADATA_BUFFER_LENGTH);
        header.putInt(VALUES_LENGTH_OFFSET, VALUES_BUFFER_LENGTH);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(START_TIME_OFFSET, System.currentTimeMillis());
        final CountersManager manager = new CountersManager(CountersFileDescriptor.metaDataBuffer(header),
            CountersFileDescriptor.valuesBuffer(header), StandardCharsets.US_ASCII);
        inputs = manager.newCounter("inputs", INPUTS_TYPE_ID);
        rejects = manager.newCounter("rejects", REJECTS_TYPE_ID);
        for (int i = 0; i < REJECT_CODES.length; i++)
        {
            final int code = REJECT_CODES[i].value();
            rejectsByCode[i] = manager.newCounter("rejects " + REJECT_CODES[i], REJECTS_BY_CODE_TYPE_ID,
                key -> key.putInt(0, code));
        }
        marginCalls = manager.newCounter("margin calls", MARGIN_CALLS_TYPE_ID);
        liquidations = manager.newCounter("liquidations", LIQUIDATIONS_TYPE_ID);
        outputs = manager.newCounter("outputs", OUTPUTS_TYPE_ID);
        ringOccupancy = manager.newCounter("ring occupancy (slots of " + ringSize + ")", RING_OCCUPANCY_TYPE_ID);
        ringOccupancyPeak = manager.newCounter("ring occupancy peak", RING_OCCUPANCY_PEAK_TYPE_ID);
        journalPosition = manager.newCounter("journal position (next index)", JOURNAL_POSITION_TYPE_ID);
        ingressSkipped = manager.newCounter("ingress lines skipped", INGRESS_SKIPPED_TYPE_ID);
        header.putIntRelease(VERSION_OFFSET, VERSION);
    }

    /**
     * Creates the counters file in a directory (made if missing), replacing a file left by an
     * engine that is no longer running, and lays out every counter at 0.
     *
     * @param directory the counters directory.
     * @param ringSize  slots of the engine's ring, shown with the occupancy.
     * @return the counters; close them after the engine.
     * @throws IllegalStateException when a running engine still writes the file there.
     */
    public static EngineCounters create(final Path directory, final int ringSize)
    {
        final Path file = CountersFileDescriptor.file(directory);
        refuseIfInUse(directory, file);
        try
        {
            Files.createDirectories(directory);
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create counters file " + file + ": " + ex.getMessage(), ex);
        }
        return new EngineCounters(file, IoUtil.mapNewFile(file.toFile(), FILE_LENGTH), ringSize);
    }

    private static void refuseIfInUse(final Path directory, final Path file)
    {
        if (!Files.exists(file))
        {
            return;
        }
        try (EngineCountersReader previous = EngineCountersReader.open(directory))
        {
            if (previous.engineRunning() && previous.pid() != ProcessHandle.current().pid())
            {
                throw new IllegalStateException("countersDir " + directory + " is in use by the running engine pid " +
                    previous.pid() + ": expected a directory of this engine's own");
            }
        }
        catch (final CountersUnavailableException ex)
        {
            // a partial or foreign file is replaced like a stale one
        }
    }

    private static RejectCode[] rejectCodes()
    {
        int n = 0;
        final RejectCode[] all = RejectCode.values();
        final RejectCode[] codes = new RejectCode[all.length];
        for (final RejectCode code : all)
        {
            if (code != RejectCode.ACCEPTED && code != RejectCode.NULL_VAL)
            {
                codes[n++] = code;
            }
        }
        return Arrays.copyOf(codes, n);
    }

    /** @return the counters file. */
    public Path file()
    {
        return file;
    }

    /**
     * @return a sink that counts every output it is given (and does nothing else); add it to
     * the processor's sinks so {@link #onBatchEnd} can publish the count.
     */
    public OutputSink outputCounter()
    {
        return outputCounter;
    }

    /**
     * Publishes the processor's tallies and the pipeline's positions. Called on the processor
     * thread after the last input of each Disruptor batch; allocates nothing.
     *
     * @param processor       the processor whose tallies are published.
     * @param ringUsed        ring slots claimed by producers and not yet processed.
     * @param journalPosition the index the next journaled input will get.
     */
    public void onBatchEnd(final MarginProcessor processor, final long ringUsed, final long journalPosition)
    {
        rejects.setRelease(processor.rejects());
        for (int i = 0; i < REJECT_CODES.length; i++)
        {
            rejectsByCode[i].setRelease(processor.rejects(REJECT_CODES[i]));
        }
        marginCalls.setRelease(processor.marginCalls());
        liquidations.setRelease(processor.liquidations());
        outputs.setRelease(outputsCounted);
        ringOccupancy.setRelease(ringUsed);
        if (ringUsed > peakOccupancy)
        {
            peakOccupancy = ringUsed;
            ringOccupancyPeak.setRelease(ringUsed);
        }
        this.journalPosition.setRelease(journalPosition);
        inputs.setRelease(processor.inputs());
    }

    /**
     * Publishes how many ingress lines were skipped as malformed. Called by the one ingress
     * thread.
     *
     * @param total lines skipped since start.
     */
    public void ingressSkipped(final long total)
    {
        ingressSkipped.setRelease(total);
    }

    /** Records the stop time (readers then show the engine as stopped cleanly) and unmaps the file. */
    @Override
    public void close()
    {
        header.putLongRelease(STOP_TIME_OFFSET, System.currentTimeMillis());
        IoUtil.unmap(mapped);
    }
}
