package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.DecimalDecoder;
import io.marginengine.journal.sbe.LadderStatus;
import io.marginengine.journal.sbe.RejectCode;
import org.agrona.DirectBuffer;

/**
 * Appends the pieces of one JSON Lines object to a {@code StringBuilder}, in the forms of
 * docs/RULES.md section 7: decimals as canonical strings, integers as numbers, enums as
 * their JSON names, text escaped. Each field method writes the separator before the name,
 * so writers only list fields in order.
 */
final class JsonLine
{
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String[] SIDES = {"buy", "sell"};
    private static final String[] MODES = {"cross", "isolated"};
    private static final String[] STATUSES = statusNames();
    private static final String[] CODES = codeNames();

    private JsonLine()
    {
    }

    static void begin(final StringBuilder out, final String type)
    {
        out.append("{\"type\":\"").append(type).append('"');
    }

    static void end(final StringBuilder out)
    {
        out.append('}');
    }

    /** Writes a field name, after a comma unless it is the first field of its object. */
    static StringBuilder name(final StringBuilder out, final String name)
    {
        if (out.charAt(out.length() - 1) != '{')
        {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    static void integer(final StringBuilder out, final String name, final long value)
    {
        name(out, name).append(value);
    }

    /** Writes an integer field unless it holds its SBE null value. */
    static void optionalInteger(final StringBuilder out, final String name, final long value, final long nullValue)
    {
        if (value != nullValue)
        {
            integer(out, name, value);
        }
    }

    /** Writes a decimal as a canonical string; leaves the field out when absent. */
    static void decimal(final StringBuilder out, final String name, final DecimalDecoder decimal)
    {
        if (decimal.mantissa() != DecimalDecoder.mantissaNullValue())
        {
            decimalValue(name(out, name), decimal);
        }
    }

    /** Writes a decimal as a canonical string, or {@code absentText} (a JSON literal) when absent. */
    static void decimalOr(final StringBuilder out, final String name, final DecimalDecoder decimal, final String absentText)
    {
        name(out, name);
        if (decimal.mantissa() == DecimalDecoder.mantissaNullValue())
        {
            out.append(absentText);
        }
        else
        {
            decimalValue(out, decimal);
        }
    }

    /** Writes an SBE BooleanType as a JSON boolean; leaves the field out when null. */
    static void bool(final StringBuilder out, final String name, final short raw)
    {
        if (raw == 0 || raw == 1)
        {
            name(out, name).append(raw == 1);
        }
    }

    static void side(final StringBuilder out, final String name, final short raw)
    {
        enumName(out, name, raw, SIDES);
    }

    static void mode(final StringBuilder out, final String name, final short raw)
    {
        enumName(out, name, raw, MODES);
    }

    static void status(final StringBuilder out, final String name, final short raw)
    {
        enumName(out, name, raw, STATUSES);
    }

    static void code(final StringBuilder out, final String name, final short raw)
    {
        enumName(out, name, raw, CODES);
    }

    static void string(final StringBuilder out, final String name, final String value)
    {
        name(out, name).append('"').append(value).append('"');
    }

    /** Writes ASCII bytes as a JSON string, escaping quotes, backslashes and control bytes. */
    static void text(final StringBuilder out, final String name, final DirectBuffer bytes)
    {
        name(out, name).append('"');
        for (int i = 0, length = bytes.capacity(); i < length; i++)
        {
            escape(out, (char)(bytes.getByte(i) & 0xFF));
        }
        out.append('"');
    }

    private static void escape(final StringBuilder out, final char c)
    {
        switch (c)
        {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            default:
                if (c < ' ' || c > '~')
                {
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
                else
                {
                    out.append(c);
                }
                break;
        }
    }

    private static void decimalValue(final StringBuilder out, final DecimalDecoder decimal)
    {
        out.append('"');
        DecimalText.format(decimal.mantissa(), decimal.scale(), out);
        out.append('"');
    }

    private static void enumName(final StringBuilder out, final String name, final short raw, final String[] names)
    {
        if (raw >= 0 && raw < names.length && names[raw] != null)
        {
            string(out, name, names[raw]);
        }
    }

    /** Status names indexed by encoded value; the null value is left out. */
    private static String[] statusNames()
    {
        final String[] names = new String[LadderStatus.values().length - 1];
        for (final LadderStatus status : LadderStatus.values())
        {
            if (status != LadderStatus.NULL_VAL)
            {
                names[status.value()] = status.name();
            }
        }
        return names;
    }

    /** Reject code names indexed by encoded value; the null value is left out. */
    private static String[] codeNames()
    {
        final String[] names = new String[RejectCode.values().length - 1];
        for (final RejectCode code : RejectCode.values())
        {
            if (code != RejectCode.NULL_VAL)
            {
                names[code.value()] = code.name();
            }
        }
        return names;
    }
}
