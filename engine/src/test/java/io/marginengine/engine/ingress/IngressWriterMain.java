package io.marginengine.engine.ingress;

import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.codec.JsonInputEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stands in for a matching engine in another process: writes the inputs of a JSON Lines
 * file into an ingress queue. {@code IngressWriterMain QUEUE_DIR INPUT.jsonl}.
 */
public final class IngressWriterMain
{
    private IngressWriterMain()
    {
    }

    /**
     * @param args queue directory and input file.
     * @throws Exception on failure, which fails the calling test.
     */
    public static void main(final String[] args) throws Exception
    {
        final List<String> lines = Files.readAllLines(Path.of(args[1]));
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        try (JournalWriter writer = new JournalWriter(Path.of(args[0])))
        {
            for (final String line : lines)
            {
                if (!line.isBlank())
                {
                    writer.append(buffer, 0, encoder.encode(line, buffer, 0), System.nanoTime());
                }
            }
        }
    }
}
