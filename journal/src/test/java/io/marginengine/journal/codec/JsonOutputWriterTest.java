package io.marginengine.journal.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.RejectEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every output type written as JSON and read back with jackson-databind: the field values,
 * kinds and order of SPEC section 5 and docs/RULES.md section 7.
 */
class JsonOutputWriterTest
{
    private static final String[] HIGH = {
        "9.223372036854775807", "92.23372036854775807", "922.3372036854775807", "9223.372036854775807",
        "92233.72036854775807", "922337.2036854775807", "9223372.036854775807", "92233720.36854775807",
        "922337203.6854775807", "9223372036.854775807", "92233720368.54775807",
    };
    private static final String[] LOW = {
        "-9223372036854775807", "-922337203685477580.7", "-92233720368547758.07", "-9223372036854775.807",
    };
    private static final String HIGH_COMMON = "\"ts\":9223372036854775807,\"cause\":9223372036854775806";
    private static final String LOW_COMMON = "\"ts\":-9223372036854775807,\"cause\":-9223372036854775806";
    private static final String HIGH_REASON = "say \\\"no\\\" \\\\ then\\ttab; " + "x".repeat(179);

    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonOutputWriter writer = new JsonOutputWriter();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);

    static Stream<Arguments> outputs()
    {
        return Stream.of(
            Arguments.of(100, Extreme.HIGH, "{\"type\":\"margin_call\"," + HIGH_COMMON + ",\"account\":9223372036854775805," +
                "\"instrument\":2147483647,\"equity\":\"" + HIGH[0] + "\",\"maintenance\":\"" + HIGH[1] + "\",\"initial\":\"" +
                HIGH[2] + "\",\"shortfall\":\"" + HIGH[3] + "\",\"deadline\":9223372036854775804}"),
            Arguments.of(100, Extreme.LOW, "{\"type\":\"margin_call\"," + LOW_COMMON + ",\"account\":-9223372036854775805," +
                "\"equity\":\"" + LOW[0] + "\",\"maintenance\":\"" + LOW[1] + "\",\"initial\":\"" + LOW[2] + "\",\"shortfall\":\"" +
                LOW[3] + "\",\"deadline\":-9223372036854775804}"),
            Arguments.of(101, Extreme.HIGH, "{\"type\":\"margin_call_cured\"," + HIGH_COMMON +
                ",\"account\":9223372036854775805,\"instrument\":2147483647,\"equity\":\"" + HIGH[0] + "\",\"initial\":\"" +
                HIGH[1] + "\"}"),
            Arguments.of(101, Extreme.LOW, "{\"type\":\"margin_call_cured\"," + LOW_COMMON +
                ",\"account\":-9223372036854775805,\"equity\":\"" + LOW[0] + "\",\"initial\":\"" + LOW[1] + "\"}"),
            Arguments.of(102, Extreme.HIGH, "{\"type\":\"liquidation_order\"," + HIGH_COMMON + ",\"orderId\":9223372036854775805," +
                "\"account\":9223372036854775804,\"instrument\":2147483647,\"side\":\"sell\",\"qty\":\"" + HIGH[0] +
                "\",\"price\":\"" + HIGH[1] + "\",\"isolated\":true}"),
            Arguments.of(102, Extreme.LOW, "{\"type\":\"liquidation_order\"," + LOW_COMMON + ",\"orderId\":-9223372036854775805," +
                "\"account\":-9223372036854775804,\"instrument\":-2147483647,\"side\":\"buy\",\"qty\":\"" + LOW[0] +
                "\",\"price\":\"" + LOW[1] + "\",\"isolated\":false}"),
            Arguments.of(103, Extreme.HIGH, "{\"type\":\"liquidation_done\"," + HIGH_COMMON +
                ",\"account\":9223372036854775805,\"instrument\":2147483647}"),
            Arguments.of(103, Extreme.LOW, "{\"type\":\"liquidation_done\"," + LOW_COMMON + ",\"account\":-9223372036854775805}"),
            Arguments.of(104, Extreme.HIGH, "{\"type\":\"adl\"," + HIGH_COMMON + ",\"account\":9223372036854775805," +
                "\"instrument\":2147483647,\"side\":\"sell\",\"qty\":\"" + HIGH[0] + "\",\"price\":\"" + HIGH[1] +
                "\",\"rank\":\"" + HIGH[2] + "\"}"),
            Arguments.of(104, Extreme.LOW, "{\"type\":\"adl\"," + LOW_COMMON + ",\"account\":-9223372036854775805," +
                "\"instrument\":-2147483647,\"side\":\"buy\",\"qty\":\"" + LOW[0] + "\",\"price\":\"" + LOW[1] +
                "\",\"rank\":\"" + LOW[2] + "\"}"),
            Arguments.of(105, Extreme.HIGH, "{\"type\":\"insurance_fund\"," + HIGH_COMMON + ",\"account\":9223372036854775805," +
                "\"delta\":\"" + HIGH[0] + "\",\"balance\":\"" + HIGH[1] + "\",\"shortfall\":\"" + HIGH[2] + "\"}"),
            Arguments.of(105, Extreme.LOW, "{\"type\":\"insurance_fund\"," + LOW_COMMON + ",\"account\":-9223372036854775805," +
                "\"delta\":\"" + LOW[0] + "\",\"balance\":\"" + LOW[1] + "\"}"),
            Arguments.of(106, Extreme.HIGH, "{\"type\":\"price_stale\"," + HIGH_COMMON + ",\"instrument\":2147483647}"),
            Arguments.of(106, Extreme.LOW, "{\"type\":\"price_stale\"," + LOW_COMMON + ",\"instrument\":-2147483647}"),
            Arguments.of(107, Extreme.HIGH, "{\"type\":\"price_resumed\"," + HIGH_COMMON + ",\"instrument\":2147483647}"),
            Arguments.of(107, Extreme.LOW, "{\"type\":\"price_resumed\"," + LOW_COMMON + ",\"instrument\":-2147483647}"),
            Arguments.of(108, Extreme.HIGH, "{\"type\":\"check_result\"," + HIGH_COMMON + ",\"account\":9223372036854775805," +
                "\"instrument\":2147483647,\"accepted\":true,\"code\":\"ACCEPTED\",\"reason\":\"" + HIGH_REASON + "\"}"),
            Arguments.of(108, Extreme.LOW, "{\"type\":\"check_result\"," + LOW_COMMON + ",\"account\":-9223372036854775805," +
                "\"instrument\":-2147483647,\"accepted\":false,\"code\":\"BAD_INPUT\",\"reason\":\"\"}"),
            Arguments.of(109, Extreme.HIGH, "{\"type\":\"account_state\"," + HIGH_COMMON + ",\"account\":9223372036854775805," +
                "\"status\":\"LIQUIDATING\",\"wallet\":\"" + HIGH[0] + "\",\"equity\":\"" + HIGH[1] + "\",\"maintenance\":\"" +
                HIGH[2] + "\",\"initial\":\"" + HIGH[3] + "\",\"marginRatio\":\"" + HIGH[4] + "\",\"positions\":[" +
                position(2147483647, 0, "\"" + HIGH[7] + "\"", "\"" + HIGH[8] + "\"") + "," +
                position(2147483646, 1, "null", "null") + "," +
                position(2147483645, 2, "\"" + HIGH[9] + "\"", "\"" + HIGH[10] + "\"") + "]}"),
            Arguments.of(109, Extreme.LOW, "{\"type\":\"account_state\"," + LOW_COMMON + ",\"account\":-9223372036854775805," +
                "\"status\":\"NORMAL\",\"wallet\":\"" + LOW[0] + "\",\"equity\":\"" + LOW[1] + "\",\"maintenance\":\"" + LOW[2] +
                "\",\"initial\":\"" + LOW[3] + "\",\"marginRatio\":\"infinite\",\"positions\":[]}"),
            Arguments.of(110, Extreme.HIGH, "{\"type\":\"reject\"," + HIGH_COMMON +
                ",\"code\":\"ACCEPTED\",\"input\":\"invalid_input\",\"reason\":\"" + HIGH_REASON + "\"}"),
            Arguments.of(110, Extreme.LOW, "{\"type\":\"reject\"," + LOW_COMMON +
                ",\"code\":\"BAD_INPUT\",\"input\":\"instrument\",\"reason\":\"\"}"));
    }

    @ParameterizedTest
    @MethodSource("outputs")
    void writesEveryOutputWithItsFieldsInOrder(final int templateId, final Extreme x, final String expected) throws Exception
    {
        final int length = SampleMessages.encode(templateId, x, buffer, 3);
        final StringBuilder json = new StringBuilder();
        assertEquals(length, writer.write(buffer, 3, json));
        final JsonNode actualTree = mapper.readTree(json.toString());
        final JsonNode expectedTree = mapper.readTree(expected);
        assertEquals(expectedTree, actualTree);
        assertEquals(fieldNames(expectedTree), fieldNames(actualTree));
        assertEquals(expected, json.toString());
    }

    @Test
    void writesNumbersAsNumbersAndDecimalsAsStrings() throws Exception
    {
        SampleMessages.encode(109, Extreme.HIGH, buffer, 0);
        final StringBuilder json = new StringBuilder();
        writer.write(buffer, 0, json);
        final JsonNode state = mapper.readTree(json.toString());
        assertEquals(Long.MAX_VALUE, state.get("ts").longValue());
        assertTrue(state.get("ts").isIntegralNumber());
        assertEquals(Long.MAX_VALUE - 2, state.get("account").longValue());
        assertTrue(state.get("wallet").isTextual());
        assertEquals("9.223372036854775807", state.get("wallet").textValue());
        final JsonNode second = state.get("positions").get(1);
        assertEquals(Integer.MAX_VALUE - 1, second.get("instrument").intValue());
        assertTrue(second.get("liquidationPrice").isNull());
        assertTrue(second.get("bankruptcyPrice").isNull());
        assertTrue(second.get("isolated").booleanValue());
        assertEquals("LIQUIDATING", second.get("status").textValue());
    }

    @Test
    void escapesControlAndNonAsciiBytesInText() throws Exception
    {
        final byte[] reason = {'a', 1, '"', '\\', '\n', '\r', '\t', (byte)0xE9, 0x7F, 'z'};
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new RejectEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .ts(1).cause(2).code(RejectCode.OVERFLOW).inputType(0).putReason(reason, 0, reason.length).encodedLength();
        final StringBuilder json = new StringBuilder();
        assertEquals(length, writer.write(buffer, 0, json));
        assertEquals("{\"type\":\"reject\",\"ts\":1,\"cause\":2,\"code\":\"OVERFLOW\",\"input\":\"unknown\"," +
            "\"reason\":\"a\\u0001\\\"\\\\\\n\\r\\t\\u00e9\\u007fz\"}", json.toString());
        assertEquals("a\u0001\"\\\n\r\t\u00e9\u007fz", mapper.readTree(json.toString()).get("reason").textValue());
    }

    @Test
    void stepsThroughConsecutiveMessages()
    {
        final int first = SampleMessages.encode(106, Extreme.LOW, buffer, 0);
        final int second = SampleMessages.encode(3, Extreme.LOW, buffer, first);
        final StringBuilder json = new StringBuilder();
        assertEquals(first, writer.write(buffer, 0, json));
        json.append('\n');
        assertEquals(second, writer.write(buffer, first, json));
        assertEquals("{\"type\":\"price_stale\",\"ts\":-9223372036854775807,\"cause\":-9223372036854775806," +
            "\"instrument\":-2147483647}\n{\"type\":\"account\",\"ts\":-9223372036854775807,\"source\":-2147483647," +
            "\"account\":-9223372036854775805}", json.toString());
    }

    @Test
    void refusesWhatIsNoMessageOfTheContract()
    {
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final StringBuilder json = new StringBuilder("kept");
        header.wrap(buffer, 0).blockLength(20).templateId(50).schemaId(7201).version(1);
        assertEquals(JsonOutputWriter.NOT_A_MESSAGE, writer.write(buffer, 0, json));
        header.wrap(buffer, 0).blockLength(20).templateId(12).schemaId(7202).version(1);
        assertEquals(JsonOutputWriter.NOT_A_MESSAGE, writer.write(buffer, 0, json));
        assertEquals("kept", json.toString());
    }

    private static String position(final int instrument, final int p, final String liquidationPrice, final String bankruptcyPrice)
    {
        return "{\"instrument\":" + instrument + ",\"qty\":\"" + HIGH[p] + "\",\"entryPrice\":\"" + HIGH[p + 1] +
            "\",\"mark\":\"" + HIGH[p + 2] + "\",\"upnl\":\"" + HIGH[p + 3] + "\",\"maintenance\":\"" + HIGH[p + 4] +
            "\",\"initial\":\"" + HIGH[p + 5] + "\",\"isolated\":true,\"isolatedMargin\":\"" + HIGH[p + 6] +
            "\",\"liquidationPrice\":" + liquidationPrice + ",\"bankruptcyPrice\":" + bankruptcyPrice +
            ",\"status\":\"LIQUIDATING\"}";
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
