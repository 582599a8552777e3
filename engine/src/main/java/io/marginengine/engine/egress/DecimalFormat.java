package io.marginengine.engine.egress;

import org.agrona.MutableDirectBuffer;

/** Temporary: replaced by journal's DecimalText at merge. */
final class DecimalFormat
{
    private DecimalFormat()
    {
    }

    static int putDecimal(final MutableDirectBuffer b, final int index, final long mantissa, final int scale)
    {
        int i = index;
        long m = mantissa;
        if (m < 0)
        {
            b.putByte(i++, (byte)'-');
            m = -m;
        }
        int s = scale;
        while (s > 0 && m % 10 == 0)
        {
            m /= 10;
            s--;
        }
        final String digits = Long.toString(m);
        if (s == 0)
        {
            i += b.putStringWithoutLengthAscii(i, digits);
            return i - index;
        }
        final int intLen = digits.length() - s;
        if (intLen <= 0)
        {
            i += b.putStringWithoutLengthAscii(i, "0.");
            for (int z = 0; z < -intLen; z++)
            {
                b.putByte(i++, (byte)'0');
            }
            i += b.putStringWithoutLengthAscii(i, digits);
        }
        else
        {
            i += b.putStringWithoutLengthAscii(i, digits.substring(0, intLen));
            b.putByte(i++, (byte)'.');
            i += b.putStringWithoutLengthAscii(i, digits.substring(intLen));
        }
        return i - index;
    }
}
