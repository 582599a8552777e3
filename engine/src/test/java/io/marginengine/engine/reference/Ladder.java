package io.marginengine.engine.reference;

/**
 * The margin-call state of one ladder (an account's cross part, or one isolated position):
 * status, the deadline of its call, and its outstanding liquidation order (null when none).
 */
final class Ladder
{
    LadderStatus status = LadderStatus.NORMAL;
    long deadline;
    LiquidationOrder order;

    Ladder copy()
    {
        final Ladder copy = new Ladder();
        copy.status = status;
        copy.deadline = deadline;
        copy.order = order;
        return copy;
    }
}
