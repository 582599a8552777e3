package io.marginengine.journal;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * The framing of one journal record: the binary layout every {@link JournalWriter} writes and
 * every {@link JournalReader} reads, for the input journal and the output queue alike.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                  Journal Index (int64)                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Receive Time, ns (int64)                     |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Source Position (int64)                      |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Length (int32)                               |
 *  +---------------------------------------------------------------+
 *  |                  SBE message: header and body (Length bytes) ...
 *  +---------------------------------------------------------------+
 * </pre>
 * <ul>
 * <li><b>Journal index</b>: the record's position in its queue, dense from 0 (0, 1, 2, ...),
 * assigned by the writer. It is not Chronicle Queue's excerpt index, which encodes a roll
 * cycle and changes meaning when several records share one Chronicle document. In the input
 * journal it is what every output names as its {@code cause}; in the output queue it is the
 * output's own sequence.</li>
 * <li><b>Receive time</b>: nanoseconds from a clock the caller passes in (the writer reads no
 * clock). For an input, when the engine received it; for an output, when it was published.
 * Only for latency measurement and forensics: the processor's time is the message's
 * {@code ts}, never this field.</li>
 * <li><b>Source position</b>: for an input an ingress read from another process's queue, that
 * queue's journal index; else {@link #NO_SOURCE_POSITION}. A restarted ingress resumes after
 * the last source position the journal holds, so an input is never read twice and none is
 * skipped, whatever the moment of a crash.</li>
 * <li><b>Length</b>: of the SBE message that follows, in bytes, 0 to
 * {@link #MAX_MESSAGE_LENGTH}.</li>
 * </ul>
 * Records are packed back to back, without padding, inside a Chronicle Queue document: one
 * record per document for a single append, several for a batch. Fields are in the byte order
 * of the machine, little-endian on every platform Chronicle Queue runs on.
 */
public final class JournalRecordDescriptor
{
    /** Offset of the journal index within a record. */
    public static final int JOURNAL_INDEX_OFFSET = 0;

    /** Offset of the receive time within a record. */
    public static final int RECEIVE_TIME_OFFSET = JOURNAL_INDEX_OFFSET + SIZE_OF_LONG;

    /** Offset of the source position within a record. */
    public static final int SOURCE_POSITION_OFFSET = RECEIVE_TIME_OFFSET + SIZE_OF_LONG;

    /** Offset of the message length within a record. */
    public static final int LENGTH_OFFSET = SOURCE_POSITION_OFFSET + SIZE_OF_LONG;

    /** Offset of the SBE message (header first) within a record. */
    public static final int MESSAGE_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;

    /** Length of the framing before the message: 28 bytes. */
    public static final int HEADER_LENGTH = MESSAGE_OFFSET;

    /**
     * Longest message a record may hold, 1 MiB: far above any message of the contract, and
     * far below the 16 MiB a Chronicle document may span with the default block size.
     */
    public static final int MAX_MESSAGE_LENGTH = 1 << 20;

    /** Source position of a record that was not read from another process's queue. */
    public static final long NO_SOURCE_POSITION = -1;

    /** Sentinel for "no record": the journal index before the first, or of an empty journal. */
    public static final long NULL_INDEX = -1;

    private JournalRecordDescriptor()
    {
    }

    /**
     * The length a record takes for a message of the given length.
     *
     * @param messageLength length of the SBE message in bytes.
     * @return framing plus message.
     */
    public static int recordLength(final int messageLength)
    {
        return HEADER_LENGTH + messageLength;
    }

    /**
     * Checks a message length before anything is written, so a bad length can never leave half
     * a record in a document.
     *
     * @param length the message length to check.
     * @throws IllegalArgumentException naming the length and the allowed range.
     */
    public static void checkMessageLength(final int length)
    {
        if (length < 0 || length > MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException(
                "journal message length " + length + " is out of range: expected 0 to " + MAX_MESSAGE_LENGTH);
        }
    }
}
