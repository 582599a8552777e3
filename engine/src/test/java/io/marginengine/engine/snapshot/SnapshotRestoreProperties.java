package io.marginengine.engine.snapshot;

import io.marginengine.engine.Context;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.testkit.RecordedStream;
import io.marginengine.journal.sbe.RejectCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Catches a field the state image forgets. For random streams (with a query of every account
 * after each input, so that every account's whole state shows in the outputs), the state is
 * copied out at random indexes k and restored into a fresh processor, and into one that had
 * run another stream first; each goes on to the end. Its outputs after k must be the
 * uninterrupted run's, byte for byte, and so must its state digest and counters at the end.
 * A field left out of the image shows as a different output (an order id starting again at 1,
 * a duplicate seq accepted, a deadline forgotten), a different digest, or a different counter.
 */
class SnapshotRestoreProperties
{
    private static final int LENGTH = 150;
    private static final int CUTS = 3;

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void restoredStateContinuesExactlyAsTheUninterruptedRun(@ForAll final long seed)
    {
        final RecordedStream stream = RecordedStream.record(seed, LENGTH, true);
        final int n = stream.size();
        final List<byte[]> live = new ArrayList<>();
        final MarginProcessor uninterrupted = RecordedStream.collecting(RecordedStream.context(), live);
        stream.feed(uninterrupted, 0, n);
        final StateDigest liveDigest = uninterrupted.stateDigest();
        final RecordedStream other = RecordedStream.record(~seed, LENGTH / 2, false);

        final Random random = new Random(seed);
        for (int cut = 0; cut < CUTS; cut++)
        {
            final int k = random.nextInt(n + 1);
            final String where = "seed " + seed + ", state copied after " + k + " of " + n + " inputs";
            final List<byte[]> outputs = new ArrayList<>();
            final MarginProcessor before = RecordedStream.collecting(RecordedStream.context(), outputs);
            stream.feed(before, 0, k);
            final StateImage image = new StateImage(before.maxStateLength());
            before.copyStateTo(image);
            assertEquals(before.stateDigest(), StateDigest.of(image), where + ": the digest is that of the image");
            assertEquals(k - 1, before.lastJournalIndex(), where);

            final List<byte[]> prefix = new ArrayList<>(outputs);
            final MarginProcessor fresh = RecordedStream.collecting(RecordedStream.context(), outputs);
            fresh.restoreState(image);
            assertEquals(before.stateDigest(), fresh.stateDigest(), where + ": restored into a fresh processor");
            stream.feed(fresh, k, n);
            assertSameRun(where + ", restored into a fresh processor", live, outputs, uninterrupted, liveDigest, fresh);

            final List<byte[]> dirtyOutputs = new ArrayList<>();
            final MarginProcessor dirty = RecordedStream.collecting(RecordedStream.context(), dirtyOutputs);
            other.feed(dirty, 0, other.size());
            dirtyOutputs.clear();
            dirtyOutputs.addAll(prefix);
            dirty.restoreState(image);
            stream.feed(dirty, k, n);
            assertSameRun(where + ", restored into a processor that had run another stream", live, dirtyOutputs,
                uninterrupted, liveDigest, dirty);
        }
    }

    private static void assertSameRun(
        final String where, final List<byte[]> liveOutputs, final List<byte[]> outputs, final MarginProcessor live,
        final StateDigest liveDigest, final MarginProcessor restored)
    {
        assertNull(RecordedStream.firstDifference(liveOutputs, outputs), where);
        assertEquals(liveDigest, restored.stateDigest(), where + ": the digest at the end");
        assertEquals(live.inputs(), restored.inputs(), where);
        assertEquals(live.rejects(), restored.rejects(), where);
        for (final RejectCode code : RejectCode.values())
        {
            assertEquals(live.rejects(code), restored.rejects(code), where + ": rejects " + code);
        }
        assertEquals(live.marginCalls(), restored.marginCalls(), where);
        assertEquals(live.liquidations(), restored.liquidations(), where);
        assertEquals(live.outputsPublished(), restored.outputsPublished(), where);
        assertEquals(live.totals().deposits(), restored.totals().deposits(), where);
        assertEquals(live.totals().realizedPnl(), restored.totals().realizedPnl(), where);
        assertEquals(live.totals().fundingPaid(), restored.totals().fundingPaid(), where);
        assertEquals(live.lastJournalIndex(), restored.lastJournalIndex(), where);
    }

    /**
     * The image and the digest hold used slots only: engines with different capacities (both
     * above anything the stream reaches) fed the same stream have the same digest, and the
     * state of one restores into the other.
     */
    @Test
    void theDigestDoesNotDependOnUnusedCapacity()
    {
        final RecordedStream stream = RecordedStream.record(4242L, LENGTH, false);
        final Context roomy = new Context().maxAccounts(100).maxInstruments(16).maxPositionsPerAccount(8).maxSources(10);
        final Context roomier = new Context().maxAccounts(5000).maxInstruments(300).maxPositionsPerAccount(20).maxSources(500);
        final MarginProcessor small = RecordedStream.collecting(roomy, new ArrayList<>());
        final MarginProcessor large = RecordedStream.collecting(roomier, new ArrayList<>());
        stream.feed(small, 0, stream.size());
        stream.feed(large, 0, stream.size());
        assertTrue(small.accounts().count() > 3, "the stream opened accounts");
        assertEquals(small.stateDigest(), large.stateDigest());

        final StateImage image = new StateImage(small.maxStateLength());
        small.copyStateTo(image);
        final MarginProcessor restored = RecordedStream.collecting(roomier, new ArrayList<>());
        restored.restoreState(image);
        assertEquals(small.stateDigest(), restored.stateDigest());
    }

    /** Two states that differ in one account's wallet by one money unit have different digests. */
    @Test
    void theDigestSeesEveryByteOfAnAccount()
    {
        final RecordedStream stream = RecordedStream.record(77L, LENGTH, false);
        final MarginProcessor processor = RecordedStream.collecting(RecordedStream.context(), new ArrayList<>());
        stream.feed(processor, 0, stream.size());
        final StateDigest digest = processor.stateDigest();
        final int slot = processor.accounts().count() - 1;
        processor.accounts().wallet(slot, processor.accounts().wallet(slot) + 1);
        assertNotEquals(digest, processor.stateDigest());
        processor.accounts().wallet(slot, processor.accounts().wallet(slot) - 1);
        assertEquals(digest, processor.stateDigest());
    }

    /** A state too big for the capacities of the processor it is restored into is refused with a sentence. */
    @Test
    void aStateThatDoesNotFitIsRefused()
    {
        final RecordedStream stream = RecordedStream.record(99L, LENGTH, false);
        final MarginProcessor processor = RecordedStream.collecting(RecordedStream.context(), new ArrayList<>());
        stream.feed(processor, 0, stream.size());
        final StateImage image = new StateImage(processor.maxStateLength());
        processor.copyStateTo(image);
        final MarginProcessor tiny = RecordedStream.collecting(RecordedStream.context().maxAccounts(2), new ArrayList<>());
        final IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> tiny.restoreState(image));
        assertTrue(refused.getMessage().startsWith("state image: the account count (maxAccounts 2) is " +
            processor.accounts().count()), refused.getMessage());
    }

    /** Copying the state out allocates nothing (it runs on the processor thread). */
    @Test
    void copyingTheStateOutAllocatesNothing()
    {
        final RecordedStream stream = RecordedStream.record(5L, LENGTH, false);
        final MarginProcessor processor = RecordedStream.collecting(RecordedStream.context(), new ArrayList<>());
        stream.feed(processor, 0, stream.size());
        final StateImage image = new StateImage(processor.maxStateLength());
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long quietest = Long.MAX_VALUE;
        for (int run = 0; run < 2_000; run++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            processor.copyStateTo(image);
            quietest = Math.min(quietest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(0, quietest, "bytes allocated by the quietest copy");
    }
}
