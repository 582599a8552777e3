package io.marginengine.perf;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.WithdrawDecoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the benchmarks rely on: the stream is the mix issue 6 asks for, it is accepted whole,
 * loop after loop, without a margin call, and each loop brings every position's quantity and
 * every mark back to where the book started.
 */
class MixedWorkloadTest
{
    private static final int ACCOUNTS = 300;

    @Test
    void theStreamIsNinetyPercentMarksNinePercentFillsOnePercentTransfers()
    {
        final MixedWorkload workload = new MixedWorkload(ACCOUNTS, 200_000, 11);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final long[] byType = new long[32];
        for (int i = 0; i < workload.streamLength(); i++)
        {
            byType[header.wrap(workload.stream(), workload.offsets()[i]).templateId()]++;
        }
        final double n = workload.streamLength();
        final long transfers = byType[DepositDecoder.TEMPLATE_ID] + byType[WithdrawDecoder.TEMPLATE_ID];
        assertEquals(n, byType[MarkDecoder.TEMPLATE_ID] + byType[FillDecoder.TEMPLATE_ID] + transfers, "nothing but the three kinds");
        assertEquals(0.90, byType[MarkDecoder.TEMPLATE_ID] / n, 0.005, "share of marks");
        assertEquals(0.09, byType[FillDecoder.TEMPLATE_ID] / n, 0.005, "share of fills");
        assertEquals(0.01, transfers / n, 0.002, "share of deposits and withdrawals");
        // every deposit of the first half is withdrawn in the second and the other way round
        assertEquals(byType[DepositDecoder.TEMPLATE_ID], byType[WithdrawDecoder.TEMPLATE_ID]);
    }

    @Test
    void everyLoopIsAcceptedAndBringsPositionsAndMarksBack()
    {
        final MixedWorkload workload = new MixedWorkload(ACCOUNTS, 20_000, 7);
        final MarginProcessor processor = new MarginProcessor(workload.context(), (buffer, offset, length) -> { });
        final ProcessorDriver driver = new ProcessorDriver(processor);
        workload.sendSetup(driver);
        final long[] booked = quantities(processor);
        final long[] firstMarks = marks(processor);
        assertTrue(firstMarks[0] > 0, "the book has marks");
        long position = 0;
        for (int loop = 1; loop <= 2; loop++)
        {
            position = workload.sendStream(driver, position, workload.streamLength());
            assertArrayEquals(booked, quantities(processor), "position quantities after loop " + loop);
            assertArrayEquals(firstMarks, marks(processor), "marks after loop " + loop);
        }
        // half a loop: positions and marks have moved, and still nothing is refused
        workload.sendStream(driver, position, workload.streamLength() / 2);
        assertEquals(0, processor.rejects(), "inputs refused");
        assertEquals(0, processor.marginCalls(), "margin calls");
        assertEquals(driver.inputs(), processor.inputs());
    }

    /** Quantity of every position of accounts 1 to ACCOUNTS on instruments 1 to 8, 0 when flat. */
    private static long[] quantities(final MarginProcessor processor)
    {
        final AccountStore accounts = processor.accounts();
        final long[] qty = new long[ACCOUNTS * (MixedWorkload.INSTRUMENTS + 1)];
        for (int a = 1; a <= ACCOUNTS; a++)
        {
            final int slot = accounts.slotOf(a);
            for (int i = 0; i < accounts.positionCount(slot); i++)
            {
                final int p = accounts.position(slot, i);
                qty[(a - 1) * (MixedWorkload.INSTRUMENTS + 1) + accounts.instrumentId(p)] = accounts.qty(p);
            }
        }
        return qty;
    }

    private static long[] marks(final MarginProcessor processor)
    {
        final InstrumentStore instruments = processor.instruments();
        final long[] marks = new long[MixedWorkload.INSTRUMENTS];
        for (int j = 1; j <= MixedWorkload.INSTRUMENTS; j++)
        {
            marks[j - 1] = instruments.mark(instruments.slotOf(j));
        }
        return marks;
    }
}
