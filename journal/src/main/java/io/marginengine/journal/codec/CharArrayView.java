package io.marginengine.journal.codec;

/**
 * A reusable {@link CharSequence} over a range of a {@code char[]}, so text that Jackson
 * holds in its own buffer can be parsed and compared without copying it into a String.
 * Valid only until the owner of the array moves on.
 */
final class CharArrayView implements CharSequence
{
    private char[] chars = new char[0];
    private int offset;
    private int length;

    CharArrayView wrap(final char[] chars, final int offset, final int length)
    {
        this.chars = chars;
        this.offset = offset;
        this.length = length;
        return this;
    }

    @Override
    public int length()
    {
        return length;
    }

    @Override
    public char charAt(final int index)
    {
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end)
    {
        return new String(chars, offset + start, end - start);
    }

    @Override
    public String toString()
    {
        return new String(chars, offset, length);
    }
}
