package io.marginengine.engine.state;

import io.marginengine.engine.snapshot.StateImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instrument ids resolve to their slots whatever their size or sign (small ids go through a
 * direct table, the rest through a hash map), before and after the store is restored from an
 * image, and ids in ascending order.
 */
class InstrumentStoreTest
{
    private static final int[] IDS = {7, 0, 4095, 4096, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 123_456};

    @Test
    void everyIdFindsItsSlot()
    {
        final InstrumentStore store = new InstrumentStore(IDS.length);
        for (int i = 0; i < IDS.length; i++)
        {
            assertEquals(InstrumentStore.MISSING, store.slotOf(IDS[i]));
            assertEquals(i, store.add(IDS[i]));
        }
        check(store);
        assertEquals(InstrumentStore.MISSING, store.slotOf(8));
        assertEquals(InstrumentStore.MISSING, store.slotOf(4097));
        assertEquals(Integer.MIN_VALUE, store.id(store.slotInIdOrder(0)));
        assertEquals(Integer.MAX_VALUE, store.id(store.slotInIdOrder(IDS.length - 1)));
    }

    @Test
    void aRestoredStoreFindsTheSameSlotsAndForgetsItsOwn()
    {
        final InstrumentStore source = new InstrumentStore(IDS.length);
        for (final int id : IDS)
        {
            source.add(id);
        }
        final StateImage image = new StateImage(1 << 16);
        source.writeTo(image);
        final InstrumentStore restored = new InstrumentStore(IDS.length);
        restored.add(9);
        image.rewind();
        restored.readFrom(image);
        check(restored);
        assertEquals(InstrumentStore.MISSING, restored.slotOf(9), "an id the image does not hold is gone");
    }

    private static void check(final InstrumentStore store)
    {
        assertEquals(IDS.length, store.count());
        for (int i = 0; i < IDS.length; i++)
        {
            assertEquals(i, store.slotOf(IDS[i]), "instrument " + IDS[i]);
            assertEquals(IDS[i], store.id(i));
        }
    }
}
