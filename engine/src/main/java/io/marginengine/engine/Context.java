package io.marginengine.engine;

import io.marginengine.engine.snapshot.SnapshotWriter;

import java.nio.file.Path;

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
    private int consumerThreads = 1;
    private io.marginengine.engine.pipeline.InputLatencyListener latencyListener;
    private Path snapshotDirectory;
    private long snapshotIntervalInputs = 1_000_000;
    private long snapshotIntervalNs = 300_000_000_000L;
    private int snapshotsKept = 3;
    private SnapshotWriter.Listener snapshotListener =
        SnapshotWriter.SILENT;
    private Surveillance surveillance = Surveillance.INDEXED;
    private int triggerSlackPermille = 125;
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
     * @param value blocking (default: consumers sleep until an input comes; the processor yields, not spins, while the journal catches up: {@code YieldingBlockingWaitStrategy}), sleeping, yielding, or
     *              busy-spin (lowest latency; needs a core of its own for each consumer).
     * @return this.
     */
    public Context waitStrategy(final String value)
    {
        waitStrategy = value;
        return this;
    }

    /** @return told each input's latency on the processor thread, or null (the default) for none. */
    public io.marginengine.engine.pipeline.InputLatencyListener latencyListener()
    {
        return latencyListener;
    }

    /**
     * @param value told, on the processor thread, each input's time from publication on the
     *              ring to the end of its processing; null for none. It must not block.
     * @return this.
     */
    public Context latencyListener(final io.marginengine.engine.pipeline.InputLatencyListener value)
    {
        latencyListener = value;
        return this;
    }

    /**
     * @return where snapshots are written and recovery looks for them; null (the default):
     * no snapshots, and recovery replays the whole journal.
     */
    public Path snapshotDirectory()
    {
        return snapshotDirectory;
    }

    /**
     * @param value the snapshot directory (created when missing), or null for no snapshots.
     * @return this.
     */
    public Context snapshotDirectory(final Path value)
    {
        snapshotDirectory = value;
        return this;
    }

    /** @return a snapshot is taken once this many inputs were processed since the last; 0: never for this reason. */
    public long snapshotIntervalInputs()
    {
        return snapshotIntervalInputs;
    }

    /**
     * @param value inputs between snapshots (default 1,000,000), 0 to take none for this reason.
     * @return this.
     */
    public Context snapshotIntervalInputs(final long value)
    {
        snapshotIntervalInputs = value;
        return this;
    }

    /**
     * @return a snapshot is taken once input time ({@code ts}) moved this far since the last;
     * 0: never for this reason.
     */
    public long snapshotIntervalNs()
    {
        return snapshotIntervalNs;
    }

    /**
     * @param value nanoseconds of input time between snapshots (default 5 minutes), 0 to take
     *              none for this reason. Input time, not the wall clock: the same inputs call
     *              for snapshots at the same points whenever they are processed.
     * @return this.
     */
    public Context snapshotIntervalNs(final long value)
    {
        snapshotIntervalNs = value;
        return this;
    }

    /** @return how many snapshots are kept; older ones are deleted after each new one. */
    public int snapshotsKept()
    {
        return snapshotsKept;
    }

    /**
     * @param value snapshots kept, 1 or more (default 3): the ones before the newest are the
     *              fallback when the newest is damaged.
     * @return this.
     */
    public Context snapshotsKept(final int value)
    {
        snapshotsKept = value;
        return this;
    }

    /** @return told of every snapshot written or failed, on the snapshot writer's thread. */
    public SnapshotWriter.Listener snapshotListener()
    {
        return snapshotListener;
    }

    /**
     * @param value told of every snapshot written or failed (default: nothing is told).
     * @return this.
     */
    public Context snapshotListener(final SnapshotWriter.Listener value)
    {
        snapshotListener = value;
        return this;
    }

    /** @return threads consuming the ring: 1 (journal a batch, then process it; default) or 2. */
    public int consumerThreads()
    {
        return consumerThreads;
    }

    /**
     * How many threads consume the ring. 1 (the default): one thread journals each Disruptor
     * batch, commits it, then processes it. 2: a journal thread, and a processor thread gated on
     * it, each input handed from one to the other, so journaling and processing overlap on
     * machines with cores to spare. On the two-CPU machine of perf/REPORT.md one thread wins on
     * every measure (one hand-off fewer, a CPU left to the producer, and with {@code busy-spin}
     * only one thread spins). Outputs are the same either way, and so is the rule that an input
     * is journaled before it takes effect.
     *
     * @param value 1 or 2.
     * @return this.
     */
    public Context consumerThreads(final int value)
    {
        consumerThreads = value;
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

    /** @return how far inside its proven band a trigger is placed, in thousandths of the distance (default 125). */
    public int triggerSlackPermille()
    {
        return triggerSlackPermille;
    }

    /**
     * How far inside its proven band (docs/SURVEILLANCE.md section 4) the trigger index places
     * a bound it has to move: a bound proven {@code d} price steps from the mark is stored
     * {@code d - floor(d x permille / 1000)} steps from it. A later re-arm whose proven band
     * still holds the stored bounds moves nothing, so small fills, deposits and withdrawals touch
     * no heap; ticks cross stored bounds a little earlier, and evaluate a ladder a little more
     * often. 0 stores the proven bounds themselves. Outputs are the same for every value.
     *
     * @param value 0 to 900 thousandths.
     * @return this.
     */
    public Context triggerSlackPermille(final int value)
    {
        triggerSlackPermille = value;
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
        require(consumerThreads == 1 || consumerThreads == 2, "consumerThreads", consumerThreads, "1 or 2");
        require(snapshotIntervalInputs >= 0, "snapshotIntervalInputs", snapshotIntervalInputs, "0 (off) or more");
        require(snapshotIntervalNs >= 0, "snapshotIntervalNs", snapshotIntervalNs, "0 (off) or more");
        require(snapshotsKept >= 1 && snapshotsKept <= 1_000, "snapshotsKept", snapshotsKept, "between 1 and 1,000");
        if (surveillance == null)
        {
            throw new IllegalArgumentException("setting surveillance = null is invalid: expected INDEXED or PLAIN");
        }
        require(triggerSlackPermille >= 0 && triggerSlackPermille <= 900,
            "triggerSlackPermille", triggerSlackPermille, "between 0 and 900 thousandths");
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
