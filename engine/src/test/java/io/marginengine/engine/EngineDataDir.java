package io.marginengine.engine;

import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.engine.snapshot.SnapshotDescriptor;
import io.marginengine.engine.snapshot.StateDigest;
import io.marginengine.engine.testkit.RecordedStream;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An engine data directory for recovery tests: the input journal, the output queue and the
 * snapshots, an engine launched on it with both queues, and the ground truth to compare with
 * (a processor fed the same inputs directly, never stopped).
 */
final class EngineDataDir
{
    final Path dir;

    EngineDataDir(final Path dir)
    {
        this.dir = dir;
    }

    Path journal()
    {
        return QueueDirectories.inputJournal(dir);
    }

    Path outputQueue()
    {
        return QueueDirectories.outputQueue(dir);
    }

    Path snapshots()
    {
        return dir.resolve("snapshots");
    }

    /** An engine on this directory, and its output queue sink (closed with it). */
    static final class Running implements AutoCloseable
    {
        final MarginEngine engine;
        private final OutputQueueSink queue;

        Running(final MarginEngine engine, final OutputQueueSink queue)
        {
            this.engine = engine;
            this.queue = queue;
        }

        void publish(final RecordedStream stream, final int from, final int to)
        {
            publish(stream, from, to, 0);
        }

        /** Publishes, pausing 3 ms after every {@code pauseEvery} inputs (0: never) so the snapshot writer keeps up. */
        void publish(final RecordedStream stream, final int from, final int to, final int pauseEvery)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            for (int i = from; i < to; i++)
            {
                buffer.wrap(stream.inputs().get(i));
                engine.publisher().publish(buffer, 0, buffer.capacity());
                if (pauseEvery > 0 && i % pauseEvery == 0)
                {
                    java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
                }
            }
        }

        private boolean closed;

        /** Stops the engine cleanly (drain, last snapshot) so its state can be read; closing again does nothing. */
        void stop()
        {
            close();
        }

        @Override
        public void close()
        {
            if (closed)
            {
                return;
            }
            closed = true;
            try
            {
                engine.close();
            }
            finally
            {
                queue.close();
            }
        }
    }

    /**
     * Launches an engine on the directory: recovery runs first.
     *
     * @param context   capacities and snapshot settings; its snapshot directory is set here
     *                  unless {@code snapshots} is false.
     * @param snapshots whether the engine keeps snapshots in {@link #snapshots()}.
     */
    Running launch(final Context context, final boolean snapshots)
    {
        context.snapshotDirectory(snapshots ? snapshots() : null);
        final OutputQueueSink queue = new OutputQueueSink(new JournalWriter(outputQueue()));
        final ChronicleInputJournal journal = new ChronicleInputJournal(new JournalWriter(journal()));
        try
        {
            return new Running(MarginEngine.launch(context, journal, queue), queue);
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            queue.close();
            throw ex;
        }
    }

    /** @return every record of a queue, as bytes, in order (indexes checked dense from 0). */
    static List<byte[]> records(final Path queue)
    {
        final List<byte[]> records = new ArrayList<>();
        if (!Files.isDirectory(queue))
        {
            return records;
        }
        try (JournalReader reader = new JournalReader(queue))
        {
            while (reader.poll((index, time, buffer, offset, length) ->
            {
                if (index != records.size())
                {
                    throw new AssertionError("queue " + queue + " record " + records.size() + " has index " + index);
                }
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                records.add(bytes);
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return records;
    }

    /** Writes records into a new queue, indexes from 0. */
    static void writeQueue(final Path queue, final List<byte[]> records)
    {
        try (JournalWriter writer = new JournalWriter(queue))
        {
            for (final byte[] record : records)
            {
                writer.append(new UnsafeBuffer(record), 0, record.length, 0);
            }
        }
    }

    /** Copies the input journal of another directory here. */
    void copyJournalFrom(final EngineDataDir other)
    {
        copyTree(other.journal(), journal());
    }

    static void copyTree(final Path from, final Path to)
    {
        try (Stream<Path> paths = Files.walk(from))
        {
            for (final Path path : (Iterable<Path>)paths::iterator)
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(path, target);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return journal indexes of the snapshot files here, highest first. */
    List<Long> snapshotIndexes()
    {
        try
        {
            return io.marginengine.engine.snapshot.SnapshotLoader.snapshotIndexes(snapshots());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    Path snapshotFile(final long index)
    {
        return snapshots().resolve(SnapshotDescriptor.fileName(index));
    }

    /** @return the outputs-published count in a snapshot file's header. */
    static long outputsOf(final Path snapshot)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(snapshot);
            return new UnsafeBuffer(bytes).getLong(SnapshotDescriptor.OUTPUTS_OFFSET, ByteOrder.LITTLE_ENDIAN);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Flips one bit of the byte at an offset of a file. */
    static void flipByte(final Path file, final long offset)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            bytes[(int)offset] ^= 0x10;
            Files.write(file, bytes);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The ground truth: a processor fed a stream's first inputs directly. */
    record Truth(List<byte[]> outputs, StateDigest digest, MarginProcessor processor)
    {
        static Truth of(final RecordedStream stream, final int inputs)
        {
            final List<byte[]> outputs = new ArrayList<>();
            final MarginProcessor processor = RecordedStream.collecting(RecordedStream.context(), outputs);
            stream.feed(processor, 0, inputs);
            return new Truth(outputs, processor.stateDigest(), processor);
        }
    }
}
