package io.marginengine.engine.monitor;

import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of the counters file an engine writes and {@code scripts/stat.sh} reads: a small
 * header, then the metadata and values buffers of an Agrona {@code CountersManager}, one after
 * the other in one memory-mapped file (the idea of Aeron's CnC file, much simplified).
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                  Layout Version (written last)                |  VERSION_OFFSET
 *  +---------------------------------------------------------------+
 *  |                    Metadata Buffer Length                     |  METADATA_LENGTH_OFFSET
 *  +---------------------------------------------------------------+
 *  |                     Values Buffer Length                      |  VALUES_LENGTH_OFFSET
 *  +---------------------------------------------------------------+
 *  |                           (unused)                            |
 *  +---------------------------------------------------------------+
 *  |                      Engine Process Id                        |  PID_OFFSET
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Start Time, epoch milliseconds               |  START_TIME_OFFSET
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |          Stop Time, epoch milliseconds, 0 while running       |  STOP_TIME_OFFSET
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              padding to HEADER_LENGTH (128 bytes)            ...
 *  +---------------------------------------------------------------+
 *  |      Metadata Buffer (MAX_COUNTERS x METADATA_LENGTH)        ...
 *  +---------------------------------------------------------------+
 *  |       Values Buffer (MAX_COUNTERS x COUNTER_LENGTH)          ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The writer fills everything else first and stores the version last with release
 * semantics, so a reader that sees the version sees a complete layout. Counter values are
 * cache-line aligned because the header is a multiple of the cache line.
 */
public final class CountersFileDescriptor
{
    /** Version of this layout; a file with another value is refused. */
    public static final int VERSION = 1;

    /** Name of the counters file inside the counters directory. */
    public static final String FILE_NAME = "counters.dat";

    /** Counters the file has room for. */
    public static final int MAX_COUNTERS = 64;

    /** Offset of the layout version, 0 until the writer has finished the layout. */
    public static final int VERSION_OFFSET = 0;

    /** Offset of the metadata buffer's length. */
    public static final int METADATA_LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_INT;

    /** Offset of the values buffer's length. */
    public static final int VALUES_LENGTH_OFFSET = METADATA_LENGTH_OFFSET + SIZE_OF_INT;

    /** Offset of the writing engine's process id (after one unused int, for 8-byte alignment). */
    public static final int PID_OFFSET = VALUES_LENGTH_OFFSET + 2 * SIZE_OF_INT;

    /** Offset of the engine's start time. */
    public static final int START_TIME_OFFSET = PID_OFFSET + SIZE_OF_LONG;

    /** Offset of the engine's stop time; 0 while it runs. */
    public static final int STOP_TIME_OFFSET = START_TIME_OFFSET + SIZE_OF_LONG;

    /** Length of the header: the fields above, padded to two cache lines. */
    public static final int HEADER_LENGTH = BitUtil.align(STOP_TIME_OFFSET + SIZE_OF_LONG, 2 * BitUtil.CACHE_LINE_LENGTH);

    /** Length of the metadata buffer. */
    public static final int METADATA_BUFFER_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;

    /** Length of the values buffer. */
    public static final int VALUES_BUFFER_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;

    /** Length of the whole file. */
    public static final int FILE_LENGTH = HEADER_LENGTH + METADATA_BUFFER_LENGTH + VALUES_BUFFER_LENGTH;

    private CountersFileDescriptor()
    {
    }

    /**
     * Where counters go when the configuration names no directory: under {@code /dev/shm}
     * where it exists (a memory file system, so the page the processor writes is never
     * written back to a disk), else under {@code java.io.tmpdir}.
     *
     * @return the default counters directory.
     */
    public static Path defaultDirectory()
    {
        final Path shm = Path.of("/dev/shm");
        final Path parent = Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return parent.resolve("margin-engine");
    }

    /**
     * @param directory a counters directory.
     * @return the counters file in it.
     */
    public static Path file(final Path directory)
    {
        return directory.resolve(FILE_NAME);
    }

    /**
     * @param file the whole mapped file.
     * @return a view of its metadata buffer, with the length the header gives.
     */
    public static AtomicBuffer metaDataBuffer(final AtomicBuffer file)
    {
        return new UnsafeBuffer(file, HEADER_LENGTH, file.getInt(METADATA_LENGTH_OFFSET));
    }

    /**
     * @param file the whole mapped file.
     * @return a view of its values buffer, with the length the header gives.
     */
    public static AtomicBuffer valuesBuffer(final AtomicBuffer file)
    {
        return new UnsafeBuffer(file, HEADER_LENGTH + file.getInt(METADATA_LENGTH_OFFSET), file.getInt(VALUES_LENGTH_OFFSET));
    }
}
