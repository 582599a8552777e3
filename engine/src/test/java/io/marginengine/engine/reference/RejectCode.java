package io.marginengine.engine.reference;

/**
 * Why an input was rejected, as named by the {@code RejectCode} enum of the SBE schema.
 * {@link #ACCEPTED} appears only in {@code check_result}.
 */
public enum RejectCode
{
    BAD_INPUT,
    BAD_NUMBER,
    OVERFLOW,
    TIME_BACKWARDS,
    DUPLICATE,
    UNKNOWN_ACCOUNT,
    UNKNOWN_INSTRUMENT,
    ALREADY_EXISTS,
    CAPACITY,
    INSUFFICIENT_MARGIN,
    INSUFFICIENT_FUNDS,
    NOT_ALLOWED,
    PRICE_GUARD,
    ACCEPTED
}
