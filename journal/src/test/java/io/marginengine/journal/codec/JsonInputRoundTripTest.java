package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs survive the trip through JSON: SBE to JSON to SBE gives the same bytes, and any
 * accepted spelling of a line comes back as its one canonical text.
 */
class JsonInputRoundTripTest
{
    /** {@code Long.MAX_VALUE} at scale {@code 18 - k}, written out by hand. */
    private static final String[] HIGH = {
        "9.223372036854775807", "92.23372036854775807", "922.3372036854775807", "9223.372036854775807",
        "92233.72036854775807", "922337.2036854775807", "9223372.036854775807", "92233720.36854775807",
        "922337203.6854775807", "9223372036.854775807", "92233720368.54775807", "922337203685.4775807",
        "9223372036854.775807", "92233720368547.75807",
    };

    /** {@code Long.MIN_VALUE + 1} at scale {@code k}, written out by hand. */
    private static final String[] LOW = {
        "-9223372036854775807", "-922337203685477580.7", "-92233720368547758.07", "-9223372036854775.807",
    };

    private static final String HIGH_COMMON = "\"ts\":9223372036854775807,\"seq\":9223372036854775806,\"source\":2147483647";
    private static final String LOW_COMMON = "\"ts\":-9223372036854775807,\"source\":-2147483647";

    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final JsonOutputWriter writer = new JsonOutputWriter();
    private final UnsafeBuffer original = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer reencoded = new UnsafeBuffer(new byte[1024]);

    static Stream<Arguments> highInputs()
    {
        return Stream.of(
            Arguments.of(1, "{\"type\":\"instrument\"," + HIGH_COMMON + ",\"instrument\":2147483646,\"priceScale\":254," +
                "\"qtyScale\":253,\"multiplier\":\"" + HIGH[0] + "\",\"liquidationFeeRate\":\"" + HIGH[1] + "\"," +
                "\"staleAfterNs\":9223372036854775805,\"maxMarkMoveRate\":\"" + HIGH[2] + "\",\"tiers\":[" + highTiers() + "]," +
                "\"symbol\":\"ABCDEFGHIJKLMNOP\"}"),
            Arguments.of(2, "{\"type\":\"params\"," + HIGH_COMMON + ",\"callLevel\":\"" + HIGH[0] + "\",\"liquidationLevel\":\"" +
                HIGH[1] + "\",\"cureLevel\":\"" + HIGH[2] + "\",\"callGraceNs\":9223372036854775805,\"partialLiquidation\":true}"),
            Arguments.of(3, "{\"type\":\"account\"," + HIGH_COMMON + ",\"account\":9223372036854775805}"),
            Arguments.of(4, "{\"type\":\"deposit\"," + HIGH_COMMON + ",\"account\":9223372036854775805,\"amount\":\"" +
                HIGH[0] + "\"}"),
            Arguments.of(5, "{\"type\":\"withdraw\"," + HIGH_COMMON + ",\"account\":9223372036854775805,\"amount\":\"" +
                HIGH[0] + "\"}"),
            Arguments.of(6, "{\"type\":\"margin_mode\"," + HIGH_COMMON +
                ",\"account\":9223372036854775805,\"instrument\":2147483646,\"mode\":\"isolated\"}"),
            Arguments.of(7, "{\"type\":\"isolated_margin\"," + HIGH_COMMON +
                ",\"account\":9223372036854775805,\"instrument\":2147483646,\"amount\":\"" + HIGH[0] + "\"}"),
            Arguments.of(8, "{\"type\":\"fill\"," + HIGH_COMMON + ",\"account\":9223372036854775805,\"instrument\":2147483646," +
                "\"side\":\"sell\",\"qty\":\"" + HIGH[0] + "\",\"price\":\"" + HIGH[1] + "\",\"fee\":\"" + HIGH[2] + "\"," +
                "\"liquidation\":true,\"orderId\":9223372036854775804}"),
            Arguments.of(9, "{\"type\":\"liquidation_expired\"," + HIGH_COMMON + ",\"orderId\":9223372036854775805," +
                "\"account\":9223372036854775804,\"instrument\":2147483646,\"qty\":\"" + HIGH[0] + "\"}"),
            Arguments.of(10, "{\"type\":\"mark\"," + HIGH_COMMON + ",\"instrument\":2147483646,\"price\":\"" + HIGH[0] + "\"}"),
            Arguments.of(11, "{\"type\":\"funding\"," + HIGH_COMMON + ",\"instrument\":2147483646,\"rate\":\"" + HIGH[0] + "\"}"),
            Arguments.of(12, "{\"type\":\"clock\"," + HIGH_COMMON + "}"),
            Arguments.of(13, "{\"type\":\"check\"," + HIGH_COMMON + ",\"account\":9223372036854775805,\"instrument\":2147483646," +
                "\"side\":\"sell\",\"qty\":\"" + HIGH[0] + "\",\"price\":\"" + HIGH[1] + "\"}"),
            Arguments.of(14, "{\"type\":\"query\"," + HIGH_COMMON + ",\"account\":9223372036854775805}"),
            Arguments.of(15, "{\"type\":\"invalid_input\"," + HIGH_COMMON + ",\"input\":\"invalid_input\",\"code\":\"ACCEPTED\"," +
                "\"reason\":\"say \\\"no\\\" \\\\ then\\ttab; " + "x".repeat(179) + "\"}"));
    }

    static Stream<Arguments> lowInputs()
    {
        return Stream.of(
            Arguments.of(1, "{\"type\":\"instrument\"," + LOW_COMMON + ",\"instrument\":-2147483646,\"priceScale\":0," +
                "\"qtyScale\":1,\"multiplier\":\"" + LOW[0] + "\",\"liquidationFeeRate\":\"" + LOW[1] + "\"," +
                "\"staleAfterNs\":-9223372036854775805,\"tiers\":[],\"symbol\":\"Z\"}"),
            Arguments.of(2, "{\"type\":\"params\"," + LOW_COMMON + "}"),
            Arguments.of(3, "{\"type\":\"account\"," + LOW_COMMON + ",\"account\":-9223372036854775805}"),
            Arguments.of(4, "{\"type\":\"deposit\"," + LOW_COMMON + ",\"account\":-9223372036854775805,\"amount\":\"" +
                LOW[0] + "\"}"),
            Arguments.of(5, "{\"type\":\"withdraw\"," + LOW_COMMON + ",\"account\":-9223372036854775805,\"amount\":\"" +
                LOW[0] + "\"}"),
            Arguments.of(6, "{\"type\":\"margin_mode\"," + LOW_COMMON +
                ",\"account\":-9223372036854775805,\"instrument\":-2147483646,\"mode\":\"cross\"}"),
            Arguments.of(7, "{\"type\":\"isolated_margin\"," + LOW_COMMON +
                ",\"account\":-9223372036854775805,\"instrument\":-2147483646,\"amount\":\"" + LOW[0] + "\"}"),
            Arguments.of(8, "{\"type\":\"fill\"," + LOW_COMMON + ",\"account\":-9223372036854775805,\"instrument\":-2147483646," +
                "\"side\":\"buy\",\"qty\":\"" + LOW[0] + "\",\"price\":\"" + LOW[1] + "\",\"fee\":\"" + LOW[2] + "\"," +
                "\"liquidation\":false}"),
            Arguments.of(9, "{\"type\":\"liquidation_expired\"," + LOW_COMMON + ",\"orderId\":-9223372036854775805," +
                "\"account\":-9223372036854775804,\"instrument\":-2147483646,\"qty\":\"" + LOW[0] + "\"}"),
            Arguments.of(10, "{\"type\":\"mark\"," + LOW_COMMON + ",\"instrument\":-2147483646,\"price\":\"" + LOW[0] + "\"}"),
            Arguments.of(11, "{\"type\":\"funding\"," + LOW_COMMON + ",\"instrument\":-2147483646,\"rate\":\"" + LOW[0] + "\"}"),
            Arguments.of(12, "{\"type\":\"clock\"," + LOW_COMMON + "}"),
            Arguments.of(13, "{\"type\":\"check\"," + LOW_COMMON + ",\"account\":-9223372036854775805,\"instrument\":-2147483646," +
                "\"side\":\"buy\",\"qty\":\"" + LOW[0] + "\",\"price\":\"" + LOW[1] + "\"}"),
            Arguments.of(14, "{\"type\":\"query\"," + LOW_COMMON + ",\"account\":-9223372036854775805}"),
            Arguments.of(15, "{\"type\":\"invalid_input\"," + LOW_COMMON +
                ",\"input\":\"instrument\",\"code\":\"BAD_INPUT\",\"reason\":\"\"}"));
    }

    @ParameterizedTest
    @MethodSource("highInputs")
    void highValuesGoThroughJsonToTheSameBytes(final int templateId, final String expectedJson)
    {
        final int length = SampleMessages.encode(templateId, Extreme.HIGH, original, 0);
        assertSameBytesThroughJson(length, expectedJson);
    }

    @ParameterizedTest
    @MethodSource("lowInputs")
    void lowValuesGoThroughJsonToTheSameBytes(final int templateId, final String expectedJson)
    {
        final int length = templateId == 1 ?
            SampleMessages.instrument(Extreme.LOW, "Z", original, 0) : SampleMessages.encode(templateId, Extreme.LOW, original, 0);
        assertSameBytesThroughJson(length, expectedJson);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"symbol\":\"BTCUSDT\",\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"priceScale\":2,\"qtyScale\":3,\"multiplier\":1,\"liquidationFeeRate\":\"0.0050\",\"tiers\":[{\"mmr\":\"0.004\",\"floor\":\"0\",\"imr\":0.008},{\"floor\":\"50000.00\",\"imr\":\"0.01\",\"mmr\":\"0.005\",\"note\":\"x\"}],\"comment\":\"hi\"}" +
            "|{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"priceScale\":2,\"qtyScale\":3,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"staleAfterNs\":0,\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\",\"mmr\":\"0.004\"},{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}],\"symbol\":\"BTCUSDT\"}",
        "{\"type\":\"instrument\",\"ts\":5,\"instrument\":2,\"symbol\":\"ETH\",\"priceScale\":2,\"qtyScale\":4,\"liquidationFeeRate\":\"0.01\",\"staleAfterNs\":5000000000,\"maxMarkMoveRate\":\"0.10\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.02\",\"mmr\":\"0.01\"}]}" +
            "|{\"type\":\"instrument\",\"ts\":5,\"instrument\":2,\"priceScale\":2,\"qtyScale\":4,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.01\",\"staleAfterNs\":5000000000,\"maxMarkMoveRate\":\"0.1\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.02\",\"mmr\":\"0.01\"}],\"symbol\":\"ETH\"}",
        "{\"type\":\"params\",\"ts\":10,\"callGraceNs\":60000000000,\"cureLevel\":\"1.10\",\"partialLiquidation\":false,\"liquidationLevel\":0.80,\"callLevel\":\"1\"}" +
            "|{\"type\":\"params\",\"ts\":10,\"callLevel\":\"1\",\"liquidationLevel\":\"0.8\",\"cureLevel\":\"1.1\",\"callGraceNs\":60000000000,\"partialLiquidation\":false}",
        "{\"type\":\"params\",\"ts\":11,\"callLevel\":null,\"seq\":null,\"source\":null}|{\"type\":\"params\",\"ts\":11}",
        "{\"account\":7,\"type\":\"account\",\"ts\":1,\"seq\":0,\"source\":0}|{\"type\":\"account\",\"ts\":1,\"seq\":0,\"account\":7}",
        "{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":30000.00000000}|{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"30000\"}",
        "{\"type\":\"withdraw\",\"ts\":3,\"seq\":12,\"source\":4,\"account\":7,\"amount\":\"-0.50\"}|{\"type\":\"withdraw\",\"ts\":3,\"seq\":12,\"source\":4,\"account\":7,\"amount\":\"-0.5\"}",
        "{\"type\":\"margin_mode\",\"ts\":4,\"account\":7,\"instrument\":1,\"mode\":\"isolated\"}|{\"type\":\"margin_mode\",\"ts\":4,\"account\":7,\"instrument\":1,\"mode\":\"isolated\"}",
        "{\"type\":\"isolated_margin\",\"ts\":5,\"account\":7,\"instrument\":1,\"amount\":\"-100.000\"}|{\"type\":\"isolated_margin\",\"ts\":5,\"account\":7,\"instrument\":1,\"amount\":\"-100\"}",
        "{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"60000\",\"fee\":\"0\"}|{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"60000\",\"fee\":\"0\",\"liquidation\":false}",
        "{\"type\":\"fill\",\"ts\":9,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":0.004,\"price\":\"56550.10\",\"liquidation\":true,\"orderId\":3,\"fee\":\"-0.25\"}|{\"type\":\"fill\",\"ts\":9,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"0.004\",\"price\":\"56550.1\",\"fee\":\"-0.25\",\"liquidation\":true,\"orderId\":3}",
        "{\"type\":\"liquidation_expired\",\"ts\":10,\"orderId\":3,\"account\":7,\"instrument\":1,\"qty\":\"0.0010\"}|{\"type\":\"liquidation_expired\",\"ts\":10,\"orderId\":3,\"account\":7,\"instrument\":1,\"qty\":\"0.001\"}",
        "{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"56550\"}|{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"56550\"}",
        "{\"type\":\"funding\",\"ts\":6,\"instrument\":1,\"rate\":\"-0.000100\"}|{\"type\":\"funding\",\"ts\":6,\"instrument\":1,\"rate\":\"-0.0001\"}",
        "{\"type\":\"clock\",\"ts\":900000000000}|{\"type\":\"clock\",\"ts\":900000000000}",
        "{\"type\":\"check\",\"ts\":7,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"1\",\"price\":\"-0\"}|{\"type\":\"check\",\"ts\":7,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"1\",\"price\":\"0\"}",
        "{\"type\":\"query\",\"ts\":5,\"account\":7}|{\"type\":\"query\",\"ts\":5,\"account\":7}",
        "{\"type\":\"invalid_input\",\"ts\":3,\"input\":\"fill\",\"code\":\"BAD_NUMBER\",\"reason\":\"fill field 'qty' value \\\"1.2.3\\\" is not a decimal number\"}|{\"type\":\"invalid_input\",\"ts\":3,\"input\":\"fill\",\"code\":\"BAD_NUMBER\",\"reason\":\"fill field 'qty' value \\\"1.2.3\\\" is not a decimal number\"}",
        "{\"type\":\"fill\",\"ts\":3,\"seq\":8,\"account\":7,\"instrument\":1,\"side\":\"up\",\"qty\":\"8\",\"price\":\"60000\"}|{\"type\":\"invalid_input\",\"ts\":3,\"seq\":8,\"input\":\"fill\",\"code\":\"BAD_INPUT\",\"reason\":\"fill field 'side' value \\\"up\\\" is not a side; expected \\\"buy\\\" or \\\"sell\\\"\"}",
        "{\"type\":\"mark\",\"instrument\":1,\"price\":\"1\"}|{\"type\":\"invalid_input\",\"input\":\"mark\",\"code\":\"BAD_INPUT\",\"reason\":\"mark field 'ts' is missing; expected an integer from -9223372036854775807 to 9223372036854775807\"}",
    })
    void anyAcceptedSpellingComesBackCanonical(final String line, final String canonical)
    {
        final int length = encoder.encode(line, original, 0);
        assertTrue(length > 0, () -> encoder.errorMessage().toString());
        final StringBuilder json = new StringBuilder();
        assertEquals(length, writer.write(original, 0, json));
        assertEquals(canonical, json.toString());
        assertSameBytesThroughJson(encoder.encode(canonical, original, 0), canonical);
    }

    @Test
    void keepsTheScaleAsWrittenAndWritesTheValueCanonically()
    {
        final String line = "{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"60000.000\"}";
        assertEquals(41, encoder.encode(line, original, 0));
        final MarkDecoder mark = new MarkDecoder().wrapAndApplyHeader(original, 0, new MessageHeaderDecoder());
        assertEquals(60000000, mark.price().mantissa());
        assertEquals(3, mark.price().scale());
        final StringBuilder json = new StringBuilder();
        writer.write(original, 0, json);
        assertEquals("{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"60000\"}", json.toString());
    }

    @Test
    void theSpecExampleReadsAndWritesBack()
    {
        final String[] lines = {
            "{\"type\":\"account\",\"ts\":1,\"account\":7}",
            "{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"56550\"}",
            "{\"type\":\"query\",\"ts\":5,\"account\":7}",
        };
        for (final String line : lines)
        {
            final int length = encoder.encode(line, original, 0);
            final StringBuilder json = new StringBuilder();
            assertEquals(length, writer.write(original, 0, json));
            assertEquals(line, json.toString());
        }
    }

    private void assertSameBytesThroughJson(final int length, final String expectedJson)
    {
        final StringBuilder json = new StringBuilder();
        assertEquals(length, writer.write(original, 0, json));
        assertEquals(expectedJson, json.toString());
        final int reencodedLength = encoder.encode(json, reencoded, 0);
        assertEquals(length, reencodedLength, () -> "re-encoded: " + encoder.errorMessage());
        for (int i = 0; i < length; i++)
        {
            final int index = i;
            assertEquals(original.getByte(i), reencoded.getByte(i), () -> "byte " + index + " of " + expectedJson);
        }
    }

    private static String highTiers()
    {
        final StringBuilder tiers = new StringBuilder();
        for (int t = 0; t < 12; t++)
        {
            tiers.append(t == 0 ? "" : ",").append("{\"floor\":\"").append(HIGH[t]).append("\",\"imr\":\"").append(HIGH[t + 1])
                .append("\",\"mmr\":\"").append(HIGH[t + 2]).append("\"}");
        }
        return tiers.toString();
    }
}
