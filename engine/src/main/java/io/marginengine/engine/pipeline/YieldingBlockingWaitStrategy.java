package io.marginengine.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * Disruptor's blocking wait strategy for a ring whose consumers share cores: a consumer with
 * nothing published sleeps on a monitor until a producer signals, as with
 * {@code BlockingWaitStrategy}; a consumer gated on another handler (the processor behind the
 * journal) that finds the input published but not yet journaled spins briefly and then
 * yields, where {@code BlockingWaitStrategy} spins until the journal catches up.
 * <p>
 * Why: Disruptor 4's {@code BlockingWaitStrategy} wakes both consumers on a publication;
 * the processor then busy-spins on the journal handler's sequence. When the two threads share
 * a core (two cores, one of them taken by a producer), the spinning processor holds the core
 * the journal handler needs until the scheduler preempts it, so each input waits for a time
 * slice: measured with the latency harness on two CPUs at 100,000 inputs/s, a median of
 * milliseconds (perf/FINDINGS.md). Yielding after {@value #SPINS} spins hands the core to the
 * journal handler at once; on a machine with a core per thread the spin phase covers the
 * usual wait (one journal append) and nothing changes.
 */
public final class YieldingBlockingWaitStrategy implements WaitStrategy
{
    /** Spins on the upstream handler before each yield. */
    public static final int SPINS = 100;

    private final Object mutex = new Object();

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException, InterruptedException
    {
        if (cursor.get() < sequence)
        {
            synchronized (mutex)
            {
                while (cursor.get() < sequence)
                {
                    barrier.checkAlert();
                    mutex.wait();
                }
            }
        }
        long available;
        int spins = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (++spins < SPINS)
            {
                Thread.onSpinWait();
            }
            else
            {
                spins = 0;
                Thread.yield();
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        synchronized (mutex)
        {
            mutex.notifyAll();
        }
    }
}
