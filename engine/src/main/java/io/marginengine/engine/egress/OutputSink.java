package io.marginengine.engine.egress;

import org.agrona.DirectBuffer;

/**
 * Receives every output of the processor as one SBE message, header included.
 * <p>
 * The buffer is reused for the next output as soon as the call returns: copy what you keep.
 */
@FunctionalInterface
public interface OutputSink
{
    /**
     * One output.
     *
     * @param buffer holds the SBE message header and body.
     * @param offset where the header starts.
     * @param length header plus body length in bytes.
     */
    void onOutput(DirectBuffer buffer, int offset, int length);
}
