package io.marginengine.perf.latency;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorder takes each input's latency from the intended time the producer left for its
 * sequence, counts inputs in ring order, and records only the window.
 */
class LatencyRecorderTest
{
    @Test
    void recordsTheWindowFromTheIntendedTimes()
    {
        final LatencyRecorder recorder = new LatencyRecorder(16);
        final long late = TimeUnit.MILLISECONDS.toNanos(250);
        recorder.window(2, 5);
        final long before = System.nanoTime();
        for (long sequence = 0; sequence < 7; sequence++)
        {
            // inputs 2 to 4 were meant to go 250 ms ago; the others now
            recorder.intended(sequence, sequence >= 2 && sequence < 5 ? before - late : before);
            recorder.onProcessed(500);
        }
        final long after = System.nanoTime();
        assertEquals(7, recorder.processed());
        assertEquals(3, recorder.fromIntended().getTotalCount(), "inputs 2, 3 and 4");
        // the histogram keeps 3 significant digits: a bucket may start up to 0.1% below a value
        assertTrue(recorder.fromIntended().getMinValue() >= late * 999 / 1000, "at least 250 ms from the intended time");
        assertTrue(recorder.fromIntended().getMaxValue() <= after - before + late + late / 100, "no more than the time that passed");
        assertEquals(3, recorder.fromPublish().getTotalCount());
        assertEquals(500, recorder.fromPublish().getMaxValue(), "the hook's own figure, as given");
    }

    @Test
    void aNewWindowStartsEmpty()
    {
        final LatencyRecorder recorder = new LatencyRecorder(16);
        recorder.window(0, 2);
        recorder.intended(0, System.nanoTime());
        recorder.onProcessed(1);
        recorder.intended(1, System.nanoTime());
        recorder.onProcessed(1);
        recorder.window(2, 3);
        assertEquals(0, recorder.fromIntended().getTotalCount());
        recorder.intended(2, System.nanoTime());
        recorder.onProcessed(1);
        assertEquals(1, recorder.fromIntended().getTotalCount());
    }
}
