package io.marginengine.engine.pipeline;

import io.marginengine.engine.egress.OutputSink;
import org.agrona.DirectBuffer;

/**
 * Hands every output to several sinks in turn (the output queue, in-process listeners), on
 * the processor thread. A sink must not keep the buffer past its call.
 */
public final class OutputFanOut implements OutputSink
{
    private final OutputSink[] sinks;

    /**
     * @param sinks where outputs go, in this order.
     */
    public OutputFanOut(final OutputSink... sinks)
    {
        this.sinks = sinks.clone();
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final OutputSink sink : sinks)
        {
            sink.onOutput(buffer, offset, length);
        }
    }
}
