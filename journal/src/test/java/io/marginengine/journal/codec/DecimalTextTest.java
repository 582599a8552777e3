package io.marginengine.journal.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static io.marginengine.journal.codec.DecimalText.MALFORMED;
import static io.marginengine.journal.codec.DecimalText.NOT_EXACT;
import static io.marginengine.journal.codec.DecimalText.OK;
import static io.marginengine.journal.codec.DecimalText.OVERFLOW;
import static io.marginengine.journal.codec.DecimalText.RESCALE_FAILED;
import static io.marginengine.journal.codec.DecimalText.SCALE_TOO_LARGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DecimalTextTest
{
    private final MutableDecimal out = new MutableDecimal();

    @ParameterizedTest
    @CsvSource({
        "0, 0, 0",
        "-0, 0, 0",
        "-0.000, 0, 3",
        "7, 7, 0",
        "-7, -7, 0",
        "00012.500, 12500, 3",
        "60000.000, 60000000, 3",
        "0.004, 4, 3",
        "30000, 30000, 0",
        "9223372036854775807, 9223372036854775807, 0",
        "-9223372036854775807, -9223372036854775807, 0",
        "922337203.6854775807, 9223372036854775807, 10",
        "9.223372036854775807, 9223372036854775807, 18",
        "0.922337203685477580, 922337203685477580, 18",
        "0.000000000000000001, 1, 18",
        "-0.000000000000000001, -1, 18",
        "1000000000000000000, 1000000000000000000, 0",
        "000000000000000000000000000001, 1, 0",
    })
    void parsesExactly(final String text, final long mantissa, final int scale)
    {
        assertEquals(OK, DecimalText.parse(text, out), text);
        assertEquals(mantissa, out.mantissa(), text);
        assertEquals(scale, out.scale(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "1.", ".5", "-.5", "1e5", "1E5", "+1", " 1", "1 ", "1.2.3", "--1", "1-", "0x10",
        "1,5", "١", "NaN", "Infinity", "-.", "."})
    void rejectsMalformedText(final String text)
    {
        assertEquals(MALFORMED, DecimalText.parse(text, out), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775808", "10000000000000000000",
        "99999999999999999999", "12345678901234567890123", "92233720368547758.08"})
    void rejectsValuesBeyondSignedLong(final String text)
    {
        assertEquals(OVERFLOW, DecimalText.parse(text, out), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000000000000000001", "1.0000000000000000000", "99999999999999999999.1234567890123456789"})
    void rejectsMoreThanEighteenDecimals(final String text)
    {
        assertEquals(SCALE_TOO_LARGE, DecimalText.parse(text, out), text);
    }

    @Test
    void malformedWinsOverOverflow()
    {
        assertEquals(MALFORMED, DecimalText.parse("99999999999999999999x", out));
    }

    @Test
    void parsesASubRange()
    {
        assertEquals(OK, DecimalText.parse("[-12.50]", 1, 7, out));
        assertEquals(-1250, out.mantissa());
        assertEquals(2, out.scale());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0, 0",
        "0, 18, 0",
        "-0, 5, 0",
        "1, 0, 1",
        "1, 18, 0.000000000000000001",
        "-1, 18, -0.000000000000000001",
        "3000000000000, 8, 30000",
        "12500, 3, 12.5",
        "-12500, 3, -12.5",
        "100, 2, 1",
        "101, 2, 1.01",
        "-5, 1, -0.5",
        "9223372036854775807, 0, 9223372036854775807",
        "9223372036854775807, 1, 922337203685477580.7",
        "9223372036854775807, 9, 9223372036.854775807",
        "9223372036854775807, 18, 9.223372036854775807",
        "-9223372036854775807, 0, -9223372036854775807",
        "-9223372036854775807, 18, -9.223372036854775807",
        "-9223372036854775807, 7, -922337203685.4775807",
        "1000000000000000000, 18, 1",
        "1000000000000000000, 0, 1000000000000000000",
        "5, 19, 0.0000000000000000005",
        "9223372036854775807, 19, 0.9223372036854775807",
        "9223372036854775807, 20, 0.09223372036854775807",
    })
    void formatsCanonically(final long mantissa, final int scale, final String expected)
    {
        assertEquals(expected, DecimalText.format(mantissa, scale, new StringBuilder()).toString());
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final int length = DecimalText.format(mantissa, scale, buffer, 3);
        assertEquals(expected, buffer.getStringWithoutLengthAscii(3, length));
    }

    @Test
    void formatsLongMaxAndMinPlusOneAtEveryScale()
    {
        for (int scale = 0; scale <= DecimalText.MAX_SCALE; scale++)
        {
            for (final long mantissa : new long[] {Long.MAX_VALUE, Long.MIN_VALUE + 1})
            {
                final String expected = BigDecimal.valueOf(mantissa, scale).toPlainString();
                final String text = DecimalText.format(mantissa, scale, new StringBuilder()).toString();
                assertEquals(expected, text, "scale " + scale);
                assertEquals(OK, DecimalText.parse(text, out));
                assertEquals(mantissa, out.mantissa());
                assertEquals(scale, out.scale());
                final UnsafeBuffer buffer = new UnsafeBuffer(new byte[32]);
                final int length = DecimalText.format(mantissa, scale, buffer, 0);
                assertEquals(expected, new String(buffer.byteArray(), 0, length, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void appendsToExistingText()
    {
        final StringBuilder text = new StringBuilder("qty=");
        DecimalText.format(-250, 2, text).append(';');
        assertEquals("qty=-2.5;", text.toString());
    }

    @Test
    void refusesTheNullMantissaAndNegativeScales()
    {
        assertThrows(IllegalArgumentException.class, () -> DecimalText.format(Long.MIN_VALUE, 0, new StringBuilder()));
        assertThrows(IllegalArgumentException.class, () -> DecimalText.format(1, -1, new StringBuilder()));
        assertThrows(IllegalArgumentException.class, () -> DecimalText.rescale(1, -1, 0));
    }

    @ParameterizedTest
    @CsvSource({
        "60000000, 3, 2, 6000000",
        "6000000, 2, 8, 6000000000000",
        "125, 2, 2, 125",
        "0, 18, 0, 0",
        "0, 0, 40, 0",
        "-1500, 3, 1, -15",
        "-15, 1, 3, -1500",
        "9223372036854775807, 0, 0, 9223372036854775807",
        "922337203685477580, 0, 1, 9223372036854775800",
        "-922337203685477580, 0, 1, -9223372036854775800",
        "9223372036854775807, 18, 18, 9223372036854775807",
        "1, 0, 18, 1000000000000000000",
        "-9, 0, 18, -9000000000000000000",
        "1000000000000000000, 18, 0, 1",
    })
    void rescalesExactly(final long mantissa, final int from, final int to, final long expected)
    {
        assertEquals(expected, DecimalText.rescale(mantissa, from, to));
        assertEquals(OK, DecimalText.rescaleStatus(mantissa, from, to));
    }

    @ParameterizedTest
    @CsvSource({
        "60000001, 3, 2",
        "1, 1, 0",
        "-1, 18, 17",
        "9223372036854775807, 18, 0",
        "5, 30, 0",
    })
    void refusesToDropDigits(final long mantissa, final int from, final int to)
    {
        assertEquals(RESCALE_FAILED, DecimalText.rescale(mantissa, from, to));
        assertEquals(NOT_EXACT, DecimalText.rescaleStatus(mantissa, from, to));
    }

    @ParameterizedTest
    @CsvSource({
        "922337203685477581, 0, 1",
        "-922337203685477581, 0, 1",
        "10, 0, 18",
        "-10, 0, 18",
        "1, 0, 19",
        "9223372036854775807, 0, 1",
        "-9223372036854775808, 2, 2",
        "-9223372036854775808, 3, 2",
    })
    void refusesToOverflow(final long mantissa, final int from, final int to)
    {
        assertEquals(RESCALE_FAILED, DecimalText.rescale(mantissa, from, to));
        assertEquals(OVERFLOW, DecimalText.rescaleStatus(mantissa, from, to));
    }
}
