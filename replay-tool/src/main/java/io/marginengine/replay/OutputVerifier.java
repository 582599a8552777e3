package io.marginengine.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares, one by one, the outputs a replay produces with those the engine recorded in its
 * output queue, byte for byte (the SBE messages), and keeps the first difference. Outputs
 * are compared in order: the n-th replayed output against the n-th recorded one whose
 * cause is at or after the replay's first input.
 * <p>
 * Three kinds of difference: a replayed output unlike the recorded one; a replayed output
 * the queue does not hold (it ends earlier); a recorded output, caused by an input the
 * replay processed, that the replay did not produce.
 */
public final class OutputVerifier implements OutputSink, AutoCloseable
{
    /** Offset of {@code cause} in every output: after the header and {@code ts}. */
    private static final int CAUSE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES;

    /**
     * The first difference found.
     *
     * @param outputIndex   the output's index in the output queue (its sequence).
     * @param cause         the journal index of the input behind it.
     * @param expected      the recorded output as JSON, or null when the queue holds none there.
     * @param found         the replayed output as JSON, or null when the replay produced none.
     * @param fields        the top-level fields whose values differ (empty when one side is missing).
     */
    public record Difference(long outputIndex, long cause, String expected, String found, List<String> fields)
    {
        /** @return the difference in sentences, for people. */
        public String describe()
        {
            final StringBuilder s = new StringBuilder();
            if (expected == null)
            {
                s.append("the replay produced output ").append(outputIndex).append(" (caused by input ").append(cause)
                    .append(") but the recorded output queue ends before it\n");
            }
            else if (found == null)
            {
                s.append("the recorded output queue holds output ").append(outputIndex).append(" (caused by input ")
                    .append(cause).append(") but the replay did not produce it\n");
            }
            else
            {
                s.append("output ").append(outputIndex).append(" (caused by input ").append(cause).append(") differs");
                if (!fields.isEmpty())
                {
                    s.append(" in ").append(String.join(", ", fields));
                }
                s.append('\n');
            }
            s.append("  expected (recorded) ").append(expected == null ? "nothing" : expected).append('\n');
            s.append("  found (replayed)    ").append(found == null ? "nothing" : found).append('\n');
            return s.toString();
        }
    }

    private final Path queue;
    private final JournalReader reader;
    private final ArrayDeque<Recorded> pending = new ArrayDeque<>();
    private final MessageText text = new MessageText();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long matched;
    private long nextOutputIndex;
    private Difference difference;

    private record Recorded(long outputIndex, long cause, byte[] bytes)
    {
    }

    /**
     * Opens the recorded output queue and moves past the outputs of inputs before the replay's first.
     *
     * @param queue      the output queue's directory.
     * @param firstInput the journal index of the first input the replay processes.
     */
    public OutputVerifier(final Path queue, final long firstInput)
    {
        this.queue = queue;
        try
        {
            reader = new JournalReader(queue);
        }
        catch (final RuntimeException ex)
        {
            throw ToolException.damaged("output queue " + queue + " cannot be opened: " + ex.getMessage(), ex);
        }
        while (fill() && pending.peekFirst().cause() < firstInput)
        {
            pending.pollFirst();
        }
        nextOutputIndex = pending.isEmpty() ? reader.nextJournalIndex() : pending.peekFirst().outputIndex();
    }

    private boolean fill()
    {
        if (!pending.isEmpty())
        {
            return true;
        }
        try
        {
            reader.poll((index, receiveTime, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                final long cause = length >= CAUSE_OFFSET + Long.BYTES ? buffer.getLong(offset + CAUSE_OFFSET) : -1;
                pending.addLast(new Recorded(index, cause, bytes));
            }, 64);
        }
        catch (final RuntimeException ex)
        {
            throw ToolException.damaged("output queue " + queue + " cannot be read: " + ex.getMessage(), ex);
        }
        return !pending.isEmpty();
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        if (difference != null)
        {
            return;
        }
        final long cause = buffer.getLong(offset + CAUSE_OFFSET);
        final String found = text.text(buffer, offset, length);
        if (!fill())
        {
            difference = new Difference(nextOutputIndex, cause, null, found, List.of());
            return;
        }
        final Recorded recorded = pending.pollFirst();
        if (!sameBytes(recorded.bytes(), buffer, offset, length))
        {
            view.wrap(recorded.bytes());
            final String expected = text.text(view, 0, recorded.bytes().length);
            difference = new Difference(recorded.outputIndex(), recorded.cause(), expected, found, differingFields(expected, found));
            return;
        }
        nextOutputIndex = recorded.outputIndex() + 1;
        matched++;
    }

    /**
     * Ends the comparison: a recorded output caused by an input the replay processed, and not
     * produced by it, is a difference.
     *
     * @param lastInput the journal index of the last input the replay processed.
     */
    public void finish(final long lastInput)
    {
        if (difference == null && fill() && pending.peekFirst().cause() <= lastInput)
        {
            final Recorded recorded = pending.pollFirst();
            view.wrap(recorded.bytes());
            difference = new Difference(recorded.outputIndex(), recorded.cause(),
                text.text(view, 0, recorded.bytes().length), null, List.of());
        }
    }

    private static boolean sameBytes(final byte[] recorded, final DirectBuffer buffer, final int offset, final int length)
    {
        if (recorded.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (recorded[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static List<String> differingFields(final String expected, final String found)
    {
        final List<String> fields = new ArrayList<>();
        final ObjectNode a = MessageText.tree(expected);
        final ObjectNode b = MessageText.tree(found);
        for (final Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().equals(b.get(field.getKey())))
            {
                fields.add(field.getKey());
            }
        }
        for (final Iterator<String> it = b.fieldNames(); it.hasNext(); )
        {
            final String name = it.next();
            if (!a.has(name))
            {
                fields.add(name);
            }
        }
        return fields;
    }

    /** @return outputs that matched so far. */
    public long matched()
    {
        return matched;
    }

    /** @return the first difference, or null when none was found. */
    public Difference difference()
    {
        return difference;
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
