package io.marginengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.marginengine.journal.JournalRecordDescriptor.HEADER_LENGTH;
import static io.marginengine.journal.JournalRecordDescriptor.JOURNAL_INDEX_OFFSET;
import static io.marginengine.journal.JournalRecordDescriptor.LENGTH_OFFSET;
import static io.marginengine.journal.JournalRecordDescriptor.MAX_MESSAGE_LENGTH;
import static io.marginengine.journal.JournalRecordDescriptor.NULL_INDEX;
import static io.marginengine.journal.JournalRecordDescriptor.RECEIVE_TIME_OFFSET;
import static io.marginengine.journal.JournalRecordDescriptor.SOURCE_POSITION_OFFSET;

/**
 * Flyweight over the contents of one Chronicle document being read: the records of
 * {@link JournalRecordDescriptor}, packed back to back. Wrapping points a reused buffer at the
 * mapped file, so reading allocates nothing. Chronicle maps a file in chunks that overlap by
 * more than a document can span, so a document always lies inside one mapping; should one
 * not (or should the bytes not be off-heap), it is copied into a reused array instead.
 * <p>
 * Every length is checked against the document before it is used, so a document that is not
 * a journal's fails with a sentence instead of delivering garbage.
 */
final class JournalDocument
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private byte[] copy = new byte[0];
    private int length;
    private long chronicleIndex;

    /**
     * Points this flyweight at the document a reading context holds.
     *
     * @param context a present, data document of a journal queue.
     * @return this.
     */
    JournalDocument wrap(final DocumentContext context)
    {
        final Bytes<?> bytes = context.wire().bytes();
        final long position = bytes.readPosition();
        final long remaining = bytes.readRemaining();
        chronicleIndex = context.index();
        if (remaining > Integer.MAX_VALUE)
        {
            throw malformed(0, "is " + remaining + " bytes long");
        }
        length = (int)remaining;
        if (bytes.isDirectMemory())
        {
            // asking for the address first lets chunked mapped bytes move to the chunk holding it
            final long address = bytes.addressForRead(position);
            final BytesStore<?, ?> store = bytes.bytesStore();
            if (store != null && store.inside(position, remaining))
            {
                buffer.wrap(address, length);
                return this;
            }
        }
        copyOut(bytes, position);
        return this;
    }

    private void copyOut(final Bytes<?> bytes, final long position)
    {
        if (copy.length < length)
        {
            copy = new byte[Math.max(length, copy.length * 2)];
        }
        for (int i = 0; i < length; i++)
        {
            copy[i] = bytes.readByte(position + i);
        }
        buffer.wrap(copy, 0, length);
    }

    /**
     * @return the document's contents; valid until the reading context closes.
     */
    DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the length of the document's contents in bytes.
     */
    int length()
    {
        return length;
    }

    /**
     * @return Chronicle's index of the document, for error messages.
     */
    long chronicleIndex()
    {
        return chronicleIndex;
    }

    /**
     * @param recordOffset where a record starts.
     * @return its journal index.
     */
    long journalIndexAt(final int recordOffset)
    {
        checkHeader(recordOffset);
        return buffer.getLong(recordOffset + JOURNAL_INDEX_OFFSET);
    }

    /**
     * @param recordOffset where a record starts.
     * @return its receive time in nanoseconds.
     */
    long receiveTimeAt(final int recordOffset)
    {
        checkHeader(recordOffset);
        return buffer.getLong(recordOffset + RECEIVE_TIME_OFFSET);
    }

    /**
     * @param recordOffset where a record starts.
     * @return its source position.
     */
    long sourcePositionAt(final int recordOffset)
    {
        checkHeader(recordOffset);
        return buffer.getLong(recordOffset + SOURCE_POSITION_OFFSET);
    }

    /**
     * @param recordOffset where a record starts.
     * @return its message length, checked to lie inside the document.
     */
    int messageLengthAt(final int recordOffset)
    {
        checkHeader(recordOffset);
        final int messageLength = buffer.getInt(recordOffset + LENGTH_OFFSET);
        if (messageLength < 0 || messageLength > MAX_MESSAGE_LENGTH ||
            messageLength > length - recordOffset - HEADER_LENGTH)
        {
            throw malformed(recordOffset, "has a record whose message length is " + messageLength +
                " but " + (length - recordOffset - HEADER_LENGTH) + " bytes follow its header");
        }
        return messageLength;
    }

    /**
     * @param recordOffset where a record starts.
     * @return where the record after it starts; {@link #length()} after the last.
     */
    int nextRecordOffset(final int recordOffset)
    {
        return recordOffset + HEADER_LENGTH + messageLengthAt(recordOffset);
    }

    /**
     * @return the journal index of the first record.
     */
    long firstJournalIndex()
    {
        return journalIndexAt(0);
    }

    /**
     * Walks the records to the last one.
     *
     * @return the journal index of the last record.
     */
    long lastJournalIndex()
    {
        long last = NULL_INDEX;
        for (int offset = 0; offset < length; offset = nextRecordOffset(offset))
        {
            last = journalIndexAt(offset);
        }
        return last;
    }

    private void checkHeader(final int recordOffset)
    {
        if (recordOffset < 0 || recordOffset > length - HEADER_LENGTH)
        {
            throw malformed(recordOffset, "has " + (length - recordOffset) +
                " bytes where a record header of " + HEADER_LENGTH + " bytes was expected");
        }
    }

    private IllegalStateException malformed(final int recordOffset, final String what)
    {
        return new IllegalStateException("not a journal record: the Chronicle document at index 0x" +
            Long.toHexString(chronicleIndex) + ", at offset " + recordOffset + " of " + length + ", " + what);
    }
}
