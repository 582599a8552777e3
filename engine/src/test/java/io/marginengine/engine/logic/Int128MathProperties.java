package io.marginengine.engine.logic;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Int128Math against BigInteger/BigDecimal as the oracle: every result is either the exact
 * rounded quotient, or an overflow exactly when that quotient does not fit 64 bits.
 */
class Int128MathProperties
{
    private static final BigInteger MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE + 1);
    private static final int[] MODES = {Int128Math.FLOOR, Int128Math.CEILING, Int128Math.HALF_UP, Int128Math.DOWN};

    @Provide
    Arbitrary<Long> anyLong()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-1_000_000, 1_000_000),
            Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE),
            Arbitraries.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 62, -(1L << 62), 99_999_999L));
    }

    @Provide
    Arbitrary<Long> positiveLong()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(1, 1_000_000),
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            Arbitraries.of(1L, 3L, 7L, 100_000_000L, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<Integer> mode()
    {
        return Arbitraries.of(0, 1, 2, 3);
    }

    private static long expected(final BigInteger numerator, final BigInteger divisor, final int mode)
    {
        final RoundingMode rm = switch (mode)
        {
            case Int128Math.FLOOR -> RoundingMode.FLOOR;
            case Int128Math.CEILING -> RoundingMode.CEILING;
            case Int128Math.HALF_UP -> RoundingMode.HALF_UP;
            default -> RoundingMode.DOWN;
        };
        final BigInteger q = new BigDecimal(numerator).divide(new BigDecimal(divisor), 0, rm).toBigIntegerExact();
        if (q.compareTo(MAX) > 0 || q.compareTo(MIN) < 0)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        return q.longValueExact();
    }

    private static void assertSame(final java.util.function.LongSupplier oracle, final java.util.function.LongSupplier actual)
    {
        long want;
        try
        {
            want = oracle.getAsLong();
        }
        catch (final ArithmeticOverflowException ex)
        {
            assertThrows(ArithmeticOverflowException.class, actual::getAsLong);
            return;
        }
        assertEquals(want, actual.getAsLong());
    }

    @Property(tries = 3000)
    void mulSubDivIsExact(
        @ForAll("anyLong") final long a, @ForAll("anyLong") final long b, @ForAll("anyLong") final long d,
        @ForAll("positiveLong") final long c, @ForAll("mode") final int mode)
    {
        final BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).subtract(BigInteger.valueOf(d));
        assertSame(() -> expected(n, BigInteger.valueOf(c), mode), () -> Int128Math.mulSubDiv(a, b, d, c, mode));
    }

    /** The divisors with their own fast path (1 and 1e8), on dividends of either sign and any size. */
    @Property(tries = 2000)
    void divisionByTheCommonDivisorsIsExact(
        @ForAll("anyLong") final long a, @ForAll("anyLong") final long b, @ForAll("mode") final int mode)
    {
        for (final long c : new long[] {1L, 100_000_000L})
        {
            final BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            assertSame(() -> expected(n, BigInteger.valueOf(c), mode), () -> Int128Math.mulDiv(a, b, c, mode));
            assertSame(() -> expected(BigInteger.valueOf(a), BigInteger.valueOf(c), mode), () -> Int128Math.mulDiv(a, 1, c, mode));
        }
    }

    @Property(tries = 3000)
    void mulSubMulDivIsExact(
        @ForAll("anyLong") final long a, @ForAll("anyLong") final long b, @ForAll("anyLong") final long c,
        @ForAll("anyLong") final long d, @ForAll("positiveLong") final long f, @ForAll("positiveLong") final long d1,
        @ForAll("positiveLong") final long d2, @ForAll("mode") final int mode)
    {
        final BigInteger n = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
            .subtract(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d))).multiply(BigInteger.valueOf(f));
        final BigInteger div = BigInteger.valueOf(d1).multiply(BigInteger.valueOf(d2));
        assertSame(() -> expected(n, div, mode), () -> Int128Math.mulSubMulDiv(a, b, c, d, f, d1, d2, mode));
    }

    @Property(tries = 2000)
    void checkedOperationsMatchBigInteger(@ForAll("anyLong") final long a, @ForAll("anyLong") final long b)
    {
        final BigInteger x = BigInteger.valueOf(a);
        final BigInteger y = BigInteger.valueOf(b);
        assertSame(() -> fit(x.add(y)), () -> Int128Math.add(a, b));
        assertSame(() -> fit(x.subtract(y)), () -> Int128Math.subtract(a, b));
        assertSame(() -> fit(x.multiply(y)), () -> Int128Math.multiply(a, b));
    }

    @Property(tries = 2000)
    void compareProductsIsExact(
        @ForAll("anyLong") final long a, @ForAll("anyLong") final long b, @ForAll("anyLong") final long c, @ForAll("anyLong") final long d)
    {
        final int want = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
            .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
        assertEquals(Integer.signum(want), Integer.signum(Int128Math.compareProducts(a, b, c, d)));
    }

    private static long fit(final BigInteger v)
    {
        if (v.compareTo(MAX) > 0 || v.compareTo(MIN) < 0)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        return v.longValueExact();
    }

    @Test
    void roundsEachWayOnAWorkedExample()
    {
        // 7 x 3 / 2 = 10.5; -7 x 3 / 2 = -10.5
        assertEquals(10, Int128Math.mulDiv(7, 3, 2, Int128Math.FLOOR));
        assertEquals(11, Int128Math.mulDiv(7, 3, 2, Int128Math.CEILING));
        assertEquals(11, Int128Math.mulDiv(7, 3, 2, Int128Math.HALF_UP));
        assertEquals(10, Int128Math.mulDiv(7, 3, 2, Int128Math.DOWN));
        assertEquals(-11, Int128Math.mulDiv(-7, 3, 2, Int128Math.FLOOR));
        assertEquals(-10, Int128Math.mulDiv(-7, 3, 2, Int128Math.CEILING));
        assertEquals(-11, Int128Math.mulDiv(-7, 3, 2, Int128Math.HALF_UP));
        assertEquals(-10, Int128Math.mulDiv(-7, 3, 2, Int128Math.DOWN));
    }
}
