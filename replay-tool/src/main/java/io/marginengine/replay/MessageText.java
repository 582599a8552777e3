package io.marginengine.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.journal.codec.JsonOutputWriter;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Turns recorded SBE messages into the JSON Lines text of docs/RULES.md section 7 (through
 * the journal's own {@link JsonOutputWriter}), and that text into trees the commands can
 * read. This is the tool's side of the edge: it allocates freely, it is never on the
 * engine's path. Decimals stay exact: they are strings in the text, and a bare JSON number
 * is read as a {@link java.math.BigDecimal}, never a binary float.
 */
public final class MessageText
{
    /** The one JSON mapper of the tool. */
    public static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final JsonOutputWriter writer = new JsonOutputWriter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final StringBuilder line = new StringBuilder(512);

    /**
     * Writes a message as one JSON line; a message outside the contract as a line that says
     * so ({@code {"type":"unknown","schema":..,"template":..,"length":..}}).
     *
     * @param buffer holds the message.
     * @param offset where its header starts.
     * @param length its length.
     * @return the line, without a terminator.
     */
    public String text(final DirectBuffer buffer, final int offset, final int length)
    {
        line.setLength(0);
        if (length < MessageHeaderDecoder.ENCODED_LENGTH || writer.write(buffer, offset, line) < 0)
        {
            line.setLength(0);
            line.append("{\"type\":\"unknown\"");
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
            {
                header.wrap(buffer, offset);
                line.append(",\"schema\":").append(header.schemaId()).append(",\"template\":").append(header.templateId());
            }
            line.append(",\"length\":").append(length).append('}');
        }
        return line.toString();
    }

    /**
     * @param buffer holds the message.
     * @param offset where its header starts.
     * @param length its length.
     * @return whether the message is of this schema and a known template.
     */
    public boolean isKnown(final DirectBuffer buffer, final int offset, final int length)
    {
        line.setLength(0);
        return length >= MessageHeaderDecoder.ENCODED_LENGTH && writer.write(buffer, offset, line) >= 0;
    }

    /**
     * Reads a JSON object.
     *
     * @param text one JSON object.
     * @return its tree.
     */
    public static ObjectNode tree(final String text)
    {
        try
        {
            return (ObjectNode)JSON.readTree(text);
        }
        catch (final JsonProcessingException | ClassCastException ex)
        {
            throw new IllegalStateException("not a JSON object: " + text, ex);
        }
    }

    /**
     * Writes a tree as one line of JSON.
     *
     * @param node the tree.
     * @return its text.
     */
    public static String line(final Object node)
    {
        try
        {
            return JSON.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot write JSON: " + ex.getMessage(), ex);
        }
    }
}
