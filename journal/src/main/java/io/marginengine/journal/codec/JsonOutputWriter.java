package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

/**
 * Writes any SBE message of the event contract, header included, as one JSON Lines object:
 * outputs for the downstream JSON Lines (SPEC section 5), inputs for the journal dump and for
 * turning recorded inputs back into scenario files.
 * <p>
 * The form is docs/RULES.md section 7: {@code type} first; for outputs {@code ts} and
 * {@code cause}, for inputs {@code ts} then {@code seq} when present and {@code source} when
 * not 0; then the remaining fields in schema order. Decimals are canonical strings
 * ({@link DecimalText#format(long, int, StringBuilder)}), so an input written from a message
 * that {@link JsonInputEncoder} produced from canonical text reads back to the same bytes;
 * the text of any input reads back to the same values. {@code InvalidInput} is written as
 * {@code {"type":"invalid_input","ts":..,"input":"fill","code":"BAD_NUMBER","reason":".."}}
 * (its {@code ts} left out when the line's own did not parse).
 * <p>
 * Not thread safe; apart from the caller's builder growing, it does not allocate.
 */
public final class JsonOutputWriter
{
    /** Result of {@link #write}: the buffer holds no message of this schema and template. */
    public static final int NOT_A_MESSAGE = -1;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InputLineWriter inputs = new InputLineWriter();
    private final OutputLineWriter outputs = new OutputLineWriter();

    /**
     * Appends the JSON line of the message at {@code offset}, without a line terminator.
     *
     * @param buffer holds the message.
     * @param offset where its message header starts.
     * @param out    receives the JSON object; left as it was when the result is negative.
     * @return the length of the message read, header included, so a caller can step to the
     *     next one; or {@link #NOT_A_MESSAGE} when the header names another schema or an
     *     unknown template.
     */
    public int write(final DirectBuffer buffer, final int offset, final StringBuilder out)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            return NOT_A_MESSAGE;
        }
        final int templateId = header.templateId();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyLength;
        if (MessageTypes.isInput(templateId))
        {
            bodyLength = inputs.write(templateId, buffer, bodyOffset, blockLength, version, out);
        }
        else if (MessageTypes.isOutput(templateId))
        {
            bodyLength = outputs.write(templateId, buffer, bodyOffset, blockLength, version, out);
        }
        else
        {
            return NOT_A_MESSAGE;
        }
        return MessageHeaderDecoder.ENCODED_LENGTH + bodyLength;
    }
}
