package io.marginengine.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.marginengine.engine.ingress.InputSlot;
import io.marginengine.engine.logic.MarginProcessor;

/**
 * Second consumer of the ring, gated on the journal handler: hands each journaled input to
 * the single-threaded processor with its journal index.
 */
public final class ProcessorHandler implements EventHandler<InputSlot>
{
    private final MarginProcessor processor;

    /**
     * @param processor the business-logic processor.
     */
    public ProcessorHandler(final MarginProcessor processor)
    {
        this.processor = processor;
    }

    @Override
    public void onEvent(final InputSlot slot, final long sequence, final boolean endOfBatch)
    {
        processor.onInput(slot.journalIndex(), slot.buffer(), 0, slot.length());
    }
}
