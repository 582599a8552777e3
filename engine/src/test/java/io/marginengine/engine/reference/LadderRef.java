package io.marginengine.engine.reference;

/**
 * Names one ladder: the cross part of {@code account} when {@code instrument} is null,
 * else the isolated position of {@code account} on {@code instrument}.
 */
record LadderRef(long account, Integer instrument)
{
    static LadderRef cross(final long account)
    {
        return new LadderRef(account, null);
    }

    boolean isCross()
    {
        return instrument == null;
    }
}
