package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.HolderIndex;
import io.marginengine.engine.state.InstrumentStore;

/**
 * Evaluates many ladders in the one order docs/RULES.md section 4 fixes: accounts in
 * creation order (slot order); within an account the cross ladder first, then isolated
 * ladders by instrument id. A sweep over an instrument's holders walks the account store's
 * {@link HolderIndex} in slot order, so it touches only the accounts that hold it.
 */
public final class LadderSweep
{
    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final HolderIndex index;
    private final MarginCalculator calculator;
    private final CallLadder ladder;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas (for validation passes).
     * @param ladder      the procedure.
     */
    public LadderSweep(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator, final CallLadder ladder)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.index = accounts.holders();
        this.calculator = calculator;
        this.ladder = ladder;
    }

    /**
     * Evaluates every ladder that holds a non-zero position on an instrument.
     *
     * @param instrumentId instrument id.
     * @param now          input time.
     */
    public void holders(final int instrumentId, final long now)
    {
        final int n = accounts.count();
        final int inst = instruments.slotOf(instrumentId);
        for (int slot = index.next(inst, 0, n); slot != HolderIndex.NONE; slot = index.next(inst, slot + 1, n))
        {
            final int p = accounts.findPosition(slot, instrumentId);
            if (p != AccountStore.MISSING && accounts.qty(p) != 0)
            {
                ladder.evaluate(slot, accounts.isIsolated(p) ? p : AccountStore.MISSING, now);
            }
        }
    }

    /**
     * Evaluates, in the global order, every ladder holding a non-zero position on an
     * instrument together with one more ladder of one account (a fill's own ladder, which may
     * have just closed its position on the instrument).
     *
     * @param instrumentId     instrument id.
     * @param slot             account slot of the extra ladder.
     * @param isolatedPosition its isolated position, or MISSING for its cross ladder.
     * @param now              input time.
     */
    public void holdersAnd(final int instrumentId, final int slot, final int isolatedPosition, final long now)
    {
        final int n = accounts.count();
        final int inst = instruments.slotOf(instrumentId);
        boolean ownDone = false;
        for (int s = index.next(inst, 0, n); s != HolderIndex.NONE; s = index.next(inst, s + 1, n))
        {
            if (!ownDone && s >= slot)
            {
                ladder.evaluate(slot, isolatedPosition, now);
                ownDone = true;
                if (s == slot)
                {
                    continue;
                }
            }
            final int p = accounts.findPosition(s, instrumentId);
            if (p != AccountStore.MISSING && accounts.qty(p) != 0)
            {
                ladder.evaluate(s, accounts.isIsolated(p) ? p : AccountStore.MISSING, now);
            }
        }
        if (!ownDone)
        {
            ladder.evaluate(slot, isolatedPosition, now);
        }
    }

    /**
     * Computes, without changing anything, every ladder that holds a non-zero position on an
     * instrument, so that an input that would overflow one of them is refused before it
     * takes effect.
     *
     * @param instrumentId instrument id.
     * @throws ArithmeticOverflowException when one of them does not fit.
     */
    public void validateHolders(final int instrumentId)
    {
        final int n = accounts.count();
        final int inst = instruments.slotOf(instrumentId);
        for (int slot = index.next(inst, 0, n); slot != HolderIndex.NONE; slot = index.next(inst, slot + 1, n))
        {
            final int p = accounts.findPosition(slot, instrumentId);
            if (p != AccountStore.MISSING && accounts.qty(p) != 0)
            {
                calculator.ladder(slot, accounts.isIsolated(p) ? p : AccountStore.MISSING);
            }
        }
    }

    /**
     * Evaluates every ladder of every account.
     *
     * @param now input time.
     */
    public void all(final long now)
    {
        final int n = accounts.count();
        for (int slot = 0; slot < n; slot++)
        {
            ladder.evaluate(slot, AccountStore.MISSING, now);
            final int positions = accounts.positionCount(slot);
            for (int i = 0; i < positions; i++)
            {
                final int p = accounts.position(slot, i);
                if (accounts.isIsolated(p))
                {
                    ladder.evaluate(slot, p, now);
                }
            }
        }
    }
}
