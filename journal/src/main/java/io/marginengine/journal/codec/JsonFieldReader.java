package io.marginengine.journal.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.MarginMode;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.Side;

import java.io.IOException;
import java.util.Arrays;

import static io.marginengine.journal.codec.InputField.KIND_DECIMAL;
import static io.marginengine.journal.codec.InputField.KIND_TIERS;
import static io.marginengine.journal.codec.MessageTypes.MAX_REASON_LENGTH;
import static io.marginengine.journal.codec.MessageTypes.MAX_SYMBOL_LENGTH;
import static io.marginengine.journal.codec.MessageTypes.MAX_TIERS;
import static io.marginengine.journal.codec.MessageTypes.MIN_SYMBOL_LENGTH;

/**
 * Reads the fields of one JSON object from a streaming parser into {@link InputFields},
 * checking each value against the kind of its field as it goes.
 * <p>
 * Numbers are taken from their exact text, never through a binary float. A value of the
 * wrong kind or form does not stop the read: the field is marked bad with a sentence that
 * names it, shows the value and says what was expected, and the rest of the object is read,
 * so the type (wherever it stands) can decide which problem to report.
 */
final class JsonFieldReader
{
    static final int TYPE_ABSENT = 0;
    static final int TYPE_PRESENT = 1;
    static final int TYPE_NOT_STRING = 2;
    static final int TYPE_REPEATED = 3;

    private static final int WRONG_KIND = -1;
    private static final int MAX_SHOWN_VALUE = 40;
    private static final String[] TIER_PART_NAMES = {"floor", "imr", "mmr"};
    private static final RejectCode[] REJECT_CODES = RejectCode.values();

    private final CharArrayView text = new CharArrayView();
    private final MutableDecimal decimal = new MutableDecimal();
    private final StringBuilder type = new StringBuilder(32);
    private final StringBuilder typeValue = new StringBuilder(64);
    private final boolean[] tierPartSeen = new boolean[InputFields.TIER_PARTS];
    private int typeState;

    /**
     * Reads the fields of the object whose {@code START_OBJECT} the parser has just returned,
     * up to and including its {@code END_OBJECT}.
     */
    void readObject(final JsonParser parser, final InputFields fields) throws IOException
    {
        typeState = TYPE_ABSENT;
        type.setLength(0);
        typeValue.setLength(0);
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if ("type".equals(name))
            {
                readType(parser, value);
            }
            else
            {
                readField(parser, value, InputField.idOf(name), fields);
            }
            parser.skipChildren();
        }
    }

    /** One of {@link #TYPE_ABSENT}, {@link #TYPE_PRESENT}, {@link #TYPE_NOT_STRING}, {@link #TYPE_REPEATED}. */
    int typeState()
    {
        return typeState;
    }

    /** The {@code type} text, when {@link #typeState()} is {@link #TYPE_PRESENT}. */
    CharSequence type()
    {
        return type;
    }

    /** The {@code type} value shown for a person ({@code value 5}), when it is not a string. */
    CharSequence typeValue()
    {
        return typeValue;
    }

    private void readType(final JsonParser parser, final JsonToken value) throws IOException
    {
        if (typeState != TYPE_ABSENT)
        {
            typeState = TYPE_REPEATED;
        }
        else if (value == JsonToken.VALUE_STRING)
        {
            typeState = TYPE_PRESENT;
            type.append(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
        else
        {
            typeState = TYPE_NOT_STRING;
            appendValue(typeValue, parser, value);
        }
    }

    private void readField(final JsonParser parser, final JsonToken value, final int id, final InputFields fields)
        throws IOException
    {
        if (id == InputField.UNKNOWN)
        {
            return;
        }
        if (!fields.isUnseen(id))
        {
            problem(fields, id, RejectCode.BAD_INPUT).append("appears more than once");
            return;
        }
        if (value == JsonToken.VALUE_NULL)
        {
            fields.markNull(id);
            return;
        }
        switch (InputField.kind(id))
        {
            case InputField.KIND_INT64:
            case InputField.KIND_INT32:
            case InputField.KIND_UINT8: readInteger(parser, value, id, fields); break;
            case KIND_DECIMAL: readDecimal(parser, value, id, fields); break;
            case InputField.KIND_BOOLEAN: readBoolean(parser, value, id, fields); break;
            case KIND_TIERS: readTiers(parser, value, fields); break;
            default: readString(parser, value, id, fields); break;
        }
    }

    private void readInteger(final JsonParser parser, final JsonToken value, final int id, final InputFields fields)
        throws IOException
    {
        final int kind = InputField.kind(id);
        if (value != JsonToken.VALUE_NUMBER_INT)
        {
            rejectValue(parser, value, id, fields, " is not an integer; expected ");
            return;
        }
        final int status = DecimalText.parse(wrapText(parser), decimal);
        final long number = decimal.mantissa();
        if (status != DecimalText.OK || number < InputField.minValue(kind) || number > InputField.maxValue(kind))
        {
            rejectValue(parser, value, id, fields, " is out of range; expected ");
            return;
        }
        fields.set(id, number);
    }

    private void readDecimal(final JsonParser parser, final JsonToken value, final int id, final InputFields fields)
        throws IOException
    {
        final int status = parseDecimal(parser, value);
        if (status == DecimalText.OK)
        {
            fields.set(id, decimal.mantissa(), decimal.scale());
            return;
        }
        final StringBuilder problem = problem(fields, id, codeFor(status));
        describeDecimal(problem, parser, value, status);
    }

    private void readBoolean(final JsonParser parser, final JsonToken value, final int id, final InputFields fields)
        throws IOException
    {
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)
        {
            fields.set(id, (value == JsonToken.VALUE_TRUE ? BooleanType.TRUE : BooleanType.FALSE).value());
            return;
        }
        rejectValue(parser, value, id, fields, " is not a boolean; expected ");
    }

    private void readString(final JsonParser parser, final JsonToken value, final int id, final InputFields fields)
        throws IOException
    {
        final int kind = InputField.kind(id);
        final long code = value == JsonToken.VALUE_STRING ? stringCode(kind, wrapText(parser)) : WRONG_KIND;
        if (code == WRONG_KIND)
        {
            rejectValue(parser, value, id, fields, " is not " + InputField.noun(kind) + "; expected ");
            return;
        }
        if (kind == InputField.KIND_SYMBOL)
        {
            fields.symbol().append(text);
        }
        else if (kind == InputField.KIND_TEXT)
        {
            fields.reason().append(text, 0, Math.min(text.length(), MAX_REASON_LENGTH));
        }
        fields.set(id, code);
    }

    /**
     * The SBE value a string stands for in a field of this kind, or {@link #WRONG_KIND}.
     */
    private static long stringCode(final int kind, final CharSequence value)
    {
        switch (kind)
        {
            case InputField.KIND_SIDE: return choice(value, "buy", Side.BUY.value(), "sell", Side.SELL.value());
            case InputField.KIND_MODE:
                return choice(value, "cross", MarginMode.CROSS.value(), "isolated", MarginMode.ISOLATED.value());
            case InputField.KIND_SYMBOL: return isSymbol(value) ? 0 : WRONG_KIND;
            case InputField.KIND_INPUT_TYPE:
                final int templateId = MessageTypes.templateId(value);
                return MessageTypes.isInput(templateId) ? templateId : WRONG_KIND;
            case InputField.KIND_REJECT_CODE: return rejectCode(value);
            default: return 0;
        }
    }

    private static long choice(
        final CharSequence value, final String first, final short firstCode, final String second, final short secondCode)
    {
        if (first.contentEquals(value))
        {
            return firstCode;
        }
        return second.contentEquals(value) ? secondCode : WRONG_KIND;
    }

    private static boolean isSymbol(final CharSequence value)
    {
        final int length = value.length();
        if (length < MIN_SYMBOL_LENGTH || length > MAX_SYMBOL_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            if (c <= ' ' || c > '~')
            {
                return false;
            }
        }
        return true;
    }

    private static long rejectCode(final CharSequence value)
    {
        for (final RejectCode code : REJECT_CODES)
        {
            if (code != RejectCode.NULL_VAL && code.name().contentEquals(value))
            {
                return code.value();
            }
        }
        return WRONG_KIND;
    }

    private void readTiers(final JsonParser parser, final JsonToken value, final InputFields fields) throws IOException
    {
        if (value != JsonToken.START_ARRAY)
        {
            rejectValue(parser, value, InputField.TIERS, fields, " is not an array; expected ");
            return;
        }
        int count = 0;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            if (count < MAX_TIERS)
            {
                readTier(parser, element, count, fields);
            }
            parser.skipChildren();
            count++;
        }
        if (count > MAX_TIERS)
        {
            problem(fields, InputField.TIERS, RejectCode.BAD_INPUT)
                .append("has ").append(count).append(" tiers; at most ").append(MAX_TIERS).append(" are allowed");
            return;
        }
        fields.tierCount(count);
        fields.set(InputField.TIERS, count);
    }

    private void readTier(final JsonParser parser, final JsonToken element, final int tier, final InputFields fields)
        throws IOException
    {
        if (element != JsonToken.START_OBJECT)
        {
            appendValue(tierProblem(fields, RejectCode.BAD_INPUT, tier, -1), parser, element)
                .append(" is not a tier; expected an object {\"floor\",\"imr\",\"mmr\"}");
            return;
        }
        Arrays.fill(tierPartSeen, false);
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final int part = tierPart(parser.currentName());
            final JsonToken value = parser.nextToken();
            if (part >= 0)
            {
                readTierPart(parser, value, tier, part, fields);
            }
            parser.skipChildren();
        }
        for (int part = 0; part < InputFields.TIER_PARTS; part++)
        {
            if (!tierPartSeen[part])
            {
                tierProblem(fields, RejectCode.BAD_INPUT, tier, part)
                    .append("is missing; expected ").append(InputField.expected(KIND_DECIMAL));
            }
        }
    }

    private void readTierPart(
        final JsonParser parser, final JsonToken value, final int tier, final int part, final InputFields fields)
        throws IOException
    {
        if (tierPartSeen[part])
        {
            tierProblem(fields, RejectCode.BAD_INPUT, tier, part).append("appears more than once");
            return;
        }
        if (value == JsonToken.VALUE_NULL)
        {
            return;
        }
        tierPartSeen[part] = true;
        final int status = parseDecimal(parser, value);
        if (status == DecimalText.OK)
        {
            fields.setTier(tier, part, decimal.mantissa(), decimal.scale());
            return;
        }
        describeDecimal(tierProblem(fields, codeFor(status), tier, part), parser, value, status);
    }

    private static int tierPart(final String name)
    {
        for (int part = 0; part < TIER_PART_NAMES.length; part++)
        {
            if (TIER_PART_NAMES[part].equals(name))
            {
                return part;
            }
        }
        return -1;
    }

    private int parseDecimal(final JsonParser parser, final JsonToken value) throws IOException
    {
        final boolean textual = value == JsonToken.VALUE_STRING ||
            value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
        return textual ? DecimalText.parse(wrapText(parser), decimal) : WRONG_KIND;
    }

    private static RejectCode codeFor(final int decimalStatus)
    {
        if (decimalStatus == WRONG_KIND)
        {
            return RejectCode.BAD_INPUT;
        }
        return decimalStatus == DecimalText.OVERFLOW ? RejectCode.OVERFLOW : RejectCode.BAD_NUMBER;
    }

    private void describeDecimal(
        final StringBuilder problem, final JsonParser parser, final JsonToken value, final int status) throws IOException
    {
        appendValue(problem, parser, value);
        switch (status)
        {
            case DecimalText.OVERFLOW:
                problem.append(" does not fit 64 bits; expected at most 9223372036854775807 without the decimal point");
                break;
            case DecimalText.SCALE_TOO_LARGE:
                problem.append(" has more than ").append(DecimalText.MAX_SCALE).append(" decimals");
                break;
            default:
                problem.append(" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"");
                break;
        }
    }

    private void rejectValue(
        final JsonParser parser, final JsonToken value, final int id, final InputFields fields, final String verdict)
        throws IOException
    {
        appendValue(problem(fields, id, RejectCode.BAD_INPUT), parser, value)
            .append(verdict).append(InputField.expected(InputField.kind(id)));
    }

    private static StringBuilder problem(final InputFields fields, final int id, final RejectCode code)
    {
        return fields.problem(id, code).append('\'').append(InputField.name(id)).append("' ");
    }

    private static StringBuilder tierProblem(final InputFields fields, final RejectCode code, final int tier, final int part)
    {
        final StringBuilder problem = fields.problem(InputField.TIERS, code).append("'tiers[").append(tier).append(']');
        if (part >= 0)
        {
            problem.append('.').append(TIER_PART_NAMES[part]);
        }
        return problem.append("' ");
    }

    private CharArrayView wrapText(final JsonParser parser) throws IOException
    {
        return text.wrap(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
    }

    /**
     * Shows a JSON value to a person: {@code value "1.2.3"}, {@code value 7}, {@code value true},
     * {@code value {...}}; long text is clipped and anything but printable ASCII shown as '?'.
     */
    private StringBuilder appendValue(final StringBuilder out, final JsonParser parser, final JsonToken value)
        throws IOException
    {
        out.append("value ");
        switch (value)
        {
            case VALUE_STRING:
                out.append('"');
                appendClipped(out, wrapText(parser));
                return out.append('"');
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return appendClipped(out, wrapText(parser));
            case START_OBJECT: return out.append("{...}");
            case START_ARRAY: return out.append("[...]");
            case VALUE_TRUE: return out.append("true");
            case VALUE_FALSE: return out.append("false");
            default: return out.append("null");
        }
    }

    private static StringBuilder appendClipped(final StringBuilder out, final CharSequence value)
    {
        final int shown = Math.min(value.length(), MAX_SHOWN_VALUE);
        for (int i = 0; i < shown; i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else
            {
                out.append(c < ' ' || c > '~' ? '?' : c);
            }
        }
        return shown < value.length() ? out.append("...") : out;
    }
}
