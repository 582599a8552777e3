package io.marginengine.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A record's source position, the place an ingress read it from, is kept and read back;
 * records appended without one carry {@link JournalRecordDescriptor#NO_SOURCE_POSITION}.
 */
class JournalSourcePositionTest
{
    @Test
    void sourcePositionsRoundTrip(@TempDir final Path dir)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
        try (JournalWriter writer = new JournalWriter(dir))
        {
            writer.append(message, 0, 16, 1);
            writer.beginBatch();
            writer.append(message, 0, 16, 2, 40);
            writer.append(message, 0, 16, 3, 41);
            writer.commitBatch();
        }
        final List<Long> positions = new ArrayList<>();
        try (JournalReader reader = new JournalReader(dir))
        {
            reader.poll((index, time, buffer, offset, length) -> positions.add(reader.sourcePosition()), 10);
        }
        assertEquals(List.of(JournalRecordDescriptor.NO_SOURCE_POSITION, 40L, 41L), positions);
    }
}
