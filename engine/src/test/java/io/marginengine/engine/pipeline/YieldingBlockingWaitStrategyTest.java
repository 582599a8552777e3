package io.marginengine.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The wait strategy's contract with the Disruptor: it returns only once the sequence asked for
 * is both published (cursor) and passed by the upstream handler (dependent sequence), and then
 * returns how far the upstream handler has got; a consumer with nothing published sleeps until
 * signalled; an alert stops either wait. The 30-second limits only keep a broken strategy from
 * hanging the build; nothing here is timed.
 */
class YieldingBlockingWaitStrategyTest
{
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();
    private final YieldingBlockingWaitStrategy strategy = new YieldingBlockingWaitStrategy();
    private final FlagBarrier barrier = new FlagBarrier();

    @AfterEach
    void stop()
    {
        barrier.alert();
        strategy.signalAllWhenBlocking();
        waiter.shutdownNow();
    }

    @Test
    void returnsHowFarTheUpstreamHandlerIsWhenItIsAlreadyPast() throws Exception
    {
        assertEquals(9, strategy.waitFor(4, new Sequence(12), new Sequence(9), barrier));
    }

    @Test
    void waitsForTheUpstreamHandlerToPassThePublishedSequence() throws Exception
    {
        final Sequence cursor = new Sequence(10);
        final Sequence journal = new Sequence(2);
        final Future<Long> result = waiter.submit(() -> strategy.waitFor(5, cursor, journal, barrier));
        journal.set(7);
        // had it returned before the journal reached 5 it would have returned 2
        assertEquals(7, result.get(30, TimeUnit.SECONDS));
    }

    @Test
    void sleepsUntilAProducerPublishesAndSignals() throws Exception
    {
        final Sequence cursor = new Sequence(0);
        final Future<Long> result = waiter.submit(() -> strategy.waitFor(1, cursor, cursor, barrier));
        cursor.set(3);
        strategy.signalAllWhenBlocking();
        assertEquals(3, result.get(30, TimeUnit.SECONDS));
    }

    @Test
    void anAlertStopsTheWaitForTheUpstreamHandler()
    {
        final Future<Long> result = waiter.submit(() -> strategy.waitFor(5, new Sequence(10), new Sequence(2), barrier));
        barrier.alert();
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        assertInstanceOf(AlertException.class, ex.getCause());
    }

    @Test
    void anAlertStopsTheSleepForAPublication()
    {
        final Sequence cursor = new Sequence(0);
        final Future<Long> result = waiter.submit(() -> strategy.waitFor(1, cursor, cursor, barrier));
        barrier.alert();
        strategy.signalAllWhenBlocking();
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> result.get(30, TimeUnit.SECONDS));
        assertInstanceOf(AlertException.class, ex.getCause());
    }

    /** A barrier that is only an alert flag, as the strategy uses it. */
    private static final class FlagBarrier implements SequenceBarrier
    {
        private volatile boolean alerted;

        @Override
        public long waitFor(final long sequence)
        {
            throw new UnsupportedOperationException("the strategy under test does not call the barrier's waitFor");
        }

        @Override
        public long getCursor()
        {
            throw new UnsupportedOperationException("the strategy under test does not read the barrier's cursor");
        }

        @Override
        public boolean isAlerted()
        {
            return alerted;
        }

        @Override
        public void alert()
        {
            alerted = true;
        }

        @Override
        public void clearAlert()
        {
            alerted = false;
        }

        @Override
        public void checkAlert() throws AlertException
        {
            if (alerted)
            {
                throw AlertException.INSTANCE;
            }
        }
    }
}
