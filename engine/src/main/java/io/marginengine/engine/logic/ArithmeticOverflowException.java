package io.marginengine.engine.logic;

/**
 * Thrown when an exact computation would leave the signed 64-bit range.
 * <p>
 * One preallocated instance without a stack trace is thrown, so an overflow costs no
 * allocation; the processor turns it into an {@code OVERFLOW} reject of the input that
 * caused it, before any state has changed.
 */
public final class ArithmeticOverflowException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The only instance. */
    public static final ArithmeticOverflowException INSTANCE = new ArithmeticOverflowException();

    private ArithmeticOverflowException()
    {
        super("arithmetic overflow", null, false, false);
    }
}
