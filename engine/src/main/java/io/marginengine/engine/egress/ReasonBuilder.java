package io.marginengine.engine.egress;

import io.marginengine.journal.codec.DecimalText;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds the sentence of a reject or a check result in a preallocated ASCII buffer, so that
 * explaining a refusal allocates nothing. Text past {@link #CAPACITY} bytes is cut.
 */
public final class ReasonBuilder
{
    /** Most bytes a reason keeps. */
    public static final int CAPACITY = 480;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY + 32]);
    private int length;

    /**
     * Starts a new sentence.
     *
     * @return this.
     */
    public ReasonBuilder clear()
    {
        length = 0;
        return this;
    }

    /**
     * Appends ASCII text.
     *
     * @param text text.
     * @return this.
     */
    public ReasonBuilder append(final String text)
    {
        final int n = Math.min(text.length(), CAPACITY - length);
        for (int i = 0; i < n; i++)
        {
            buffer.putByte(length + i, (byte)text.charAt(i));
        }
        length += n;
        return this;
    }

    /**
     * Appends ASCII bytes from a buffer.
     *
     * @param src    source buffer.
     * @param index  where the text starts.
     * @param count  bytes to copy.
     * @return this.
     */
    public ReasonBuilder append(final org.agrona.DirectBuffer src, final int index, final int count)
    {
        final int n = Math.min(count, CAPACITY - length);
        buffer.putBytes(length, src, index, n);
        length += n;
        return this;
    }

    /**
     * Appends an integer in decimal.
     *
     * @param value value.
     * @return this.
     */
    public ReasonBuilder append(final long value)
    {
        if (length + 20 <= CAPACITY)
        {
            length += buffer.putLongAscii(length, value);
        }
        return this;
    }

    /**
     * Appends {@code mantissa / 10^scale} as the shortest exact decimal.
     *
     * @param mantissa value at the scale.
     * @param scale    decimal places.
     * @return this.
     */
    public ReasonBuilder appendDecimal(final long mantissa, final int scale)
    {
        if (length + 24 <= CAPACITY)
        {
            length += DecimalText.format(mantissa, scale, buffer, length);
        }
        return this;
    }

    /** @return the buffer holding the text from index 0. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return bytes of text. */
    public int length()
    {
        return length;
    }
}
