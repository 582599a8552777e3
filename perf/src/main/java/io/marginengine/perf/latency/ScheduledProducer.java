package io.marginengine.perf.latency;

import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.ingress.InputPublisher;
import io.marginengine.perf.MixedWorkload;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Publishes the mixed workload's stream on the engine's ring, either on a schedule (input
 * {@code i} intended for {@code start + i / rate}) or as fast as the ring takes it. On a
 * schedule it waits for each intended time by yielding the CPU (on two cores a spinning
 * producer would take a core from the ring's consumers), then leaves the intended time with
 * the {@link LatencyRecorder} and publishes; when it is late (the ring was full, or it was not
 * scheduled in time) it publishes at once without skipping, and the lateness is part of the
 * latency recorded. Runs on the caller's thread; one producer only.
 */
final class ScheduledProducer
{
    private static final long DRAIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(300);

    private final MarginEngine engine;
    private final InputPublisher publisher;
    private final LatencyRecorder recorder;
    private final UnsafeBuffer stream;
    private final int[] offsets;
    private final int[] lengths;
    private int position;
    private long published;
    private long lastLagNs;
    private long windowStartNs;

    /**
     * @param engine    the running engine.
     * @param recorder  the engine's latency hook.
     * @param workload  whose stream is published.
     * @param published inputs already published (the book).
     */
    ScheduledProducer(final MarginEngine engine, final LatencyRecorder recorder, final MixedWorkload workload, final long published)
    {
        this.engine = engine;
        this.publisher = engine.publisher();
        this.recorder = recorder;
        this.stream = workload.stream();
        this.offsets = workload.offsets();
        this.lengths = workload.lengths();
        this.published = published;
    }

    /**
     * Publishes {@code warmup + measured} inputs at a rate, recording the last {@code measured}
     * of them, and waits until all are processed.
     *
     * @param ratePerSecond offered rate.
     * @param warmup        inputs sent first, not recorded.
     * @param measured      inputs recorded.
     */
    void runScheduled(final long ratePerSecond, final long warmup, final long measured)
    {
        final long total = warmup + measured;
        recorder.window(published + warmup, published + total);
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        windowStartNs = start + warmup * 1_000_000_000L / ratePerSecond;
        long intendedNs = start;
        for (long i = 0; i < total; i++)
        {
            intendedNs = start + i * 1_000_000_000L / ratePerSecond;
            while (System.nanoTime() < intendedNs)
            {
                Thread.yield();
            }
            recorder.intended(published, intendedNs);
            publishNext();
        }
        lastLagNs = System.nanoTime() - intendedNs;
        awaitProcessed();
    }

    /**
     * Publishes as fast as the ring takes inputs for a while, then waits until all are processed.
     *
     * @param durationNs how long to publish.
     * @return inputs processed per second, from the first publication to the last input processed.
     */
    double runSaturated(final long durationNs)
    {
        recorder.window(Long.MAX_VALUE, Long.MAX_VALUE);
        final long first = published;
        final long start = System.nanoTime();
        final long end = start + durationNs;
        while (System.nanoTime() < end)
        {
            for (int n = 0; n < 1024; n++)
            {
                recorder.intended(published, 0);
                publishNext();
            }
        }
        awaitProcessed();
        return (published - first) * 1e9 / (System.nanoTime() - start);
    }

    private void publishNext()
    {
        final int i = position;
        publisher.publish(stream, offsets[i], lengths[i]);
        position = i + 1 == offsets.length ? 0 : i + 1;
        published++;
    }

    /** Waits until the engine has processed everything published. */
    void awaitProcessed()
    {
        engine.awaitProcessed(published, DRAIN_TIMEOUT_NS);
    }

    /** @return inputs published since the engine started. */
    long published()
    {
        return published;
    }

    /** @return the intended send time of the first recorded input of the last scheduled run. */
    long windowStartNs()
    {
        return windowStartNs;
    }

    /** @return how late the producer was, ns, after publishing the last input of the last scheduled run. */
    long lastLagNs()
    {
        return lastLagNs;
    }
}
