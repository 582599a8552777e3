package io.marginengine.engine.logic;

/**
 * Exact integer arithmetic with 128-bit intermediates and explicit rounding.
 * <p>
 * Every money, price and quantity computation of the engine goes through here. Products
 * are formed in 128 bits ({@link Math#multiplyHigh}), divided exactly, rounded in the
 * direction the caller names, and checked to fit a signed 64-bit result;
 * {@code Long.MIN_VALUE} is never produced. Anything that does not fit throws
 * {@link ArithmeticOverflowException#INSTANCE}. No method allocates.
 * <p>
 * Wider forms (a 128-bit numerator times a 64-bit factor over a product of two 64-bit
 * divisors) serve the liquidation and bankruptcy prices, whose exact formulas need them.
 */
public final class Int128Math
{
    /** Round toward negative infinity. */
    public static final int FLOOR = 0;
    /** Round toward positive infinity. */
    public static final int CEILING = 1;
    /** Round to nearest, ties away from zero. */
    public static final int HALF_UP = 2;
    /** Round toward zero. */
    public static final int DOWN = 3;

    private Int128Math()
    {
    }

    /**
     * Checked sum.
     *
     * @param a first addend.
     * @param b second addend.
     * @return {@code a + b}.
     */
    public static long add(final long a, final long b)
    {
        final long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0 || r == Long.MIN_VALUE)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        return r;
    }

    /**
     * Checked difference.
     *
     * @param a minuend.
     * @param b subtrahend.
     * @return {@code a - b}.
     */
    public static long subtract(final long a, final long b)
    {
        final long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0 || r == Long.MIN_VALUE)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        return r;
    }

    /**
     * Checked product.
     *
     * @param a first factor.
     * @param b second factor.
     * @return {@code a * b}.
     */
    public static long multiply(final long a, final long b)
    {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        if ((hi != 0 || lo < 0) && (hi != -1 || lo >= 0) || lo == Long.MIN_VALUE)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        return lo;
    }

    /**
     * {@code a * b / c} exactly, rounded as asked.
     *
     * @param a        first factor.
     * @param b        second factor.
     * @param c        divisor, greater than zero.
     * @param rounding {@link #FLOOR}, {@link #CEILING}, {@link #HALF_UP} or {@link #DOWN}.
     * @return the rounded quotient.
     */
    public static long mulDiv(final long a, final long b, final long c, final int rounding)
    {
        return mulSubDiv(a, b, 0, c, rounding);
    }

    /**
     * {@code (a * b - d) / c} exactly, rounded as asked: the product is formed in 128 bits
     * before the subtraction, so only the result has to fit 64 bits.
     *
     * @param a        first factor.
     * @param b        second factor.
     * @param d        subtrahend.
     * @param c        divisor, greater than zero.
     * @param rounding {@link #FLOOR}, {@link #CEILING}, {@link #HALF_UP} or {@link #DOWN}.
     * @return the rounded quotient.
     */
    public static long mulSubDiv(final long a, final long b, final long d, final long c, final int rounding)
    {
        final long hi = Math.multiplyHigh(a, b);
        final long lo = a * b;
        final long newLo = lo - d;
        final long newHi = hi - (d >> 63) - (Long.compareUnsigned(lo, d) < 0 ? 1 : 0);
        return div128(newHi, newLo, c, rounding);
    }

    /**
     * Signed 128-bit {@code (hi, lo)} divided by a positive 64-bit {@code c}, rounded.
     *
     * @param hi       high 64 bits, two's complement.
     * @param lo       low 64 bits.
     * @param c        divisor, greater than zero.
     * @param rounding rounding mode.
     * @return the rounded quotient.
     */
    public static long div128(final long hi, final long lo, final long c, final int rounding)
    {
        if (c <= 0)
        {
            throw new IllegalArgumentException("divisor must be positive: " + c);
        }
        final boolean negative = hi < 0;
        long mh = hi;
        long ml = lo;
        if (negative)
        {
            ml = -lo;
            mh = ~hi + (lo == 0 ? 1 : 0);
        }
        final long q;
        final long r;
        if (mh == 0 && ml >= 0)
        {
            // the divisors the formulas use most, as constants the JIT divides by with a multiply
            if (c == 1)
            {
                q = ml;
            }
            else if (c == MarginCalculator.RATE_ONE)
            {
                q = ml / MarginCalculator.RATE_ONE;
            }
            else
            {
                q = ml / c;
            }
            r = ml - q * c;
        }
        else if (mh == 0)
        {
            // ml is 2^63 or more unsigned: halve, divide, correct once. (Long.divideUnsigned
            // on JDK 17 goes through BigInteger for this case, which allocates.)
            long quot = ((ml >>> 1) / c) << 1;
            long rem = ml - quot * c;
            if (Long.compareUnsigned(rem, c) >= 0)
            {
                quot++;
                rem -= c;
            }
            q = quot;
            r = rem;
        }
        else
        {
            if (Long.compareUnsigned(mh, c) >= 0)
            {
                throw ArithmeticOverflowException.INSTANCE;
            }
            // Hacker's Delight divlu: two 64-by-32-bit digit steps on the normalized divisor
            final long base = 1L << 32;
            final int shift = Long.numberOfLeadingZeros(c);
            final long v = c << shift;
            final long vn1 = v >>> 32;
            final long vn0 = v & 0xFFFFFFFFL;
            final long un32 = shift == 0 ? mh : (mh << shift) | (ml >>> (64 - shift));
            final long un10 = ml << shift;
            final long un1 = un10 >>> 32;
            final long un0 = un10 & 0xFFFFFFFFL;
            long q1 = udiv(un32, vn1);
            long rhat = un32 - q1 * vn1;
            while (Long.compareUnsigned(q1, base) >= 0 || Long.compareUnsigned(q1 * vn0, (rhat << 32) + un1) > 0)
            {
                q1--;
                rhat += vn1;
                if (Long.compareUnsigned(rhat, base) >= 0)
                {
                    break;
                }
            }
            final long un21 = (un32 << 32) + un1 - q1 * v;
            long q0 = udiv(un21, vn1);
            rhat = un21 - q0 * vn1;
            while (Long.compareUnsigned(q0, base) >= 0 || Long.compareUnsigned(q0 * vn0, (rhat << 32) + un0) > 0)
            {
                q0--;
                rhat += vn1;
                if (Long.compareUnsigned(rhat, base) >= 0)
                {
                    break;
                }
            }
            final long rem = ((un21 << 32) + un0 - q0 * v) >>> shift;
            final long quot = (q1 << 32) + q0;
            q = quot;
            r = rem;
        }
        if (q < 0)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        return applySign(q, negative, roundUpMagnitude(rounding, negative, r, c));
    }

    /** Unsigned {@code n / d} for {@code 0 < d < 2^32}, without Long.divideUnsigned (allocates on JDK 17). */
    private static long udiv(final long n, final long d)
    {
        if (n >= 0)
        {
            return n / d;
        }
        long q = ((n >>> 1) / d) << 1;
        final long r = n - q * d;
        if (Long.compareUnsigned(r, d) >= 0)
        {
            q++;
        }
        return q;
    }

    private static boolean roundUpMagnitude(final int rounding, final boolean negative, final long r, final long c)
    {
        if (r == 0)
        {
            return false;
        }
        switch (rounding)
        {
            case FLOOR:
                return negative;
            case CEILING:
                return !negative;
            case HALF_UP:
                return Long.compareUnsigned(r, c - r) >= 0;
            case DOWN:
                return false;
            default:
                throw new IllegalArgumentException("unknown rounding " + rounding);
        }
    }

    private static long applySign(final long magnitude, final boolean negative, final boolean up)
    {
        long m = magnitude;
        if (up)
        {
            m = m + 1;
            if (m < 0)
            {
                throw ArithmeticOverflowException.INSTANCE;
            }
        }
        return negative ? -m : m;
    }

    /**
     * Compares {@code a * b} with {@code c * d} exactly.
     *
     * @param a first factor of the left product.
     * @param b second factor of the left product.
     * @param c first factor of the right product.
     * @param d second factor of the right product.
     * @return negative, zero or positive as the left product is below, equal to or above the right.
     */
    public static int compareProducts(final long a, final long b, final long c, final long d)
    {
        final long h1 = Math.multiplyHigh(a, b);
        final long l1 = a * b;
        final long h2 = Math.multiplyHigh(c, d);
        final long l2 = c * d;
        if (h1 != h2)
        {
            return Long.compare(h1, h2);
        }
        return Long.compareUnsigned(l1, l2);
    }

    /**
     * {@code (a * b - c * d) * f / (d1 * d2)} exactly, rounded as asked; see {@link #wideDiv}.
     *
     * @param a        first factor of the first product.
     * @param b        second factor of the first product.
     * @param c        first factor of the subtracted product.
     * @param d        second factor of the subtracted product.
     * @param f        further factor of the numerator, positive.
     * @param d1       first factor of the divisor, positive.
     * @param d2       second factor of the divisor, positive.
     * @param rounding rounding mode.
     * @return the rounded quotient.
     */
    public static long mulSubMulDiv(
        final long a, final long b, final long c, final long d, final long f, final long d1, final long d2, final int rounding)
    {
        final long h1 = Math.multiplyHigh(a, b);
        final long l1 = a * b;
        final long h2 = Math.multiplyHigh(c, d);
        final long l2 = c * d;
        final long lo = l1 - l2;
        final long hi = h1 - h2 - (Long.compareUnsigned(l1, l2) < 0 ? 1 : 0);
        return wideDiv(hi, lo, f, d1, d2, rounding);
    }

    /**
     * {@code n / (d1 * d2)} exactly, rounded as asked, where {@code n} is the signed 128-bit
     * value {@code (nHi, nLo)} multiplied by {@code f}, and {@code d1}, {@code d2} are positive:
     * a 192-bit numerator over a 128-bit divisor, divided bit by bit. Slow; for reports.
     *
     * @param nHi      high 64 bits of the 128-bit part of the numerator.
     * @param nLo      low 64 bits of the 128-bit part of the numerator.
     * @param f        a further factor of the numerator, positive.
     * @param d1       first factor of the divisor, positive.
     * @param d2       second factor of the divisor, positive.
     * @param rounding rounding mode.
     * @return the rounded quotient.
     */
    public static long wideDiv(final long nHi, final long nLo, final long f, final long d1, final long d2, final int rounding)
    {
        if (f <= 0 || d1 <= 0 || d2 <= 0)
        {
            throw new IllegalArgumentException("factors must be positive");
        }
        final boolean negative = nHi < 0;
        long mh = nHi;
        long ml = nLo;
        if (negative)
        {
            ml = -nLo;
            mh = ~nHi + (nLo == 0 ? 1 : 0);
        }
        // numerator (n2, n1, n0) = (mh, ml) * f, unsigned 192 bits
        final long p0 = ml * f;
        final long p0h = unsignedMultiplyHigh(ml, f);
        final long p1 = mh * f;
        final long p1h = unsignedMultiplyHigh(mh, f);
        final long n0 = p0;
        final long n1 = p0h + p1;
        final long n2 = p1h + (Long.compareUnsigned(n1, p1) < 0 ? 1 : 0);
        // divisor (dh, dl) = d1 * d2, unsigned 128 bits
        final long dl = d1 * d2;
        final long dh = Math.multiplyHigh(d1, d2);
        // quotient must fit 63 bits: numerator >> 63 must be below the divisor
        final long s2 = n2 >>> 63;
        final long s1 = (n2 << 1) | (n1 >>> 63);
        final long s0 = (n1 << 1) | (n0 >>> 63);
        if (s2 != 0 || compare128(s1, s0, dh, dl) >= 0)
        {
            throw ArithmeticOverflowException.INSTANCE;
        }
        long rh = s1;
        long rl = s0;
        long q = 0;
        for (int i = 62; i >= 0; i--)
        {
            final boolean top = rh < 0;
            rh = (rh << 1) | (rl >>> 63);
            rl = (rl << 1) | ((n0 >>> i) & 1L);
            q <<= 1;
            if (top || compare128(rh, rl, dh, dl) >= 0)
            {
                final long newLo = rl - dl;
                rh = rh - dh - (Long.compareUnsigned(rl, dl) < 0 ? 1 : 0);
                rl = newLo;
                q |= 1L;
            }
        }
        final boolean inexact = rh != 0 || rl != 0;
        final boolean up;
        if (!inexact)
        {
            up = false;
        }
        else if (rounding == HALF_UP)
        {
            // remainder >= divisor - remainder
            final long xl = dl - rl;
            final long xh = dh - rh - (Long.compareUnsigned(dl, rl) < 0 ? 1 : 0);
            up = compare128(rh, rl, xh, xl) >= 0;
        }
        else
        {
            up = rounding == CEILING ? !negative : rounding == FLOOR && negative;
        }
        return applySign(q, negative, up);
    }

    private static long unsignedMultiplyHigh(final long a, final long b)
    {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    private static int compare128(final long ah, final long al, final long bh, final long bl)
    {
        final int h = Long.compareUnsigned(ah, bh);
        return h != 0 ? h : Long.compareUnsigned(al, bl);
    }
}
