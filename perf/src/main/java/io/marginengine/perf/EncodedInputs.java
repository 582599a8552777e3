package io.marginengine.perf;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * A fixed list of inputs encoded once, back to back in one buffer, so that a benchmark sends
 * them without encoding anything in the measured loop.
 */
public final class EncodedInputs
{
    /** Encodes one input of the list. */
    @FunctionalInterface
    public interface Encoder
    {
        /**
         * @param i      which input of the list, from 0.
         * @param buffer receives it.
         * @param offset where it starts.
         * @return its length.
         */
        int encode(int i, MutableDirectBuffer buffer, int offset);
    }

    private static final int MAX_MESSAGE = 128;

    private final UnsafeBuffer buffer;
    private final int[] offsets;
    private final int[] lengths;

    /**
     * @param count   inputs in the list.
     * @param encoder encodes each, at most 128 bytes.
     */
    public EncodedInputs(final int count, final Encoder encoder)
    {
        buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(count * MAX_MESSAGE + 512));
        offsets = new int[count];
        lengths = new int[count];
        int offset = 0;
        for (int i = 0; i < count; i++)
        {
            final int length = encoder.encode(i, buffer, offset);
            if (length > MAX_MESSAGE)
            {
                throw new IllegalArgumentException("input " + i + " of " + length + " bytes is longer than " + MAX_MESSAGE);
            }
            offsets[i] = offset;
            lengths[i] = length;
            offset += length;
        }
    }

    /** @return the buffer holding them. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param i which input.
     * @return where it starts.
     */
    public int offset(final int i)
    {
        return offsets[i];
    }

    /**
     * @param i which input.
     * @return its length.
     */
    public int length(final int i)
    {
        return lengths[i];
    }

    /** @return inputs in the list. */
    public int count()
    {
        return offsets.length;
    }
}
