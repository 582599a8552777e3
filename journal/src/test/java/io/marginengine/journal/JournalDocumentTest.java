package io.marginengine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;
import org.junit.jupiter.api.Test;

import static io.marginengine.journal.JournalRecordDescriptor.HEADER_LENGTH;
import static io.marginengine.journal.JournalRecordDescriptor.MESSAGE_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The document flyweight reads records from bytes that are not a mapped file (by copying
 * them), and refuses, with a sentence, a document whose lengths do not add up.
 */
class JournalDocumentTest
{
    @Test
    void readsRecordsFromOnHeapBytesByCopyingThem()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeLong(41).writeLong(1000).writeLong(-1).writeInt(3).writeByte((byte)7).writeByte((byte)8).writeByte((byte)9);
        bytes.writeLong(42).writeLong(1001).writeLong(17).writeInt(0);
        final JournalDocument document = new JournalDocument().wrap(new FakeContext(bytes));

        assertEquals(2 * HEADER_LENGTH + 3, document.length());
        assertEquals(41, document.firstJournalIndex());
        assertEquals(42, document.lastJournalIndex());
        assertEquals(1000, document.receiveTimeAt(0));
        assertEquals(3, document.messageLengthAt(0));
        assertEquals(8, document.buffer().getByte(MESSAGE_OFFSET + 1));
        final int second = document.nextRecordOffset(0);
        assertEquals(HEADER_LENGTH + 3, second);
        assertEquals(1001, document.receiveTimeAt(second));
        assertEquals(-1, document.sourcePositionAt(0));
        assertEquals(17, document.sourcePositionAt(second));
        assertEquals(document.length(), document.nextRecordOffset(second));
    }

    @Test
    void refusesALengthThatRunsPastTheDocument()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeLong(0).writeLong(0).writeLong(0).writeInt(100).writeLong(0);
        final JournalDocument document = new JournalDocument().wrap(new FakeContext(bytes));

        final IllegalStateException refused = assertThrows(IllegalStateException.class, document::lastJournalIndex);
        assertEquals("not a journal record: the Chronicle document at index 0x2a, at offset 0 of 36, " +
            "has a record whose message length is 100 but 8 bytes follow its header", refused.getMessage());
    }

    @Test
    void refusesADocumentTooShortForARecordHeader()
    {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeLong(5).writeInt(1);
        final JournalDocument document = new JournalDocument().wrap(new FakeContext(bytes));

        final IllegalStateException refused = assertThrows(IllegalStateException.class, document::firstJournalIndex);
        assertEquals("not a journal record: the Chronicle document at index 0x2a, at offset 0 of 12, " +
            "has 12 bytes where a record header of 28 bytes was expected", refused.getMessage());
    }

    /**
     * A reading context over bytes on the heap, at Chronicle index 42.
     */
    private static final class FakeContext implements DocumentContext
    {
        private final Wire wire;

        FakeContext(final Bytes<?> bytes)
        {
            wire = WireType.BINARY_LIGHT.apply(bytes);
        }

        @Override
        public boolean isMetaData()
        {
            return false;
        }

        @Override
        public boolean isPresent()
        {
            return true;
        }

        @Override
        public Wire wire()
        {
            return wire;
        }

        @Override
        public boolean isNotComplete()
        {
            return false;
        }

        @Override
        public void close()
        {
        }

        @Override
        public void reset()
        {
        }

        @Override
        public int sourceId()
        {
            return 0;
        }

        @Override
        public long index()
        {
            return 42;
        }
    }
}
