package io.marginengine.engine.logic;

/**
 * Thrown when an exact computation would leave the signed 64-bit range.
 * <p>
 * One preallocated instance without a stack trace is thrown, so an overflow costs no
 * allocation; the processor turns it into an {@code OVERFLOW} reject of the input that
 * caused it. Handlers compute what can overflow before they change state, or restore what
 * they changed; figures that are only reported (shortfall, margin ratio) are held at the
 * largest value instead.
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
