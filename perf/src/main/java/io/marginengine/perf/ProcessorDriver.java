package io.marginengine.perf;

import io.marginengine.engine.logic.MarginProcessor;
import org.agrona.DirectBuffer;

/**
 * Feeds a processor directly, numbering inputs as a journal would (0, 1, 2, ...), for the
 * benchmarks that measure the processor alone.
 */
public final class ProcessorDriver implements InputTarget
{
    private final MarginProcessor processor;
    private long nextIndex;

    /**
     * @param processor the processor to feed.
     */
    public ProcessorDriver(final MarginProcessor processor)
    {
        this.processor = processor;
    }

    @Override
    public void onInput(final DirectBuffer buffer, final int offset, final int length)
    {
        processor.onInput(nextIndex++, buffer, offset, length);
    }

    /** @return inputs fed so far. */
    public long inputs()
    {
        return nextIndex;
    }
}
