package io.marginengine.engine.snapshot;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The engine's state in its canonical form: one off-heap block written front to back by the
 * state's owners (the stores and the processor, each its own section, in the order of
 * {@code ProcessorState}), and read back in the same order to restore it. The same bytes are
 * the body of a snapshot file and the input of the {@link StateDigest}, so two engines with
 * the same digest hold the same state byte for byte.
 * <p>
 * Preallocated: writing allocates nothing and never grows the block; a caller that needs more
 * room asks for it first with {@link #ensureCapacity(long)}, off the per-input path. Fields
 * are little-endian. Reading checks every length against what was written and fails with a
 * sentence rather than reading past the end, so a snapshot that lies about its contents is
 * refused, not half applied.
 * <p>
 * Not thread safe: one thread writes, then hands the image over (see {@link SnapshotWriter}).
 */
public final class StateImage
{
    /** Largest image: a direct buffer is indexed by int. */
    public static final long MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private int length;
    private int readPosition;

    /**
     * Allocates an image.
     *
     * @param capacity bytes it can hold, at most {@link #MAX_CAPACITY}.
     * @throws IllegalArgumentException naming the capacity when it is out of range.
     */
    public StateImage(final long capacity)
    {
        allocate(capacity);
    }

    private void allocate(final long capacity)
    {
        if (capacity < 0 || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("a state image of " + capacity + " bytes is out of range: expected 0 to " +
                MAX_CAPACITY + " bytes; lower maxAccounts or maxPositionsPerAccount");
        }
        byteBuffer = ByteBuffer.allocateDirect((int)capacity).order(ByteOrder.LITTLE_ENDIAN);
        buffer.wrap(byteBuffer);
        length = 0;
        readPosition = 0;
    }

    /**
     * Makes room for at least {@code capacity} bytes, replacing the block (and dropping its
     * contents) when it is smaller. Allocates: never on the per-input path.
     *
     * @param capacity bytes needed.
     */
    public void ensureCapacity(final long capacity)
    {
        if (capacity > buffer.capacity())
        {
            allocate(capacity);
        }
    }

    /** @return bytes the image can hold. */
    public int capacity()
    {
        return buffer.capacity();
    }

    /** @return bytes written. */
    public int length()
    {
        return length;
    }

    /** Empties the image for writing; reading starts again at the front. */
    public void clear()
    {
        length = 0;
        readPosition = 0;
    }

    /** Starts reading again at the front. */
    public void rewind()
    {
        readPosition = 0;
    }

    /** @return bytes read so far. */
    public int readPosition()
    {
        return readPosition;
    }

    /** @return bytes written and not yet read. */
    public int remaining()
    {
        return length - readPosition;
    }

    /**
     * Appends a long.
     *
     * @param value the value.
     * @return this.
     */
    public StateImage putLong(final long value)
    {
        room(Long.BYTES);
        buffer.putLong(length, value, ByteOrder.LITTLE_ENDIAN);
        length += Long.BYTES;
        return this;
    }

    /**
     * Appends bytes copied from a buffer.
     *
     * @param src    where they are.
     * @param offset where they start in {@code src}.
     * @param count  how many.
     * @return this.
     */
    public StateImage putBytes(final DirectBuffer src, final int offset, final int count)
    {
        room(count);
        buffer.putBytes(length, src, offset, count);
        length += count;
        return this;
    }

    /**
     * Appends bytes copied from off-heap memory, with one check that they fit and none of the
     * source: the caller vouches for the address (a store copying its own records, where
     * per-copy bounds checks cost as much as the copy).
     *
     * @param address where they are.
     * @param count   how many.
     * @return this.
     */
    public StateImage putMemory(final long address, final int count)
    {
        room(count);
        org.agrona.UnsafeApi.copyMemory(address, buffer.addressOffset() + length, count);
        length += count;
        return this;
    }

    /**
     * Reads the next long.
     *
     * @param what what the long is, for the sentence when the image ends before it.
     * @return the value.
     */
    public long getLong(final String what)
    {
        need(Long.BYTES, what);
        final long value = buffer.getLong(readPosition, ByteOrder.LITTLE_ENDIAN);
        readPosition += Long.BYTES;
        return value;
    }

    /**
     * Reads the next long, which must lie in a range.
     *
     * @param what what the long is, for the sentence when it is out of range.
     * @param min  smallest allowed.
     * @param max  largest allowed.
     * @return the value.
     */
    public long getLong(final String what, final long min, final long max)
    {
        final long value = getLong(what);
        if (value < min || value > max)
        {
            throw new IllegalStateException("state image: " + what + " is " + value + " at byte " +
                (readPosition - Long.BYTES) + ": expected " + min + " to " + max);
        }
        return value;
    }

    /**
     * Reads the next long, which must be a given value (a section mark, a length).
     *
     * @param what     what the long is.
     * @param expected the value it must have.
     */
    public void expectLong(final String what, final long expected)
    {
        getLong(what, expected, expected);
    }

    /**
     * Copies the next bytes out.
     *
     * @param dst    where they go.
     * @param offset where in {@code dst}.
     * @param count  how many.
     * @param what   what they are, for the sentence when the image ends before them.
     */
    public void getBytes(final MutableDirectBuffer dst, final int offset, final int count, final String what)
    {
        need(count, what);
        dst.putBytes(offset, buffer, readPosition, count);
        readPosition += count;
    }

    /**
     * Fails unless every byte written was read: a body longer than its sections is refused.
     */
    public void expectEnd()
    {
        if (readPosition != length)
        {
            throw new IllegalStateException("state image: " + (length - readPosition) +
                " bytes are left after the last section (read " + readPosition + " of " + length + ")");
        }
    }

    /** @return the block, for hashing and copying; bytes 0 to {@link #length()} are the image. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * A view of the written bytes for a channel to write, or of the whole block for a channel
     * to read into (then set the length with {@link #length(int)}).
     *
     * @param whole true for the whole block, false for the written bytes.
     * @return a new view with position 0; the image's own positions are not touched.
     */
    public ByteBuffer byteBuffer(final boolean whole)
    {
        final ByteBuffer view = byteBuffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.clear().limit(whole ? buffer.capacity() : length);
        return view;
    }

    /**
     * Declares how many bytes the block holds after it was filled from outside (a file read).
     *
     * @param length bytes, at most {@link #capacity()}.
     */
    public void length(final int length)
    {
        if (length < 0 || length > buffer.capacity())
        {
            throw new IllegalArgumentException("state image length " + length + " is out of range: expected 0 to " +
                buffer.capacity());
        }
        this.length = length;
        this.readPosition = 0;
    }

    private void room(final int count)
    {
        if (count < 0 || (long)length + count > buffer.capacity())
        {
            throw new IllegalStateException("state image of " + buffer.capacity() + " bytes is full: " + count +
                " more bytes do not fit after " + length);
        }
    }

    private void need(final int count, final String what)
    {
        if (count < 0 || (long)readPosition + count > length)
        {
            throw new IllegalStateException("state image ends before " + what + ": " + count + " bytes needed at byte " +
                readPosition + " of " + length);
        }
    }
}
