package io.marginengine.engine.logic;

/**
 * Sorts account slots in place, without allocating, and drops repeats: the ladders one tick
 * must evaluate, put in the global order of docs/RULES.md section 4. Insertion sort for a few,
 * heapsort (O(k log k), no extra memory) beyond.
 */
final class SlotSort
{
    private static final int INSERTION_LIMIT = 24;

    private SlotSort()
    {
    }

    /**
     * Sorts {@code a[0, n)} ascending and removes repeated values.
     *
     * @param a values.
     * @param n how many.
     * @return how many distinct values are left at the front.
     */
    static int sortDistinct(final int[] a, final int n)
    {
        if (n < 2)
        {
            return n;
        }
        if (n <= INSERTION_LIMIT)
        {
            insertion(a, n);
        }
        else
        {
            heapsort(a, n);
        }
        int kept = 1;
        for (int i = 1; i < n; i++)
        {
            if (a[i] != a[kept - 1])
            {
                a[kept++] = a[i];
            }
        }
        return kept;
    }

    private static void insertion(final int[] a, final int n)
    {
        for (int i = 1; i < n; i++)
        {
            final int v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v)
            {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static void heapsort(final int[] a, final int n)
    {
        for (int i = (n >>> 1) - 1; i >= 0; i--)
        {
            siftDown(a, i, n);
        }
        for (int end = n - 1; end > 0; end--)
        {
            final int top = a[0];
            a[0] = a[end];
            a[end] = top;
            siftDown(a, 0, end);
        }
    }

    private static void siftDown(final int[] a, final int from, final int size)
    {
        final int v = a[from];
        int i = from;
        final int half = size >>> 1;
        while (i < half)
        {
            int child = 2 * i + 1;
            if (child + 1 < size && a[child + 1] > a[child])
            {
                child++;
            }
            if (a[child] <= v)
            {
                break;
            }
            a[i] = a[child];
            i = child;
        }
        a[i] = v;
    }
}
