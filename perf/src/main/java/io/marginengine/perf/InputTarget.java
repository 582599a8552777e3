package io.marginengine.perf;

import org.agrona.DirectBuffer;

/**
 * Where a workload sends its inputs: the processor directly, the engine's ring, or a journal
 * writer. Each call hands over one SBE input message (header and body).
 */
@FunctionalInterface
public interface InputTarget
{
    /**
     * @param buffer holds the message.
     * @param offset where it starts.
     * @param length its length.
     */
    void onInput(DirectBuffer buffer, int offset, int length);
}
