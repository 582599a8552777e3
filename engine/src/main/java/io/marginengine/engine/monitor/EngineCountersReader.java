package io.marginengine.engine.monitor;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static io.marginengine.engine.monitor.CountersFileDescriptor.HEADER_LENGTH;
import static io.marginengine.engine.monitor.CountersFileDescriptor.METADATA_LENGTH_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.PID_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.START_TIME_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.STOP_TIME_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VALUES_LENGTH_OFFSET;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VERSION;
import static io.marginengine.engine.monitor.CountersFileDescriptor.VERSION_OFFSET;

/**
 * Reads an engine's counters file from outside the engine, while it runs or after it
 * stopped: maps the file read-only, checks its header (see {@link CountersFileDescriptor})
 * and reads the counters through an Agrona {@link CountersReader}. Values are read with
 * acquire semantics; the engine writes {@code inputs} last at the end of each batch, so a
 * reader that sees {@code inputs} = n sees every other counter at least as of input n.
 * <p>
 * An engine that restarts replaces the file; a reader keeps seeing the old one until it is
 * opened again.
 */
public final class EngineCountersReader implements AutoCloseable
{
    /** Receives each counter. */
    @FunctionalInterface
    public interface CounterVisitor
    {
        /**
         * @param counterId the counter's id in the file.
         * @param typeId    its type, one of the {@code EngineCounters.*_TYPE_ID}.
         * @param key       its key: the reject code's value for rejects by code, else 0.
         * @param label     its label.
         * @param value     its value now.
         */
        void onCounter(int counterId, int typeId, int key, String label, long value);
    }

    private final Path file;
    private final MappedByteBuffer mapped;
    private final AtomicBuffer header;
    private final CountersReader counters;

    private EngineCountersReader(final Path file, final MappedByteBuffer mapped)
    {
        this.file = file;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped);
        this.counters = new CountersReader(
            CountersFileDescriptor.metaDataBuffer(header), CountersFileDescriptor.valuesBuffer(header));
    }

    /**
     * Opens the counters file in a directory.
     *
     * @param directory the engine's counters directory.
     * @return the reader; close it to unmap the file.
     * @throws CountersUnavailableException when the file is missing, was never written by an
     *                                      engine, or has another layout version.
     */
    public static EngineCountersReader open(final Path directory)
    {
        final Path file = CountersFileDescriptor.file(directory);
        final long size = sizeOf(file, directory);
        if (size < HEADER_LENGTH)
        {
            throw new CountersUnavailableException("counters file " + file + " is " + size +
                " bytes, shorter than its " + HEADER_LENGTH + "-byte header: no engine has written it");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file.toFile(), FileChannel.MapMode.READ_ONLY, "counters");
        try
        {
            checkLayout(file, size, new UnsafeBuffer(mapped));
        }
        catch (final CountersUnavailableException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
        return new EngineCountersReader(file, mapped);
    }

    private static long sizeOf(final Path file, final Path directory)
    {
        if (!Files.isRegularFile(file))
        {
            throw new CountersUnavailableException("no counters file " + file + ": no engine has run with countersDir " +
                directory + " (scripts/engine.sh CONFIG starts one)");
        }
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the size of counters file " + file, ex);
        }
    }

    private static void checkLayout(final Path file, final long size, final AtomicBuffer header)
    {
        final int version = header.getIntVolatile(VERSION_OFFSET);
        if (version == 0)
        {
            throw new CountersUnavailableException("counters file " + file +
                " has no layout yet: no engine has finished writing it (one may be starting)");
        }
        if (version != VERSION)
        {
            throw new CountersUnavailableException("counters file " + file + " has layout version " + version +
                ": expected version " + VERSION + " (written by another build of the engine)");
        }
        final long expected = (long)HEADER_LENGTH + header.getInt(METADATA_LENGTH_OFFSET) + header.getInt(VALUES_LENGTH_OFFSET);
        if (size < expected)
        {
            throw new CountersUnavailableException("counters file " + file + " is " + size + " bytes: expected " + expected +
                " as its header says");
        }
    }

    /** @return the file read. */
    public Path file()
    {
        return file;
    }

    /** @return process id of the engine that wrote the file. */
    public long pid()
    {
        return header.getLongVolatile(PID_OFFSET);
    }

    /** @return when that engine started, epoch milliseconds. */
    public long startTimeMs()
    {
        return header.getLongVolatile(START_TIME_OFFSET);
    }

    /** @return when that engine stopped cleanly, epoch milliseconds; 0 while it runs (or if it died). */
    public long stopTimeMs()
    {
        return header.getLongVolatile(STOP_TIME_OFFSET);
    }

    /** @return true while the engine that wrote the file is running (not stopped, its process alive). */
    public boolean engineRunning()
    {
        return stopTimeMs() == 0 && ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * One sentence on the writing engine: running since when, stopped cleanly, or gone without
     * stopping.
     *
     * @param nowMs the time now, epoch milliseconds.
     * @return the sentence.
     */
    public String engineState(final long nowMs)
    {
        final long start = startTimeMs();
        final long stop = stopTimeMs();
        final String engine = "engine pid " + pid();
        if (stop != 0)
        {
            return engine + " stopped cleanly at " + Instant.ofEpochMilli(stop) + " after " + uptime(stop - start) +
                "; these are its last values";
        }
        if (!engineRunning())
        {
            return engine + " is gone without stopping cleanly (killed or crashed); these are its last values";
        }
        return engine + " running since " + Instant.ofEpochMilli(start) + " (up " + uptime(nowMs - start) + ")";
    }

    private static String uptime(final long millis)
    {
        final Duration d = Duration.ofMillis(Math.max(0, millis));
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /**
     * Visits every allocated counter in id order.
     *
     * @param visitor receives each counter.
     */
    public void forEach(final CounterVisitor visitor)
    {
        counters.forEach((CountersReader.MetaData)(counterId, typeId, keyBuffer, label) ->
            visitor.onCounter(counterId, typeId, keyBuffer.getInt(0), label, counters.getCounterValue(counterId)));
    }

    /**
     * @param typeId a counter type, one of the {@code EngineCounters.*_TYPE_ID}.
     * @return the value of the first counter of that type.
     * @throws IllegalArgumentException when the file has no counter of that type.
     */
    public long value(final int typeId)
    {
        return counters.getCounterValue(find(typeId, 0, false));
    }

    /**
     * @param typeId a counter type.
     * @param key    the counter's key (a reject code's value for rejects by code).
     * @return the value of the counter of that type and key.
     * @throws IllegalArgumentException when the file has no such counter.
     */
    public long value(final int typeId, final int key)
    {
        return counters.getCounterValue(find(typeId, key, true));
    }

    private int find(final int typeId, final int key, final boolean matchKey)
    {
        final AtomicBuffer metaData = counters.metaDataBuffer();
        for (int id = 0; id <= counters.maxCounterId(); id++)
        {
            final int state = counters.getCounterState(id);
            if (state == CountersReader.RECORD_UNUSED)
            {
                break;
            }
            if (state == CountersReader.RECORD_ALLOCATED && counters.getCounterTypeId(id) == typeId &&
                (!matchKey || metaData.getInt(CountersReader.metaDataOffset(id) + CountersReader.KEY_OFFSET) == key))
            {
                return id;
            }
        }
        throw new IllegalArgumentException("counters file " + file + " has no counter of type " + typeId +
            (matchKey ? " with key " + key : "") + ": expected one written by EngineCounters");
    }

    /** Unmaps the file. */
    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
