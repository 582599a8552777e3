package io.marginengine.engine.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HolderIndexTest
{
    @Test
    void walksHoldersInSlotOrderAcrossWordsAndStopsAtTheLimit()
    {
        final HolderIndex index = new HolderIndex(200, 3);
        index.add(1, 130);
        index.add(1, 0);
        index.add(1, 64);
        index.add(1, 5);
        index.add(2, 63);

        assertEquals(0, index.next(1, 0, 200));
        assertEquals(5, index.next(1, 1, 200));
        assertEquals(64, index.next(1, 6, 200));
        assertEquals(130, index.next(1, 65, 200));
        assertEquals(HolderIndex.NONE, index.next(1, 131, 200));
        assertEquals(HolderIndex.NONE, index.next(1, 6, 64), "slot 64 is at the limit, not below it");
        assertEquals(HolderIndex.NONE, index.next(0, 0, 200), "instrument slot 0 has no holders");
        assertEquals(63, index.next(2, 0, 200));
        assertEquals(HolderIndex.NONE, index.next(2, 64, 200));

        index.remove(1, 64);
        assertEquals(130, index.next(1, 6, 200));
        assertFalse(index.holds(1, 64));
        assertTrue(index.holds(1, 130));
    }

    @Test
    void accountStoreKeepsTheIndexInStepWithInsertRemoveAndRestore()
    {
        final AccountStore accounts = new AccountStore(10, 4, 5);
        final int a = accounts.add(7);
        final int b = accounts.add(8);
        final int p = accounts.insertPosition(a, 42, 3);
        accounts.insertPosition(b, 42, 3);
        accounts.insertPosition(b, 41, 2);
        assertTrue(accounts.holders().holds(3, a));
        assertTrue(accounts.holders().holds(3, b));
        assertTrue(accounts.holders().holds(2, b));

        accounts.save(a);
        accounts.removePosition(a, p);
        assertFalse(accounts.holders().holds(3, a));
        accounts.insertPosition(a, 40, 1);
        assertTrue(accounts.holders().holds(1, a));

        // an input refused half way puts the record back: the index must follow it
        accounts.restore(a);
        assertTrue(accounts.holders().holds(3, a), "the restored position on instrument slot 3 is held again");
        assertFalse(accounts.holders().holds(1, a), "the position inserted after the save is gone");
        assertEquals(1, accounts.positionCount(a));
    }
}
