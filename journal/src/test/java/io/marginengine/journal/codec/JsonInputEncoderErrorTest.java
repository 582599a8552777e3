package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.InvalidInputDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.RejectCode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lines that cannot be attributed to an input (negative result and a sentence) and lines of
 * a known type with a bad field (an InvalidInput naming the field, the value and what was
 * expected).
 */
class JsonInputEncoderErrorTest
{
    private static final String FILL_HEAD = "{\"type\":\"fill\",\"ts\":3,\"seq\":11,\"source\":2,";
    private static final String FILL_BODY = "\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"60000\"";

    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageTypes.MAX_INPUT_LENGTH + 16]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InvalidInputDecoder invalid = new InvalidInputDecoder();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"fill\",\"ts\":3,x}|-1|line is not JSON: Unexpected character ('x' (code 120)): was expecting double-quote to start field name at column 23",
        "x|-1|line is not JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at column 2",
        "{\"type\":\"clock\",\"ts\":1|-1|line is not JSON: Unexpected end-of-input: expected close marker for Object at column 23",
        "{\"type\":\"clock\",\"ts\":1} {}|-1|line is not JSON: it has more text after the object",
        "[1,2]|-2|line is a JSON array, not an object",
        "\"fill\"|-2|line is a JSON string, not an object",
        "42|-2|line is a JSON number, not an object",
        "null|-2|line is a JSON null, not an object",
        "{\"ts\":1,\"account\":7}|-3|line has no 'type' field; expected e.g. {\"type\":\"fill\",...}",
        "{\"type\":5,\"ts\":1}|-3|line's 'type' value 5 is not a string naming an input type",
        "{\"type\":null,\"ts\":1}|-3|line's 'type' value null is not a string naming an input type",
        "{\"type\":\"clock\",\"type\":\"clock\",\"ts\":1}|-3|line has more than one 'type' field",
        "{\"type\":\"foo\",\"ts\":1}|-4|unknown input type 'foo'",
        "{\"type\":\"Fill\",\"ts\":1}|-4|unknown input type 'Fill'",
        "{\"type\":\"margin_call\",\"ts\":1}|-4|unknown input type 'margin_call' (it is an output type)",
        "{\"type\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}|-4|unknown input type 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'",
    })
    void refusesLinesThatAreNoInput(final String line, final int result, final String sentence)
    {
        assertEquals(result, encoder.encode(line, buffer, 0), line);
        assertEquals(sentence, encoder.errorMessage().toString());
        assertEquals(MessageTypes.UNKNOWN_TEMPLATE, encoder.lastTemplateId());
    }

    @Test
    void refusesAnEmptyLine()
    {
        assertEquals(JsonInputEncoder.EMPTY_LINE, encoder.encode("   ", buffer, 0));
        assertEquals("line is empty", encoder.errorMessage().toString());
    }

    @Test
    void clearsTheSentenceAfterASuccess()
    {
        encoder.encode("x", buffer, 0);
        assertTrue(encoder.encode("{\"type\":\"clock\",\"ts\":1}", buffer, 0) > 0);
        assertEquals("", encoder.errorMessage().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // malformed decimals: BAD_NUMBER; too large for 64 bits: OVERFLOW
        "\"qty\":\"1.2.3\"|BAD_NUMBER|fill field 'qty' value \"1.2.3\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"qty\":\"1e5\"|BAD_NUMBER|fill field 'qty' value \"1e5\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"qty\":1e5|BAD_NUMBER|fill field 'qty' value 1e5 is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"qty\":\"+1\"|BAD_NUMBER|fill field 'qty' value \"+1\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"qty\":\" 1\"|BAD_NUMBER|fill field 'qty' value \" 1\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"qty\":\"\"|BAD_NUMBER|fill field 'qty' value \"\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"price\":\"9223372036854775808\"|OVERFLOW|fill field 'price' value \"9223372036854775808\" does not fit 64 bits; expected at most 9223372036854775807 without the decimal point",
        "\"price\":92233720368547758.08|OVERFLOW|fill field 'price' value 92233720368547758.08 does not fit 64 bits; expected at most 9223372036854775807 without the decimal point",
        "\"fee\":\"0.0000000000000000001\"|BAD_NUMBER|fill field 'fee' value \"0.0000000000000000001\" has more than 18 decimals",
        // wrong JSON kinds, bad enum text, out of range integers: BAD_INPUT
        "\"qty\":true|BAD_INPUT|fill field 'qty' value true is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"qty\":{\"v\":1}|BAD_INPUT|fill field 'qty' value {...} is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "\"side\":\"up\"|BAD_INPUT|fill field 'side' value \"up\" is not a side; expected \"buy\" or \"sell\"",
        "\"side\":\"BUY\"|BAD_INPUT|fill field 'side' value \"BUY\" is not a side; expected \"buy\" or \"sell\"",
        "\"side\":1|BAD_INPUT|fill field 'side' value 1 is not a side; expected \"buy\" or \"sell\"",
        "\"account\":\"7\"|BAD_INPUT|fill field 'account' value \"7\" is not an integer; expected an integer from -9223372036854775807 to 9223372036854775807",
        "\"account\":7.0|BAD_INPUT|fill field 'account' value 7.0 is not an integer; expected an integer from -9223372036854775807 to 9223372036854775807",
        "\"account\":-9223372036854775808|BAD_INPUT|fill field 'account' value -9223372036854775808 is out of range; expected an integer from -9223372036854775807 to 9223372036854775807",
        "\"instrument\":2147483648|BAD_INPUT|fill field 'instrument' value 2147483648 is out of range; expected an integer from -2147483647 to 2147483647",
        "\"instrument\":[1]|BAD_INPUT|fill field 'instrument' value [...] is not an integer; expected an integer from -2147483647 to 2147483647",
        "\"liquidation\":\"yes\"|BAD_INPUT|fill field 'liquidation' value \"yes\" is not a boolean; expected true or false",
        "\"liquidation\":1|BAD_INPUT|fill field 'liquidation' value 1 is not a boolean; expected true or false",
        "\"orderId\":1.5|BAD_INPUT|fill field 'orderId' value 1.5 is not an integer; expected an integer from -9223372036854775807 to 9223372036854775807",
        "\"qty\":\"1\",\"qty\":\"2\"|BAD_INPUT|fill field 'qty' appears more than once",
    })
    void encodesABadFieldAsInvalidInput(final String replacement, final RejectCode code, final String reason)
    {
        final String name = replacement.substring(0, replacement.indexOf(':'));
        final String body = FILL_BODY.replaceFirst(name + ":[^,]*", "");
        final String line = FILL_HEAD + body.replace(",,", ",").replaceAll("^,|,$", "") + "," + replacement + "}";
        final int length = encoder.encode(line, buffer, 0);
        assertInvalid(length, 8, code, reason);
        assertEquals(3, invalid.ts());
        assertEquals(11, invalid.seq());
        assertEquals(2, invalid.source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"fill\",\"ts\":1,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"1\"}|fill field 'account' is missing; expected an integer from -9223372036854775807 to 9223372036854775807",
        "{\"type\":\"fill\",\"ts\":1,\"account\":null,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"1\"}|fill field 'account' is null; expected an integer from -9223372036854775807 to 9223372036854775807",
        "{\"type\":\"deposit\",\"ts\":1,\"account\":7}|deposit field 'amount' is missing; expected a decimal number such as \"-12.5\"",
        "{\"type\":\"margin_mode\",\"ts\":1,\"account\":7,\"instrument\":1,\"mode\":\"CROSS\"}|margin_mode field 'mode' value \"CROSS\" is not a margin mode; expected \"cross\" or \"isolated\"",
        "{\"type\":\"margin_mode\",\"ts\":1,\"account\":7,\"instrument\":1}|margin_mode field 'mode' is missing; expected \"cross\" or \"isolated\"",
        "{\"type\":\"params\",\"ts\":1,\"partialLiquidation\":\"false\"}|params field 'partialLiquidation' value \"false\" is not a boolean; expected true or false",
        "{\"type\":\"params\",\"ts\":1,\"callGraceNs\":\"900\"}|params field 'callGraceNs' value \"900\" is not an integer; expected an integer from -9223372036854775807 to 9223372036854775807",
        "{\"type\":\"invalid_input\",\"input\":\"foo\",\"code\":\"BAD_INPUT\",\"reason\":\"\"}|invalid_input field 'input' value \"foo\" is not an input type; expected an input type such as \"fill\"",
        "{\"type\":\"invalid_input\",\"input\":\"fill\",\"code\":\"bad_input\",\"reason\":\"\"}|invalid_input field 'code' value \"bad_input\" is not a reject code; expected a reject code such as \"BAD_INPUT\"",
        "{\"type\":\"invalid_input\",\"input\":\"fill\",\"code\":\"BAD_INPUT\",\"reason\":5}|invalid_input field 'reason' value 5 is not a string; expected a string",
    })
    void namesMissingNullAndBadFields(final String line, final String reason)
    {
        final int templateId = MessageTypes.templateId(line.substring(9, line.indexOf('"', 9)));
        assertInvalid(encoder.encode(line, buffer, 0), templateId, RejectCode.BAD_INPUT, reason);
    }

    @Test
    void missingTsLeavesTsNullAndKeepsSeqAndSource()
    {
        final int length = encoder.encode("{\"type\":\"query\",\"seq\":4,\"source\":-3,\"account\":1}", buffer, 0);
        assertInvalid(length, 14, RejectCode.BAD_INPUT,
            "query field 'ts' is missing; expected an integer from -9223372036854775807 to 9223372036854775807");
        assertEquals(InvalidInputDecoder.tsNullValue(), invalid.ts());
        assertEquals(4, invalid.seq());
        assertEquals(-3, invalid.source());
    }

    @Test
    void badSeqAndSourceAreLeftOutOfTheInvalidInput()
    {
        final int length = encoder.encode("{\"type\":\"query\",\"ts\":9,\"seq\":\"4\",\"source\":2147483648,\"account\":1}",
            buffer, 0);
        assertInvalid(length, 14, RejectCode.BAD_INPUT,
            "query field 'seq' value \"4\" is not an integer; expected an integer from -9223372036854775807 to 9223372036854775807");
        assertEquals(9, invalid.ts());
        assertEquals(InvalidInputDecoder.seqNullValue(), invalid.seq());
        assertEquals(0, invalid.source());
    }

    @Test
    void reportsTheFirstBadFieldInSchemaOrder()
    {
        final String line = "{\"price\":\"x\",\"qty\":\"y\",\"type\":\"check\",\"ts\":1,\"account\":7,\"instrument\":1,\"side\":\"sell\"}";
        assertInvalid(encoder.encode(line, buffer, 0), 13, RejectCode.BAD_NUMBER,
            "check field 'qty' value \"y\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"");
    }

    @Test
    void ignoresBadValuesInFieldsTheTypeDoesNotUse()
    {
        final String line = "{\"type\":\"account\",\"ts\":1,\"account\":7,\"qty\":\"bad\",\"mode\":5,\"tiers\":7,\"extra\":{\"a\":[1]}}";
        final int length = encoder.encode(line, buffer, 0);
        assertEquals(36, length);
        assertEquals(3, encoder.lastTemplateId());
    }

    @Test
    void refusesMoreThanTwelveTiers()
    {
        final StringBuilder tiers = new StringBuilder();
        for (int i = 0; i < 13; i++)
        {
            tiers.append(i == 0 ? "" : ",").append("{\"floor\":\"").append(i * 1000).append("\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}");
        }
        assertInvalid(encoder.encode(instrumentLine("\"BTCUSDT\"", tiers.toString()), buffer, 0), 1,
            RejectCode.BAD_INPUT, "instrument field 'tiers' has 13 tiers; at most 12 are allowed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"floor\":\"0\",\"imr\":\"0.01\"}|BAD_INPUT|instrument field 'tiers[0].mmr' is missing; expected a decimal number such as \"-12.5\"",
        "{\"floor\":\"0\",\"imr\":\"0.01\",\"mmr\":null}|BAD_INPUT|instrument field 'tiers[0].mmr' is missing; expected a decimal number such as \"-12.5\"",
        "{\"floor\":\"0\",\"imr\":\"0.01\",\"mmr\":\"0.005\"},{\"floor\":\"5e4\",\"imr\":\"0.02\",\"mmr\":\"0.01\"}|BAD_NUMBER|instrument field 'tiers[1].floor' value \"5e4\" is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "{\"floor\":\"0\",\"imr\":false,\"mmr\":\"0.005\"}|BAD_INPUT|instrument field 'tiers[0].imr' value false is not a decimal number; expected digits with an optional '-' and '.', such as \"-12.5\"",
        "{\"floor\":\"0\",\"imr\":\"1\",\"imr\":\"2\",\"mmr\":\"0.005\"}|BAD_INPUT|instrument field 'tiers[0].imr' appears more than once",
        "[\"0\",\"0.01\",\"0.005\"]|BAD_INPUT|instrument field 'tiers[0]' value [...] is not a tier; expected an object {\"floor\",\"imr\",\"mmr\"}",
    })
    void namesTheBadTier(final String tiers, final RejectCode code, final String reason)
    {
        assertInvalid(encoder.encode(instrumentLine("\"BTCUSDT\"", tiers), buffer, 0), 1, code, reason);
    }

    @Test
    void refusesTiersThatAreNoArray()
    {
        final String line = "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":\"X\",\"priceScale\":2,\"qtyScale\":3," +
            "\"liquidationFeeRate\":\"0.005\",\"tiers\":{\"floor\":\"0\"}}";
        assertInvalid(encoder.encode(line, buffer, 0), 1, RejectCode.BAD_INPUT,
            "instrument field 'tiers' value {...} is not an array; expected an array of up to 12 tiers {\"floor\",\"imr\",\"mmr\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"BTCUSDT-PERPETUAL\"|instrument field 'symbol' value \"BTCUSDT-PERPETUAL\" is not a valid symbol; expected 1 to 16 printable ASCII characters",
        "\"\"|instrument field 'symbol' value \"\" is not a valid symbol; expected 1 to 16 printable ASCII characters",
        "\"BTC USDT\"|instrument field 'symbol' value \"BTC USDT\" is not a valid symbol; expected 1 to 16 printable ASCII characters",
        "\"BTC€\"|instrument field 'symbol' value \"BTC?\" is not a valid symbol; expected 1 to 16 printable ASCII characters",
        "7|instrument field 'symbol' value 7 is not a valid symbol; expected 1 to 16 printable ASCII characters",
    })
    void refusesBadSymbols(final String symbol, final String reason)
    {
        final String tier = "{\"floor\":\"0\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}";
        assertInvalid(encoder.encode(instrumentLine(symbol, tier), buffer, 0), 1, RejectCode.BAD_INPUT, reason);
    }

    @Test
    void truncatesLongReasonsAndClipsLongValues()
    {
        final String longValue = "1".repeat(30) + "x" + "2".repeat(300);
        final String line = "{\"type\":\"invalid_input\",\"ts\":1,\"input\":\"fill\",\"code\":\"BAD_INPUT\",\"reason\":\"" +
            "r".repeat(250) + "\",\"x\":1}";
        assertTrue(encoder.encode(line, buffer, 0) > 0);
        readInvalid();
        assertEquals("r".repeat(200), invalid.reason());

        final String fill = "{\"type\":\"fill\",\"ts\":1,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"" + longValue +
            "\",\"price\":\"1\"}";
        assertInvalid(encoder.encode(fill, buffer, 0), 8, RejectCode.BAD_NUMBER,
            "fill field 'qty' value \"111111111111111111111111111111x222222222...\" is not a decimal number; " +
            "expected digits with an optional '-' and '.', such as \"-12.5\"");
    }

    @Test
    void showsQuotesAndControlCharactersInValuesSafely()
    {
        final String line = "{\"type\":\"fill\",\"ts\":1,\"account\":7,\"instrument\":1,\"side\":\"b\\\"u\\ny\\\\\",\"qty\":\"1\"," +
            "\"price\":\"1\"}";
        assertInvalid(encoder.encode(line, buffer, 0), 8, RejectCode.BAD_INPUT,
            "fill field 'side' value \"b\\\"u?y\\\\\" is not a side; expected \"buy\" or \"sell\"");
    }

    @Test
    void largestMessagesFitOneRingSlot()
    {
        final StringBuilder tiers = new StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            tiers.append(i == 0 ? "" : ",").append(
                "{\"floor\":\"-9223372036854775807\",\"imr\":\"-9.223372036854775807\",\"mmr\":\"-0.000000000000000001\"}");
        }
        final int length = encoder.encode(instrumentLine("\"ABCDEFGHIJKLMNOP\"", tiers.toString()), buffer, 0);
        assertEquals(1, encoder.lastTemplateId());
        assertEquals(8 + 61 + 4 + 12 * 27 + 4 + 16, length);

        final String reason = "r".repeat(200);
        final int invalidLength = encoder.encode(
            "{\"type\":\"invalid_input\",\"input\":\"fill\",\"code\":\"BAD_INPUT\",\"reason\":\"" + reason + "\"}", buffer, 0);
        assertEquals(8 + 23 + 4 + 200, invalidLength);
        assertTrue(length <= MessageTypes.MAX_INPUT_LENGTH);
    }

    @Test
    void acceptsALineInsideACharArray()
    {
        final char[] chars = "xx{\"type\":\"clock\",\"ts\":5}yy".toCharArray();
        assertEquals(28, encoder.encode(chars, 2, chars.length - 4, buffer, 7));
        header.wrap(buffer, 7);
        assertEquals(12, header.templateId());
    }

    @Test
    void refusesABufferWithoutRoomForARingSlot()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[MessageTypes.MAX_INPUT_LENGTH]);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode("{\"type\":\"clock\",\"ts\":5}", small, 1));
        assertEquals(28, encoder.encode("{\"type\":\"clock\",\"ts\":5}", small, 0));
    }

    @Test
    void defaultsOptionalFillFields()
    {
        final String line = "{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"8\",\"price\":\"60000\"," +
            "\"orderId\":null,\"liquidation\":null}";
        assertEquals(77, encoder.encode(line, buffer, 0));
        final FillDecoder fill = new FillDecoder().wrapAndApplyHeader(buffer, 0, header);
        assertEquals(0, fill.fee().mantissa());
        assertEquals(0, fill.fee().scale());
        assertEquals(0, fill.liquidationRaw());
        assertEquals(FillDecoder.orderIdNullValue(), fill.orderId());
        assertEquals(FillDecoder.seqNullValue(), fill.seq());
        assertEquals(0, fill.source());
    }

    private static String instrumentLine(final String symbol, final String tiers)
    {
        return "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":" + symbol + ",\"priceScale\":2,\"qtyScale\":3," +
            "\"liquidationFeeRate\":\"0.005\",\"tiers\":[" + tiers + "]}";
    }

    private void assertInvalid(final int length, final int inputType, final RejectCode code, final String reason)
    {
        assertTrue(length > 0, () -> "negative result: " + encoder.errorMessage());
        assertEquals(InvalidInputDecoder.TEMPLATE_ID, encoder.lastTemplateId());
        readInvalid();
        assertEquals(inputType, invalid.inputType());
        assertEquals(code, invalid.code());
        assertEquals(reason, invalid.reason());
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + invalid.encodedLength());
    }

    private void readInvalid()
    {
        invalid.wrapAndApplyHeader(buffer, 0, header);
        assertEquals(InvalidInputDecoder.TEMPLATE_ID, header.templateId());
    }
}
