package io.marginengine.engine.logic;

import io.marginengine.engine.egress.ReasonBuilder;
import io.marginengine.journal.sbe.RejectCode;

/**
 * Carries the refusal of an input out of a handler: the handler writes the sentence into
 * {@link #reason()} and throws {@link #reject(RejectCode)}; the processor turns it into a
 * {@code reject} output. Handlers refuse before they change state, or put back what they
 * changed, so a throw leaves nothing half-applied. One preallocated instance, no stack trace: refusing allocates nothing.
 */
public final class Rejection extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient ReasonBuilder reason = new ReasonBuilder();
    private RejectCode code = RejectCode.BAD_INPUT;

    /** Creates the processor's one instance. */
    public Rejection()
    {
        super("input rejected", null, false, false);
    }

    /**
     * Starts the sentence of a refusal.
     *
     * @return the cleared builder.
     */
    public ReasonBuilder reason()
    {
        return reason.clear();
    }

    /** @return the sentence built so far, not cleared. */
    public ReasonBuilder sentence()
    {
        return reason;
    }

    /**
     * Completes a refusal; use as {@code throw rejection.reject(code)}.
     *
     * @param code why.
     * @return this, to throw.
     */
    public Rejection reject(final RejectCode code)
    {
        this.code = code;
        return this;
    }

    /** @return the code of the last refusal. */
    public RejectCode code()
    {
        return code;
    }
}
