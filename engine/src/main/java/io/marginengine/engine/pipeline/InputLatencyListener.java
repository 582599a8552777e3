package io.marginengine.engine.pipeline;

/**
 * Told, on the processor thread, how long each input took from the moment its producer put
 * it on the ring to the moment the processor finished it (journal write and processing
 * included). Must not block or allocate: it runs once per input on the hot path.
 */
@FunctionalInterface
public interface InputLatencyListener
{
    /**
     * @param latencyNs nanoseconds from publication on the ring to the end of processing.
     */
    void onProcessed(long latencyNs);
}
