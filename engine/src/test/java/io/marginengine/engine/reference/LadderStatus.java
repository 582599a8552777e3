package io.marginengine.engine.reference;

/** The states of the margin-call procedure (SPEC section 4). */
public enum LadderStatus
{
    NORMAL,
    MARGIN_CALL,
    LIQUIDATING
}
