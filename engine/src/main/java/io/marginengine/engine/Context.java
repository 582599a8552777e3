package io.marginengine.engine;

/**
 * Configuration of an engine in one place: fluent setters, then {@link #conclude()} checks
 * everything and fails with a sentence naming the bad setting. Capacities size the off-heap
 * stores once at start; nothing grows while the engine runs.
 */
public final class Context
{
    private int maxAccounts = 1024;
    private int maxInstruments = 64;
    private int maxPositionsPerAccount = 16;
    private int maxSources = 64;
    private long insuranceFundAccount = 0;
    private int ringSize = 16_384;
    private String waitStrategy = "blocking";
    private Surveillance surveillance = Surveillance.INDEXED;
    private boolean concluded;

    /** @return most accounts, the insurance fund included. */
    public int maxAccounts()
    {
        return maxAccounts;
    }

    /**
     * @param value most accounts, the insurance fund included.
     * @return this.
     */
    public Context maxAccounts(final int value)
    {
        maxAccounts = value;
        return this;
    }

    /** @return most instruments. */
    public int maxInstruments()
    {
        return maxInstruments;
    }

    /**
     * @param value most instruments.
     * @return this.
     */
    public Context maxInstruments(final int value)
    {
        maxInstruments = value;
        return this;
    }

    /** @return most positions per account (isolated positions that are flat count too). */
    public int maxPositionsPerAccount()
    {
        return maxPositionsPerAccount;
    }

    /**
     * @param value most positions per account.
     * @return this.
     */
    public Context maxPositionsPerAccount(final int value)
    {
        maxPositionsPerAccount = value;
        return this;
    }

    /** @return most distinct input sources whose {@code seq} is tracked. */
    public int maxSources()
    {
        return maxSources;
    }

    /**
     * @param value most distinct input sources.
     * @return this.
     */
    public Context maxSources(final int value)
    {
        maxSources = value;
        return this;
    }

    /** @return account id of the insurance fund. */
    public long insuranceFundAccount()
    {
        return insuranceFundAccount;
    }

    /**
     * @param value account id of the insurance fund, opened at start.
     * @return this.
     */
    public Context insuranceFundAccount(final long value)
    {
        insuranceFundAccount = value;
        return this;
    }

    /** @return slots of the input ring, a power of two. */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param value slots of the input ring, a power of two.
     * @return this.
     */
    public Context ringSize(final int value)
    {
        ringSize = value;
        return this;
    }

    /** @return how the ring's consumers wait for inputs: blocking, sleeping, yielding or busy-spin. */
    public String waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param value blocking (default: no core spun, fair on 2 cores), sleeping, yielding, or
     *              busy-spin (lowest latency; needs a core of its own for each consumer).
     * @return this.
     */
    public Context waitStrategy(final String value)
    {
        waitStrategy = value;
        return this;
    }

    /** @return how ticks find the ladders to evaluate (default INDEXED). */
    public Surveillance surveillance()
    {
        return surveillance;
    }

    /**
     * @param value INDEXED (the trigger index, default) or PLAIN (every holder on every tick, the
     *              reference for tests and benchmarks); outputs are the same either way.
     * @return this.
     */
    public Context surveillance(final Surveillance value)
    {
        surveillance = value;
        return this;
    }

    /**
     * Checks every setting.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting, its value and what is expected.
     */
    public Context conclude()
    {
        require(maxAccounts >= 2 && maxAccounts <= 50_000_000, "maxAccounts", maxAccounts, "between 2 and 50,000,000");
        require(maxInstruments >= 1 && maxInstruments <= 65_536, "maxInstruments", maxInstruments, "between 1 and 65,536");
        require(maxPositionsPerAccount >= 1 && maxPositionsPerAccount <= 256,
            "maxPositionsPerAccount", maxPositionsPerAccount, "between 1 and 256");
        require(maxSources >= 1 && maxSources <= 1_000_000, "maxSources", maxSources, "between 1 and 1,000,000");
        require(insuranceFundAccount >= 0, "insuranceFundAccount", insuranceFundAccount, "an account id of 0 or more");
        require(ringSize >= 2 && ringSize <= (1 << 24) && Integer.bitCount(ringSize) == 1,
            "ringSize", ringSize, "a power of two between 2 and 16,777,216");
        if (!("blocking".equals(waitStrategy) || "sleeping".equals(waitStrategy) || "yielding".equals(waitStrategy) ||
            "busy-spin".equals(waitStrategy)))
        {
            throw new IllegalArgumentException("setting waitStrategy = " + waitStrategy +
                " is invalid: expected blocking, sleeping, yielding or busy-spin");
        }
        if (surveillance == null)
        {
            throw new IllegalArgumentException("setting surveillance = null is invalid: expected INDEXED or PLAIN");
        }
        concluded = true;
        return this;
    }

    /** @return true once {@link #conclude()} has passed. */
    public boolean isConcluded()
    {
        return concluded;
    }

    private static void require(final boolean ok, final String name, final long value, final String expected)
    {
        if (!ok)
        {
            throw new IllegalArgumentException("setting " + name + " = " + value + " is invalid: expected " + expected);
        }
    }
}
