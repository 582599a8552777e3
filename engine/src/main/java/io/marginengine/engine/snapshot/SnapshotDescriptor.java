package io.marginengine.engine.snapshot;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The layout of a snapshot file, {@code snapshot-<journalIndex>.snap}: a 128-byte header,
 * then the body, the {@link StateImage} of the whole state after the input at
 * {@code journalIndex} was applied. Little-endian.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  0  magic "MESNAPSH" (8 ASCII bytes)                          |
 *  +-------------------------------+-------------------------------+
 *  |  8  format version (int32)    | 12  header length (int32)     |
 *  +-------------------------------+-------------------------------+
 *  | 16  journal index covered: the last input applied (int64)     |
 *  | 24  ts of the last input that passed the time checks (int64)  |
 *  | 32  outputs published up to that input (int64): the output    |
 *  |     queue sequence of the next output                         |
 *  | 40  state digest, high 64 bits  } XXH3-128 of the body,       |
 *  | 48  state digest, low 64 bits   } see StateDigest             |
 *  | 56  body length in bytes (int64)                              |
 *  +-------------------------------+-------------------------------+
 *  | 64  body CRC32C (int32)       | 68  maxInstruments (int32)    |
 *  | 72  maxAccounts (int32)       | 76  maxPositionsPerAccount    |
 *  | 80  maxSources (int32)        | 84  reserved, 0               |
 *  +-------------------------------+-------------------------------+
 *  | 88  insuranceFundAccount (int64)                              |
 *  | 96  written at, ms since the epoch (int64; information only)  |
 *  |104  reserved, 0 (20 bytes)                                    |
 *  +-------------------------------+-------------------------------+
 *  |                               |124  header CRC32C of bytes    |
 *  |                               |     0 to 123 (int32)          |
 *  +-------------------------------+-------------------------------+
 *  |128  body (body length bytes)  ...                             |
 * </pre>
 * The header's own CRC32C guards the fields the body's cannot (the index, the lengths); the
 * body's CRC32C finds a damaged body cheaply, and its digest must match too. The capacities
 * and the fund account are those of the engine that wrote it: a restore checks the state
 * fits the engine's capacities, and refuses a different insurance fund account.
 */
public final class SnapshotDescriptor
{
    /** "MESNAPSH" in ASCII, read as a little-endian long. */
    public static final long MAGIC = 0x48535041_4E53454DL;
    /** The format this engine writes and reads. */
    public static final int FORMAT_VERSION = 1;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    /** Offset of the header length. */
    public static final int HEADER_LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    /** Offset of the journal index covered. */
    public static final int JOURNAL_INDEX_OFFSET = HEADER_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the ts. */
    public static final int TS_OFFSET = JOURNAL_INDEX_OFFSET + SIZE_OF_LONG;
    /** Offset of the outputs published. */
    public static final int OUTPUTS_OFFSET = TS_OFFSET + SIZE_OF_LONG;
    /** Offset of the digest's high bits. */
    public static final int DIGEST_HIGH_OFFSET = OUTPUTS_OFFSET + SIZE_OF_LONG;
    /** Offset of the digest's low bits. */
    public static final int DIGEST_LOW_OFFSET = DIGEST_HIGH_OFFSET + SIZE_OF_LONG;
    /** Offset of the body length. */
    public static final int BODY_LENGTH_OFFSET = DIGEST_LOW_OFFSET + SIZE_OF_LONG;
    /** Offset of the body's CRC32C. */
    public static final int BODY_CRC_OFFSET = BODY_LENGTH_OFFSET + SIZE_OF_LONG;
    /** Offset of maxInstruments. */
    public static final int MAX_INSTRUMENTS_OFFSET = BODY_CRC_OFFSET + SIZE_OF_INT;
    /** Offset of maxAccounts. */
    public static final int MAX_ACCOUNTS_OFFSET = MAX_INSTRUMENTS_OFFSET + SIZE_OF_INT;
    /** Offset of maxPositionsPerAccount. */
    public static final int MAX_POSITIONS_OFFSET = MAX_ACCOUNTS_OFFSET + SIZE_OF_INT;
    /** Offset of maxSources. */
    public static final int MAX_SOURCES_OFFSET = MAX_POSITIONS_OFFSET + SIZE_OF_INT;
    /** Offset of the insurance fund account. */
    public static final int FUND_ACCOUNT_OFFSET = MAX_SOURCES_OFFSET + 2 * SIZE_OF_INT;
    /** Offset of the wall-clock time of writing. */
    public static final int WRITTEN_AT_OFFSET = FUND_ACCOUNT_OFFSET + SIZE_OF_LONG;
    /** Offset of the header's CRC32C, its last field. */
    public static final int HEADER_CRC_OFFSET = 124;
    /** Length of the header; the body follows. */
    public static final int HEADER_LENGTH = HEADER_CRC_OFFSET + SIZE_OF_INT;

    /** Files are named {@code snapshot-<journalIndex>.snap}. */
    public static final String PREFIX = "snapshot-";
    /** Suffix of a snapshot file. */
    public static final String SUFFIX = ".snap";
    /** Suffix of a snapshot being written; renamed to {@link #SUFFIX} once it is whole and synced. */
    public static final String TEMP_SUFFIX = ".snap.tmp";

    private final UnsafeBuffer buffer;

    /**
     * A flyweight over a header.
     *
     * @param buffer holds the header at offset 0, at least {@link #HEADER_LENGTH} bytes.
     */
    public SnapshotDescriptor(final UnsafeBuffer buffer)
    {
        this.buffer = buffer;
    }

    /**
     * @param journalIndex the journal index a snapshot covers.
     * @return its file name.
     */
    public static String fileName(final long journalIndex)
    {
        return PREFIX + journalIndex + SUFFIX;
    }

    /**
     * @param fileName a file name.
     * @return the journal index of a snapshot file name, or -1 when the name is not one.
     */
    public static long journalIndexOf(final String fileName)
    {
        if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX) || fileName.endsWith(TEMP_SUFFIX))
        {
            return -1;
        }
        final String digits = fileName.substring(PREFIX.length(), fileName.length() - SUFFIX.length());
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9'))
        {
            return -1;
        }
        return Long.parseLong(digits);
    }

    /** @return the magic as read. */
    public long magic()
    {
        return buffer.getLong(MAGIC_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the format version. */
    public int version()
    {
        return buffer.getInt(VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the header length as written. */
    public int headerLength()
    {
        return buffer.getInt(HEADER_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the journal index of the last input the state includes. */
    public long journalIndex()
    {
        return buffer.getLong(JOURNAL_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the ts of the last input that passed the time checks. */
    public long ts()
    {
        return buffer.getLong(TS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return outputs published up to and including the covered input. */
    public long outputs()
    {
        return buffer.getLong(OUTPUTS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the state digest as written. */
    public StateDigest digest()
    {
        return new StateDigest(buffer.getLong(DIGEST_HIGH_OFFSET, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(DIGEST_LOW_OFFSET, ByteOrder.LITTLE_ENDIAN));
    }

    /** @return the body length. */
    public long bodyLength()
    {
        return buffer.getLong(BODY_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the body's CRC32C as written. */
    public int bodyCrc()
    {
        return buffer.getInt(BODY_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return maxInstruments of the writing engine. */
    public int maxInstruments()
    {
        return buffer.getInt(MAX_INSTRUMENTS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return maxAccounts of the writing engine. */
    public int maxAccounts()
    {
        return buffer.getInt(MAX_ACCOUNTS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return maxPositionsPerAccount of the writing engine. */
    public int maxPositionsPerAccount()
    {
        return buffer.getInt(MAX_POSITIONS_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return maxSources of the writing engine. */
    public int maxSources()
    {
        return buffer.getInt(MAX_SOURCES_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the insurance fund account of the writing engine. */
    public long insuranceFundAccount()
    {
        return buffer.getLong(FUND_ACCOUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return when it was written, ms since the epoch (information only). */
    public long writtenAtMs()
    {
        return buffer.getLong(WRITTEN_AT_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return the header's CRC32C as written. */
    public int headerCrc()
    {
        return buffer.getInt(HEADER_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a copy of the header's bytes, ready to write. */
    public java.nio.ByteBuffer toByteBuffer()
    {
        final byte[] bytes = new byte[HEADER_LENGTH];
        buffer.getBytes(0, bytes);
        return java.nio.ByteBuffer.wrap(bytes);
    }

    /** @return the CRC32C of header bytes 0 to 123, as computed now. */
    public int computeHeaderCrc()
    {
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[HEADER_CRC_OFFSET];
        buffer.getBytes(0, bytes);
        crc.update(bytes);
        return (int)crc.getValue();
    }

    /**
     * Fills a header and seals it with its CRC32C.
     *
     * @param journalIndex  journal index covered.
     * @param ts            ts of the state.
     * @param outputs       outputs published.
     * @param digest        the body's digest.
     * @param bodyLength    the body's length.
     * @param bodyCrc       the body's CRC32C.
     * @param capacities    maxInstruments, maxAccounts, maxPositionsPerAccount, maxSources.
     * @param fundAccount   insurance fund account.
     * @param writtenAtMs   wall-clock time.
     * @return this.
     */
    public SnapshotDescriptor fill(
        final long journalIndex, final long ts, final long outputs, final StateDigest digest, final long bodyLength,
        final int bodyCrc, final int[] capacities, final long fundAccount, final long writtenAtMs)
    {
        buffer.setMemory(0, HEADER_LENGTH, (byte)0);
        buffer.putLong(MAGIC_OFFSET, MAGIC, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(VERSION_OFFSET, FORMAT_VERSION, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(HEADER_LENGTH_OFFSET, HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(JOURNAL_INDEX_OFFSET, journalIndex, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(TS_OFFSET, ts, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(OUTPUTS_OFFSET, outputs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(DIGEST_HIGH_OFFSET, digest.high(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(DIGEST_LOW_OFFSET, digest.low(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(BODY_LENGTH_OFFSET, bodyLength, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(BODY_CRC_OFFSET, bodyCrc, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAX_INSTRUMENTS_OFFSET, capacities[0], ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAX_ACCOUNTS_OFFSET, capacities[1], ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAX_POSITIONS_OFFSET, capacities[2], ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MAX_SOURCES_OFFSET, capacities[3], ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(FUND_ACCOUNT_OFFSET, fundAccount, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(WRITTEN_AT_OFFSET, writtenAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(HEADER_CRC_OFFSET, computeHeaderCrc(), ByteOrder.LITTLE_ENDIAN);
        return this;
    }

    /**
     * What is wrong with the header, if anything, checked in the order a reader must trust
     * the fields: magic, header CRC, version, header length.
     *
     * @return a phrase ("its header fails its CRC32C check ..."), or null when it is sound.
     */
    public String headerProblem()
    {
        if (magic() != MAGIC)
        {
            return "it does not start with the snapshot magic MESNAPSH (found 0x" + Long.toHexString(magic()) + ")";
        }
        final int computed = computeHeaderCrc();
        if (computed != headerCrc())
        {
            return String.format("its header fails its CRC32C check (stored %08x, computed %08x)", headerCrc(), computed);
        }
        if (version() != FORMAT_VERSION)
        {
            return "it has format version " + version() + ": this engine reads version " + FORMAT_VERSION;
        }
        if (headerLength() != HEADER_LENGTH)
        {
            return "its header length is " + headerLength() + ": expected " + HEADER_LENGTH;
        }
        return null;
    }
}
