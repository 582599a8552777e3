package io.marginengine.engine.logic;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@link SlotSort} gives what sorting and removing repeats with the JDK gives, at every size. */
class SlotSortProperties
{
    @Property(tries = 300)
    void sortsAndDropsRepeats(@ForAll @Size(max = 300) final List<@IntRange(min = 0, max = 500) Integer> values)
    {
        final int[] a = values.stream().mapToInt(Integer::intValue).toArray();
        final int[] expected = Arrays.stream(a).sorted().distinct().toArray();
        final int n = SlotSort.sortDistinct(a, a.length);
        assertArrayEquals(expected, Arrays.copyOf(a, n), "input " + values);
    }
}
