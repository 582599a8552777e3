package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.HolderIndex;
import io.marginengine.engine.state.InstrumentStore;

/**
 * Evaluates many ladders in the one order docs/RULES.md section 4 fixes: accounts in
 * creation order (slot order); within an account the cross ladder first, then isolated
 * ladders by instrument id.
 * <p>
 * A <em>tick</em> (a mark, or a fill that moves a price before the first mark) is done in two
 * steps: {@link #validateTick} computes every ladder that must be looked at, so that an input
 * that would overflow one of them is refused before it takes effect, then
 * {@link #evaluateTick} (or {@link #evaluateTickAnd}) evaluates them in the global order. With
 * a {@link TriggerIndex} those are the ladders whose trigger the price crossed and the ones
 * that are not NORMAL (docs/SURVEILLANCE.md); without one, every ladder holding the
 * instrument, found by walking the account store's {@link HolderIndex} in slot order (it
 * touches only the accounts that hold it). The outputs are the same.
 */
public final class LadderSweep
{
    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final HolderIndex index;
    private final MarginCalculator calculator;
    private final CallLadder ladder;
    private final TriggerIndex triggers;
    private final int fundSlot;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas (for validation passes).
     * @param ladder      the procedure.
     * @param triggers    the trigger index, or null for plain re-evaluation of every holder.
     * @param fundSlot    slot of the insurance fund.
     */
    public LadderSweep(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final CallLadder ladder, final TriggerIndex triggers, final int fundSlot)
    {
        this.fundSlot = fundSlot;
        this.accounts = accounts;
        this.instruments = instruments;
        this.index = accounts.holders();
        this.calculator = calculator;
        this.ladder = ladder;
        this.triggers = triggers;
    }

    /**
     * First step of a tick, after the instrument's new price is set: computes, without changing
     * anything, every ladder the tick must evaluate.
     *
     * @param instrumentId instrument id.
     * @throws ArithmeticOverflowException when one of them does not fit.
     */
    public void validateTick(final int instrumentId)
    {
        if (triggers == null)
        {
            validateHolders(instrumentId);
            return;
        }
        final int inst = instruments.slotOf(instrumentId);
        final int n = triggers.collect(inst, instruments.mark(inst));
        for (int i = 0; i < n; i++)
        {
            validateHolder(triggers.collected(i), instrumentId);
        }
        // the fund's ladder is never evaluated and has no triggers; its fees, deficits and
        // takeovers change it without an evaluation, so its range is checked here directly
        validateHolder(fundSlot, instrumentId);
    }

    private void validateHolder(final int slot, final int instrumentId)
    {
        final int p = accounts.findPosition(slot, instrumentId);
        if (p != AccountStore.MISSING && accounts.qty(p) != 0)
        {
            calculator.ladder(slot, accounts.isIsolated(p) ? p : AccountStore.MISSING);
        }
    }

    /**
     * Second step of a tick: evaluates, in the global order, the ladders {@link #validateTick}
     * found for the same instrument.
     *
     * @param instrumentId instrument id.
     * @param now          input time.
     */
    public void evaluateTick(final int instrumentId, final long now)
    {
        if (triggers == null)
        {
            holders(instrumentId, now);
            return;
        }
        final int n = triggers.collectedCount();
        for (int i = 0; i < n; i++)
        {
            evaluateHolder(triggers.collected(i), instrumentId, now);
        }
    }

    /**
     * Second step of a tick caused by a fill: evaluates, in the global order, the ladders
     * {@link #validateTick} found together with the fill's own ladder (which may have just
     * closed its position on the instrument).
     *
     * @param instrumentId     instrument id.
     * @param slot             account slot of the fill.
     * @param isolatedPosition its isolated position, or MISSING for its cross ladder.
     * @param now              input time.
     */
    public void evaluateTickAnd(final int instrumentId, final int slot, final int isolatedPosition, final long now)
    {
        if (triggers == null)
        {
            holdersAnd(instrumentId, slot, isolatedPosition, now);
            return;
        }
        final int n = triggers.collectedCount();
        boolean own = false;
        for (int i = 0; i < n; i++)
        {
            final int s = triggers.collected(i);
            if (!own && s >= slot)
            {
                own = true;
                ladder.evaluate(slot, isolatedPosition, now);
                if (s == slot)
                {
                    continue;
                }
            }
            evaluateHolder(s, instrumentId, now);
        }
        if (!own)
        {
            ladder.evaluate(slot, isolatedPosition, now);
        }
    }

    private void evaluateHolder(final int slot, final int instrumentId, final long now)
    {
        final int p = accounts.findPosition(slot, instrumentId);
        if (p != AccountStore.MISSING && accounts.qty(p) != 0)
        {
            ladder.evaluate(slot, accounts.isIsolated(p) ? p : AccountStore.MISSING, now);
        }
    }

    /**
     * Evaluates every ladder that holds a non-zero position on an instrument (funding, which
     * changes every one of them).
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
     * instrument together with one more ladder of one account.
     */
    private void holdersAnd(final int instrumentId, final int slot, final int isolatedPosition, final long now)
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

    /** Computes, without changing anything, every ladder that holds a non-zero position on an instrument. */
    private void validateHolders(final int instrumentId)
    {
        final int n = accounts.count();
        final int inst = instruments.slotOf(instrumentId);
        for (int slot = index.next(inst, 0, n); slot != HolderIndex.NONE; slot = index.next(inst, slot + 1, n))
        {
            validateHolder(slot, instrumentId);
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
