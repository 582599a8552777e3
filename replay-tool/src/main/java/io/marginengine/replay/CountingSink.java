package io.marginengine.replay;

import io.marginengine.engine.egress.OutputSink;
import io.marginengine.journal.codec.MessageTypes;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts outputs by type, for summaries, and passes each on to another sink (or none).
 */
public final class CountingSink implements OutputSink
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final long[] byTemplate = new long[256];
    private final OutputSink next;
    private long count;

    /**
     * @param next where each output goes after it is counted, or null.
     */
    public CountingSink(final OutputSink next)
    {
        this.next = next;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        count++;
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId >= 0 && templateId < byTemplate.length)
        {
            byTemplate[templateId]++;
        }
        if (next != null)
        {
            next.onOutput(buffer, offset, length);
        }
    }

    /** @return outputs counted. */
    public long count()
    {
        return count;
    }

    /** @return the counts by JSON type name, in name order, types never seen left out. */
    public Map<String, Long> byType()
    {
        final Map<String, Long> counts = new TreeMap<>();
        for (int id = 0; id < byTemplate.length; id++)
        {
            if (byTemplate[id] > 0)
            {
                counts.merge(MessageTypes.typeName(id), byTemplate[id], Long::sum);
            }
        }
        return counts;
    }
}
