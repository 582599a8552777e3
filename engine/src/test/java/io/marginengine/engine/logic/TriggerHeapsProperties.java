package io.marginengine.engine.logic;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leftist heaps of the trigger index against a plain map of node to key: random inserts and
 * removals (anywhere in the heap) on several heaps sharing one pool; after every step each heap's
 * shape is checked, its largest key and its collected set above random thresholds are compared
 * with a brute-force answer, and the collection leaves the heap unchanged.
 */
class TriggerHeapsProperties
{
    private static final int NODES = 400;
    private static final int HEAPS = 3;

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void heapsAgreeWithABruteForceModel(@ForAll final long seed)
    {
        run(seed);
    }

    @Example
    void heapsAgreeOnAFixedSequence()
    {
        run(20_261_121L);
    }

    @Example
    void aNodeIsInAtMostOneHeapAndRemovedOnlyOnce()
    {
        final TriggerHeaps heaps = new TriggerHeaps(4, 2, 4);
        heaps.insert(0, 1, 10);
        assertThrows(IllegalStateException.class, () -> heaps.insert(1, 1, 5));
        heaps.remove(0, 1);
        assertThrows(IllegalStateException.class, () -> heaps.remove(0, 1));
        assertEquals(TriggerHeaps.EMPTY, heaps.maxKey(0));
    }

    private void run(final long seed)
    {
        final Random random = new Random(seed);
        final TriggerHeaps heaps = new TriggerHeaps(NODES, HEAPS, NODES);
        final List<Map<Integer, Long>> model = new ArrayList<>();
        for (int h = 0; h < HEAPS; h++)
        {
            model.add(new HashMap<>());
        }
        final int[] heapOf = new int[NODES];
        Arrays.fill(heapOf, -1);
        final int[] out = new int[NODES];
        final long keyRange = random.nextBoolean() ? 20 : 1_000_000;
        for (int step = 0; step < 3_000; step++)
        {
            final int node = random.nextInt(NODES);
            if (heapOf[node] >= 0 && random.nextInt(100) < 45)
            {
                heaps.remove(heapOf[node], node);
                model.get(heapOf[node]).remove(node);
                heapOf[node] = -1;
            }
            else if (heapOf[node] < 0)
            {
                final int h = random.nextInt(HEAPS);
                final long key = random.nextLong() % keyRange;
                heaps.insert(h, node, key);
                model.get(h).put(node, key);
                heapOf[node] = h;
            }
            final int h = random.nextInt(HEAPS);
            final Map<Integer, Long> expected = model.get(h);
            assertEquals(expected.size(), heaps.verify(h), "seed " + seed + " step " + step + ": heap size");
            assertEquals(expected.values().stream().mapToLong(Long::longValue).max().orElse(TriggerHeaps.EMPTY),
                heaps.maxKey(h), "seed " + seed + " step " + step + ": largest key");
            final long threshold = random.nextLong() % keyRange;
            final int n = heaps.collectAbove(h, threshold, out, 0);
            final long[] got = Arrays.stream(out, 0, n).mapToLong(i -> i).sorted().toArray();
            final long[] want = expected.entrySet().stream().filter(e -> e.getValue() > threshold)
                .mapToLong(Map.Entry::getKey).sorted().toArray();
            assertTrue(Arrays.equals(want, got), "seed " + seed + " step " + step + ": nodes above " + threshold + ": "
                + Arrays.toString(got) + ", expected " + Arrays.toString(want));
            assertEquals(expected.size(), heaps.verify(h), "seed " + seed + ": collecting changed the heap");
        }
        for (int node = 0; node < NODES; node++)
        {
            assertEquals(heapOf[node] >= 0, heaps.contains(node));
        }
        heaps.clear();
        for (int h = 0; h < HEAPS; h++)
        {
            assertEquals(0, heaps.verify(h));
        }
        assertFalse(heaps.contains(0));
    }
}
