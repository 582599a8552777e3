package io.marginengine.engine.egress;

import io.marginengine.journal.codec.JsonOutputWriter;
import io.marginengine.journal.codec.MessageTypes;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes every output as one JSON Lines line (SPEC section 6) and counts outputs by type.
 * This is an edge for people and tools, not the hot path: it builds text.
 */
public final class JsonLinesSink implements OutputSink
{
    private final JsonOutputWriter writer = new JsonOutputWriter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final StringBuilder line = new StringBuilder(512);
    private final long[] countsByTemplate = new long[256];
    private final Writer out;

    /**
     * @param out where lines go; the caller closes it.
     */
    public JsonLinesSink(final Writer out)
    {
        this.out = out;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId >= 0 && templateId < countsByTemplate.length)
        {
            countsByTemplate[templateId]++;
        }
        line.setLength(0);
        if (writer.write(buffer, offset, line) < 0)
        {
            throw new IllegalStateException("output of template " + templateId + " cannot be written as JSON");
        }
        line.append('\n');
        try
        {
            out.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("writing outputs failed", ex);
        }
    }

    /** @return outputs written so far, by JSON type name, in name order. */
    public Map<String, Long> countsByType()
    {
        final Map<String, Long> counts = new TreeMap<>();
        for (int id = 0; id < countsByTemplate.length; id++)
        {
            if (countsByTemplate[id] > 0)
            {
                counts.put(MessageTypes.typeName(id), countsByTemplate[id]);
            }
        }
        return counts;
    }
}
