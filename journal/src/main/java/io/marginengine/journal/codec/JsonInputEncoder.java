package io.marginengine.journal.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;

/**
 * Turns one JSON Lines input (SPEC section 6) into one SBE input message, header included,
 * written into a caller's buffer: the scenario reader's and the replay tool's way onto the
 * ring.
 * <p>
 * A line that is not a JSON object of a known input type cannot be attributed to any input,
 * so it gives a negative result and a sentence ({@link #errorMessage()}) for the caller to
 * print with the line number. A well-formed object of a known type whose fields are wrong
 * (missing, malformed or overflowing numbers, wrong JSON kind, bad enum text, too many
 * tiers, bad symbol) is still an input: it is encoded as an {@code InvalidInput} that the
 * processor rejects and journals like any other, with a reason naming the field, the value
 * and what was expected. Unknown fields are ignored; JSON {@code null} means absent.
 * <p>
 * Decimals may be JSON strings or bare JSON numbers; either way their exact text is parsed
 * by {@link DecimalText}, with the scale as written (the processor rescales). Not thread
 * safe: one instance per reading thread.
 */
public final class JsonInputEncoder
{
    /** Result: the line is not valid JSON. */
    public static final int NOT_JSON = -1;

    /** Result: the line is JSON, but not an object. */
    public static final int NOT_AN_OBJECT = -2;

    /** Result: the object has no {@code type} string, or more than one {@code type}. */
    public static final int NO_TYPE = -3;

    /** Result: the {@code type} names no input type. */
    public static final int UNKNOWN_TYPE = -4;

    /** Result: the line is empty or only white space. */
    public static final int EMPTY_LINE = -5;

    private static final int MAX_SHOWN_TYPE = 40;
    private static final String[] MESSAGE_CUTS = {"\n", " (start marker at", " at [Source"};

    private final JsonFactory factory = new JsonFactory();
    private final InputFields fields = new InputFields();
    private final JsonFieldReader reader = new JsonFieldReader();
    private final InputMessageEncoder messageEncoder = new InputMessageEncoder();
    private final StringBuilder error = new StringBuilder(128);
    private char[] lineChars = new char[1024];
    private int templateId;

    /**
     * Encodes a line held in a char sequence (copied into a reused array first).
     *
     * @param line   one JSON Lines line, without its line terminator.
     * @param buffer receives the message.
     * @param offset where the message header goes.
     * @return the encoded length in bytes, or a negative result ({@link #NOT_JSON} ...).
     * @see #encode(char[], int, int, MutableDirectBuffer, int)
     */
    public int encode(final CharSequence line, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = line.length();
        if (lineChars.length < length)
        {
            lineChars = new char[Math.max(length, lineChars.length * 2)];
        }
        for (int i = 0; i < length; i++)
        {
            lineChars[i] = line.charAt(i);
        }
        return encode(lineChars, 0, length, buffer, offset);
    }

    /**
     * Encodes one JSON line into one SBE input message at {@code offset}. The message never
     * exceeds {@link MessageTypes#MAX_INPUT_LENGTH} bytes.
     *
     * @param chars  holds the line.
     * @param start  index of the line's first char.
     * @param length number of chars in the line, without its line terminator.
     * @param buffer receives the message; needs {@link MessageTypes#MAX_INPUT_LENGTH} bytes from offset.
     * @param offset where the message header goes.
     * @return the encoded length in bytes (of the line's type, or of an {@code InvalidInput}),
     *     or {@link #NOT_JSON}, {@link #NOT_AN_OBJECT}, {@link #NO_TYPE}, {@link #UNKNOWN_TYPE},
     *     {@link #EMPTY_LINE}, with the reason in {@link #errorMessage()}.
     * @throws IllegalArgumentException if the buffer has less than one ring slot of room.
     */
    public int encode(
        final char[] chars, final int start, final int length, final MutableDirectBuffer buffer, final int offset)
    {
        if (offset < 0 || buffer.capacity() - offset < MessageTypes.MAX_INPUT_LENGTH)
        {
            throw new IllegalArgumentException("need " + MessageTypes.MAX_INPUT_LENGTH + " bytes at offset " + offset +
                " of a buffer of capacity " + buffer.capacity());
        }
        error.setLength(0);
        templateId = MessageTypes.UNKNOWN_TEMPLATE;
        fields.reset();
        final int status = read(chars, start, length);
        if (status < 0)
        {
            return status;
        }
        final int typeStatus = resolveType();
        if (typeStatus < 0)
        {
            return typeStatus;
        }
        final int encodedLength = messageEncoder.encode(templateId, fields, buffer, offset);
        templateId = messageEncoder.encodedTemplateId();
        return encodedLength;
    }

    /**
     * Why the last {@code encode} returned a negative result, as a sentence a person can act
     * on (e.g. {@code unknown input type 'foo'}); empty after a success. The text is reused
     * by the next call.
     *
     * @return the sentence.
     */
    public CharSequence errorMessage()
    {
        return error;
    }

    /**
     * The template id of the message the last {@code encode} wrote: the line's type, or
     * {@code InvalidInput} (15) when a field was bad; {@link MessageTypes#UNKNOWN_TEMPLATE}
     * after a negative result. Lets a reader count or report invalid lines without decoding.
     *
     * @return an SBE template id.
     */
    public int lastTemplateId()
    {
        return templateId;
    }

    private int read(final char[] chars, final int start, final int length)
    {
        try (JsonParser parser = factory.createParser(chars, start, length))
        {
            final JsonToken first = parser.nextToken();
            if (first == null)
            {
                return fail(EMPTY_LINE, "line is empty");
            }
            if (first != JsonToken.START_OBJECT)
            {
                error.append("line is a JSON ").append(kindName(first)).append(", not an object");
                return NOT_AN_OBJECT;
            }
            reader.readObject(parser, fields);
            if (parser.nextToken() != null)
            {
                return fail(NOT_JSON, "line is not JSON: it has more text after the object");
            }
            return 0;
        }
        catch (final JsonProcessingException ex)
        {
            return notJson(ex);
        }
        catch (final IOException ex)
        {
            return fail(NOT_JSON, "line is not JSON: " + ex.getMessage());
        }
    }

    private int resolveType()
    {
        switch (reader.typeState())
        {
            case JsonFieldReader.TYPE_ABSENT:
                return fail(NO_TYPE, "line has no 'type' field; expected e.g. {\"type\":\"fill\",...}");
            case JsonFieldReader.TYPE_REPEATED:
                return fail(NO_TYPE, "line has more than one 'type' field");
            case JsonFieldReader.TYPE_NOT_STRING:
                error.append("line's 'type' ").append(reader.typeValue()).append(" is not a string naming an input type");
                return NO_TYPE;
            default:
                break;
        }
        final int id = MessageTypes.templateId(reader.type());
        if (!MessageTypes.isInput(id))
        {
            final CharSequence type = reader.type();
            error.append("unknown input type '").append(type, 0, Math.min(type.length(), MAX_SHOWN_TYPE))
                .append(type.length() > MAX_SHOWN_TYPE ? "...'" : "'");
            if (MessageTypes.isOutput(id))
            {
                error.append(" (it is an output type)");
            }
            return UNKNOWN_TYPE;
        }
        templateId = id;
        return 0;
    }

    private int notJson(final JsonProcessingException ex)
    {
        final String message = ex.getOriginalMessage();
        error.append("line is not JSON: ").append(message, 0, endOfSentence(message));
        final JsonLocation location = ex.getLocation();
        if (location != null && location.getColumnNr() > 0)
        {
            error.append(" at column ").append(location.getColumnNr());
        }
        return NOT_JSON;
    }

    /** Jackson's message up to its first line end or its own location note, which we replace. */
    private static int endOfSentence(final String message)
    {
        int end = message.length();
        for (final String cut : MESSAGE_CUTS)
        {
            final int at = message.indexOf(cut);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return end;
    }

    private int fail(final int result, final String sentence)
    {
        error.append(sentence);
        return result;
    }

    private static String kindName(final JsonToken token)
    {
        switch (token)
        {
            case START_ARRAY: return "array";
            case VALUE_STRING: return "string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "boolean";
            default: return "null";
        }
    }
}
