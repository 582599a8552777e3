package io.marginengine.engine.logic;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * One max-heap of trigger keys per instrument, all sharing one pool of nodes: the nodes are
 * the trigger index's entries (an entry id is a node id), so the heaps need no capacity per
 * instrument and nothing is allocated after construction.
 * <p>
 * Each heap is a <em>leftist heap</em> (Crane 1972; Knuth, TAOCP 5.2.3). A node is one
 * off-heap record, so that walking a spine touches one cache line per node:
 * <pre>
 *   0  key (long)
 *   8  left child (int, NIL)
 *  12  right child (int, NIL)
 *  16  parent (int; NIL for a root, OUTSIDE when in no heap)
 *  20  npl (byte): null-path length, the length of the right spine, at most log2(size + 1)
 *  21  npl of the left child (byte, 0 for none)   } copies, so that a meld or a fix-up reads
 *  22  npl of the right child (byte, 0 for none)  } one record per level, not its children
 *  23  pad
 *  24  (NODE_LENGTH)
 * </pre>
 * <pre>
 *   operation                          cost
 *   insert(node)                       O(log n): meld with a one-node heap walks two right spines
 *   remove(node), anywhere             O(log n): meld its children, then fix npl upward; the fix
 *                                      moves up only while npl changes, and the changed values
 *                                      rise by one per step, so it stops within log2(n + 1) steps
 *   maxKey                             O(1)
 *   collectAbove(threshold)            O(k + 1) for k keys above it, without changing the heap
 * </pre>
 * Meld is recursive; its depth is at most the sum of two right spines, 2 x log2(n + 1).
 */
public final class TriggerHeaps
{
    /** No node: an empty heap, a missing child, or the root's parent. */
    public static final int NIL = -1;
    /** Parent marker of a node that is in no heap. */
    private static final int OUTSIDE = -2;
    /** {@link #maxKey} of an empty heap: no key is above any price. */
    public static final long EMPTY = Long.MIN_VALUE;

    static final int KEY_OFFSET = 0;
    static final int LEFT_OFFSET = KEY_OFFSET + SIZE_OF_LONG;
    static final int RIGHT_OFFSET = LEFT_OFFSET + SIZE_OF_INT;
    static final int PARENT_OFFSET = RIGHT_OFFSET + SIZE_OF_INT;
    static final int NPL_OFFSET = PARENT_OFFSET + SIZE_OF_INT;
    static final int LEFT_NPL_OFFSET = NPL_OFFSET + 1;
    static final int RIGHT_NPL_OFFSET = LEFT_NPL_OFFSET + 1;
    /** Bytes per node. */
    public static final int NODE_LENGTH = RIGHT_NPL_OFFSET + 2;

    private final UnsafeBuffer nodes;
    private final int nodeCount;
    private final int[] root;
    private final int[] stack;

    /**
     * @param nodes   nodes in the pool (the trigger index's entries).
     * @param heaps   heaps (instrument slots).
     * @param maxPerHeap most nodes one heap will hold at once; sizes the collection stack.
     */
    public TriggerHeaps(final int nodes, final int heaps, final int maxPerHeap)
    {
        if ((long)nodes * NODE_LENGTH > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("trigger heaps of " + nodes + " nodes exceed 2 GiB");
        }
        this.nodes = new UnsafeBuffer(ByteBuffer.allocateDirect(nodes * NODE_LENGTH));
        this.nodeCount = nodes;
        root = new int[heaps];
        stack = new int[maxPerHeap + 2];
        clear();
    }

    /** Empties every heap. */
    public void clear()
    {
        Arrays.fill(root, NIL);
        for (int n = 0; n < nodeCount; n++)
        {
            detach(n);
        }
    }

    /**
     * @param node a node.
     * @return true while it is in a heap.
     */
    public boolean contains(final int node)
    {
        return parent(node) != OUTSIDE;
    }

    /**
     * @param node a node in a heap.
     * @return its key.
     */
    public long key(final int node)
    {
        return nodes.getLong(node * NODE_LENGTH + KEY_OFFSET);
    }

    /**
     * @param heap a heap.
     * @return its largest key, or {@link #EMPTY}.
     */
    public long maxKey(final int heap)
    {
        final int r = root[heap];
        return r == NIL ? EMPTY : key(r);
    }

    /**
     * Adds a node that is in no heap.
     *
     * @param heap  the heap.
     * @param node  the node.
     * @param value its key.
     */
    public void insert(final int heap, final int node, final long value)
    {
        if (parent(node) != OUTSIDE)
        {
            throw new IllegalStateException("trigger node " + node + " is already in a heap");
        }
        key(node, value);
        left(node, NIL);
        right(node, NIL);
        npl(node, 1);
        leftNpl(node, 0);
        rightNpl(node, 0);
        parent(node, NIL);
        final int r = meld(root[heap], node);
        parent(r, NIL);
        root[heap] = r;
    }

    /**
     * Takes a node out of its heap, wherever it is.
     *
     * @param heap the heap that holds it.
     * @param node the node.
     */
    public void remove(final int heap, final int node)
    {
        final int p = parent(node);
        if (p == OUTSIDE)
        {
            throw new IllegalStateException("trigger node " + node + " is in no heap");
        }
        final int merged = meld(left(node), right(node));
        if (merged != NIL)
        {
            parent(merged, p);
        }
        if (p == NIL)
        {
            root[heap] = merged;
        }
        else
        {
            final int mergedNpl = merged == NIL ? 0 : npl(merged);
            if (left(p) == node)
            {
                left(p, merged);
                leftNpl(p, mergedNpl);
            }
            else
            {
                right(p, merged);
                rightNpl(p, mergedNpl);
            }
            fixUp(p);
        }
        detach(node);
    }

    /**
     * Appends to {@code out} every node of a heap whose key is above a threshold, in no
     * particular order, leaving the heap as it is. Only those nodes and their children are
     * visited: below a node whose key is not above the threshold no key is.
     *
     * @param heap      the heap.
     * @param threshold keys above it are collected.
     * @param out       where node ids go.
     * @param from      first index of {@code out} to write.
     * @return the index after the last node written.
     */
    public int collectAbove(final int heap, final long threshold, final int[] out, final int from)
    {
        int n = from;
        int top = 0;
        final int r = root[heap];
        if (r != NIL)
        {
            stack[top++] = r;
        }
        while (top > 0)
        {
            final int x = stack[--top];
            if (key(x) > threshold)
            {
                out[n++] = x;
                if (left(x) != NIL)
                {
                    stack[top++] = left(x);
                }
                if (right(x) != NIL)
                {
                    stack[top++] = right(x);
                }
            }
        }
        return n;
    }

    /**
     * Checks one heap's shape (heap order, leftist order, npl, parent links) and counts it: for tests.
     *
     * @param heap the heap.
     * @return its size.
     * @throws IllegalStateException naming the first broken node.
     */
    int verify(final int heap)
    {
        final int r = root[heap];
        if (r != NIL && parent(r) != NIL)
        {
            throw new IllegalStateException("root " + r + " has parent " + parent(r));
        }
        return verifyNode(r);
    }

    private int verifyNode(final int x)
    {
        if (x == NIL)
        {
            return 0;
        }
        final int l = left(x);
        final int r = right(x);
        verifyChild(x, l);
        verifyChild(x, r);
        if (nplOf(l) < nplOf(r) || npl(x) != nplOf(r) + 1 || leftNpl(x) != nplOf(l) || rightNpl(x) != nplOf(r))
        {
            throw new IllegalStateException("node " + x + " npl " + npl(x) + " (children " + leftNpl(x) + ", " + rightNpl(x) +
                ") with children npl " + nplOf(l) + ", " + nplOf(r));
        }
        return 1 + verifyNode(l) + verifyNode(r);
    }

    private void verifyChild(final int x, final int c)
    {
        if (c != NIL && (parent(c) != x || key(c) > key(x)))
        {
            throw new IllegalStateException("node " + c + " under " + x + ": parent " + parent(c) + ", key " + key(c) +
                " above " + key(x));
        }
    }

    private void detach(final int n)
    {
        final int o = n * NODE_LENGTH;
        nodes.putLong(o + KEY_OFFSET, 0);
        nodes.putInt(o + LEFT_OFFSET, NIL);
        nodes.putInt(o + RIGHT_OFFSET, NIL);
        nodes.putInt(o + PARENT_OFFSET, OUTSIDE);
        nodes.putByte(o + NPL_OFFSET, (byte)0);
        nodes.putByte(o + LEFT_NPL_OFFSET, (byte)0);
        nodes.putByte(o + RIGHT_NPL_OFFSET, (byte)0);
    }

    private void key(final int n, final long value)
    {
        nodes.putLong(n * NODE_LENGTH + KEY_OFFSET, value);
    }

    private int left(final int n)
    {
        return nodes.getInt(n * NODE_LENGTH + LEFT_OFFSET);
    }

    private void left(final int n, final int value)
    {
        nodes.putInt(n * NODE_LENGTH + LEFT_OFFSET, value);
    }

    private int right(final int n)
    {
        return nodes.getInt(n * NODE_LENGTH + RIGHT_OFFSET);
    }

    private void right(final int n, final int value)
    {
        nodes.putInt(n * NODE_LENGTH + RIGHT_OFFSET, value);
    }

    private int parent(final int n)
    {
        return nodes.getInt(n * NODE_LENGTH + PARENT_OFFSET);
    }

    private void parent(final int n, final int value)
    {
        nodes.putInt(n * NODE_LENGTH + PARENT_OFFSET, value);
    }

    private int npl(final int n)
    {
        return nodes.getByte(n * NODE_LENGTH + NPL_OFFSET);
    }

    private void npl(final int n, final int value)
    {
        nodes.putByte(n * NODE_LENGTH + NPL_OFFSET, (byte)value);
    }

    private int leftNpl(final int n)
    {
        return nodes.getByte(n * NODE_LENGTH + LEFT_NPL_OFFSET);
    }

    private void leftNpl(final int n, final int value)
    {
        nodes.putByte(n * NODE_LENGTH + LEFT_NPL_OFFSET, (byte)value);
    }

    private int rightNpl(final int n)
    {
        return nodes.getByte(n * NODE_LENGTH + RIGHT_NPL_OFFSET);
    }

    private void rightNpl(final int n, final int value)
    {
        nodes.putByte(n * NODE_LENGTH + RIGHT_NPL_OFFSET, (byte)value);
    }

    private int nplOf(final int node)
    {
        return node == NIL ? 0 : npl(node);
    }

    /** Melds two heaps (either may be NIL) and returns the root; the root's parent is left to the caller. */
    private int meld(final int a, final int b)
    {
        if (a == NIL)
        {
            return b;
        }
        if (b == NIL)
        {
            return a;
        }
        int top = a;
        int other = b;
        if (key(b) > key(a) || (key(b) == key(a) && b < a))
        {
            top = b;
            other = a;
        }
        final int r = meld(right(top), other);
        parent(r, top);
        final int rNpl = npl(r);
        final int lNpl = leftNpl(top);
        if (lNpl < rNpl)
        {
            right(top, left(top));
            rightNpl(top, lNpl);
            left(top, r);
            leftNpl(top, rNpl);
            npl(top, lNpl + 1);
        }
        else
        {
            right(top, r);
            rightNpl(top, rNpl);
            npl(top, rNpl + 1);
        }
        return top;
    }

    /** Restores the leftist shape and npl from {@code from} upward after one of its children changed. */
    private void fixUp(final int from)
    {
        int x = from;
        while (x != NIL)
        {
            final int lNpl = leftNpl(x);
            final int rNpl = rightNpl(x);
            if (lNpl < rNpl)
            {
                final int l = left(x);
                left(x, right(x));
                right(x, l);
                leftNpl(x, rNpl);
                rightNpl(x, lNpl);
            }
            final int updated = Math.min(lNpl, rNpl) + 1;
            if (updated == npl(x))
            {
                return;
            }
            npl(x, updated);
            final int p = parent(x);
            if (p != NIL)
            {
                if (left(p) == x)
                {
                    leftNpl(p, updated);
                }
                else
                {
                    rightNpl(p, updated);
                }
            }
            x = p;
        }
    }
}
