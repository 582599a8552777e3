package io.marginengine.journal.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Properties of {@link DecimalText} against {@link BigDecimal} as the independent oracle.
 */
class DecimalTextProperties
{
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    @Property(tries = 2000)
    void formatIsTheShortestExactTextAndParsesBack(
        @ForAll @LongRange(min = Long.MIN_VALUE + 1, max = Long.MAX_VALUE) final long mantissa,
        @ForAll @IntRange(min = 0, max = 18) final int scale)
    {
        final String text = DecimalText.format(mantissa, scale, new StringBuilder()).toString();
        final BigDecimal value = BigDecimal.valueOf(mantissa, scale);
        assertEquals(canonical(value), text);

        final MutableDecimal parsed = new MutableDecimal();
        assertEquals(DecimalText.OK, DecimalText.parse(text, parsed));
        assertEquals(0, value.compareTo(BigDecimal.valueOf(parsed.mantissa(), parsed.scale())));
    }

    @Property(tries = 2000)
    void parseThenFormatIsCanonical(@ForAll("decimalTexts") final String text)
    {
        final BigDecimal value = new BigDecimal(text);
        final MutableDecimal parsed = new MutableDecimal();
        final int status = DecimalText.parse(text, parsed);
        if (value.scale() > DecimalText.MAX_SCALE)
        {
            assertEquals(DecimalText.SCALE_TOO_LARGE, status, text);
        }
        else if (value.unscaledValue().abs().compareTo(MAX.toBigInteger()) > 0)
        {
            assertEquals(DecimalText.OVERFLOW, status, text);
        }
        else
        {
            assertEquals(DecimalText.OK, status, text);
            assertEquals(value.unscaledValue(), BigInteger.valueOf(parsed.mantissa()), text);
            assertEquals(value.scale(), parsed.scale(), text);
            final String formatted = DecimalText.format(parsed.mantissa(), parsed.scale(), new StringBuilder()).toString();
            assertEquals(canonical(value), formatted, text);
        }
    }

    @Property(tries = 2000)
    void rescaleAgreesWithBigDecimal(
        @ForAll @LongRange(min = Long.MIN_VALUE + 1, max = Long.MAX_VALUE) final long mantissa,
        @ForAll @IntRange(min = 0, max = 18) final int from,
        @ForAll @IntRange(min = 0, max = 18) final int to)
    {
        final BigDecimal exact = BigDecimal.valueOf(mantissa, from);
        final long result = DecimalText.rescale(mantissa, from, to);
        final BigDecimal scaled = exact.movePointRight(to);
        if (scaled.stripTrailingZeros().scale() > 0)
        {
            assertEquals(DecimalText.NOT_EXACT, DecimalText.rescaleStatus(mantissa, from, to));
        }
        else if (scaled.abs().compareTo(MAX) > 0)
        {
            assertEquals(DecimalText.OVERFLOW, DecimalText.rescaleStatus(mantissa, from, to));
        }
        else
        {
            assertEquals(scaled.longValueExact(), result);
        }
    }

    @Provide
    Arbitrary<String> decimalTexts()
    {
        final Arbitrary<String> digits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(22);
        final Arbitrary<String> fraction = Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(21).map(f -> "." + f));
        final Arbitrary<String> sign = Arbitraries.of("", "-");
        return Combinators.combine(sign, digits, fraction).as((s, d, f) -> s + d + f);
    }

    private static String canonical(final BigDecimal value)
    {
        if (value.signum() == 0)
        {
            return "0";
        }
        final BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
