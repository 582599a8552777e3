package io.marginengine.engine.reference;

/**
 * Thrown while an input is decoded or applied to a working copy of the state; the model
 * then drops the copy and answers with a {@code reject}. Exceptions keep the handlers
 * straight-line: every rule is one {@code if} that throws.
 */
final class Reject extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final RejectCode code;

    Reject(final RejectCode code, final String reason)
    {
        super(reason, null, false, false);
        this.code = code;
    }
}
