package io.marginengine.perf.latency;

import io.marginengine.engine.pipeline.InputLatencyListener;
import org.HdrHistogram.Histogram;

/**
 * The engine's latency hook ({@code Context.latencyListener}), told on the processor thread
 * when each input is done, in ring order. With one producer, the k-th call is about the k-th
 * input published, so the producer leaves each input's <em>intended</em> send time in a slot
 * array before publishing it and this recorder takes {@code now - intended}: the latency a
 * sender on that schedule saw, including any time the input spent waiting to be sent because
 * the producer or the ring was behind (no coordinated omission). It also records the hook's
 * own figure, publish to processed, which leaves that waiting out.
 * <p>
 * Only inputs whose sequence lies in the current window are recorded. The producer sets the
 * window and reads or resets the histograms only while nothing is in flight (after
 * {@code MarginEngine.processed()} has reached what it published), so the histograms need no
 * lock: the ring's publish and the processed sequence order the two threads.
 * <p>
 * The slot array holds four ring sizes: before the producer claims sequence {@code p} it has
 * claimed {@code p - 1}, so the processor is done with {@code p - 1 - ringSize} and below, and
 * the slot it overwrites was read long ago.
 */
public final class LatencyRecorder implements InputLatencyListener
{
    /** Largest latency a histogram holds, ns; larger values are recorded as this. */
    public static final long HIGHEST_NS = 600_000_000_000L;

    private final long[] intended;
    private final int mask;
    private final Histogram fromIntended = new Histogram(HIGHEST_NS, 3);
    private final Histogram fromPublish = new Histogram(HIGHEST_NS, 3);
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private long processed;
    private long lastInWindowNs;

    /**
     * @param ringSize the engine's ring size, a power of two.
     */
    public LatencyRecorder(final int ringSize)
    {
        intended = new long[ringSize * 4];
        mask = intended.length - 1;
    }

    /**
     * On the producer thread, before publishing the input.
     *
     * @param sequence   the input's place in publication order, from 0.
     * @param intendedNs when the schedule meant it to be sent ({@code System.nanoTime()}).
     */
    public void intended(final long sequence, final long intendedNs)
    {
        intended[(int)sequence & mask] = intendedNs;
    }

    /**
     * Sets which inputs are recorded and clears the histograms; call only while nothing is in flight.
     *
     * @param from first sequence recorded.
     * @param to   sequence after the last one recorded.
     */
    public void window(final long from, final long to)
    {
        fromIntended.reset();
        fromPublish.reset();
        lastInWindowNs = 0;
        windowEnd = to;
        windowStart = from;
    }

    @Override
    public void onProcessed(final long latencyNs)
    {
        final long now = System.nanoTime();
        final long k = processed++;
        if (k >= windowStart && k < windowEnd)
        {
            fromIntended.recordValue(Math.min(Math.max(0, now - intended[(int)k & mask]), HIGHEST_NS));
            fromPublish.recordValue(Math.min(Math.max(0, latencyNs), HIGHEST_NS));
            lastInWindowNs = now;
        }
    }

    /** @return latencies from the intended send time, of the window; read only while nothing is in flight. */
    public Histogram fromIntended()
    {
        return fromIntended;
    }

    /** @return latencies from publication (the hook's figure), of the window. */
    public Histogram fromPublish()
    {
        return fromPublish;
    }

    /** @return inputs this recorder was told about, since the engine started. */
    public long processed()
    {
        return processed;
    }

    /** @return {@code System.nanoTime()} when the last input of the window was done. */
    public long lastInWindowNs()
    {
        return lastInWindowNs;
    }
}
