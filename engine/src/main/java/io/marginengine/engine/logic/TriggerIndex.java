package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;

/**
 * Margin surveillance that does not scan (docs/SURVEILLANCE.md): for every open position of
 * every ladder, a price band on its instrument; while every mark of a ladder stays inside its
 * positions' bands and the ladder is not changed, evaluating the ladder provably does nothing
 * (no call, no output) and computing it provably fits 64 bits. A tick on an instrument then
 * needs only the ladders whose band it left, plus the ladders kept <em>always</em>
 * evaluated (not NORMAL, or no band could be proven).
 * <p>
 * Entries: one per open position, {@code maxPositions} per account, entry id
 * {@code slot x maxPositions + j}. An entry is free, <em>armed</em> (its lower bound in the
 * instrument's max-heap of lower bounds, its upper bound negated in the max-heap of upper
 * bounds, each only when finite), or in the instrument's <em>always</em> list.
 * <p>
 * Derived state: nothing here is journaled or snapshotted. {@link #rebuild()} computes it from
 * the stores (after a snapshot restore); {@link #arm(int, int)} must follow every change of a
 * ladder (wallet, positions, status, risk parameters), which {@link CallLadder#evaluate} does
 * for every ladder it evaluates.
 * <p>
 * Not thread safe; nothing allocates after construction.
 */
public final class TriggerIndex
{
    private static final byte FREE = 0;
    private static final byte ARMED = 1;
    private static final byte ALWAYS = 2;
    /** Instrument id stored for the cross ladder's entries (isolated entries hold their instrument id). */
    private static final int CROSS = -1;

    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final RiskParams params;
    private final TriggerPrices prices;
    private final UnsafeBuffer ladders;
    private final int fundSlot;
    private final int maxPositions;
    private final int slackPermille;

    private final TriggerHeaps lowerHeaps;
    private final TriggerHeaps upperHeaps;
    private final byte[] where;
    /** Instrument slot of an entry's position. */
    private final int[] entryInstrument;
    /** CROSS, or the instrument id of the isolated ladder the entry belongs to. */
    private final int[] entryLadder;
    private final int[] alwaysNext;
    private final int[] alwaysPrev;
    private final int[] alwaysHead;

    private final int[] collected;
    private int collectedCount;

    private final int[] scratchPositions;
    private final int[] scratchEntries;
    private final long[] scratchNotional;
    private final long[] scratchLower;
    private final long[] scratchUpper;

    private long armed;
    private long kept;

    /**
     * @param accounts       account store.
     * @param instruments    instrument store.
     * @param calculator     margin formulas.
     * @param params         risk parameters (the call level).
     * @param fundSlot       slot of the insurance fund: its ladder is never evaluated and gets no
     *                       entries ({@link LadderSweep#validateTick} checks its range on every tick).
     * @param maxAccounts    most accounts.
     * @param maxInstruments most instruments.
     * @param slackPermille  how far inside its proven band a moved bound is stored, in thousandths
     *                       of its distance from the mark, 0 to 900 ({@code Context.triggerSlackPermille}).
     */
    public TriggerIndex(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final RiskParams params, final int fundSlot, final int maxAccounts, final int maxInstruments,
        final int slackPermille)
    {
        if (slackPermille < 0 || slackPermille > 900)
        {
            throw new IllegalArgumentException("slackPermille " + slackPermille + " is invalid: expected 0 to 900 thousandths");
        }
        this.slackPermille = slackPermille;
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.params = params;
        this.prices = new TriggerPrices(instruments);
        this.ladders = accounts.buffer();
        this.fundSlot = fundSlot;
        this.maxPositions = accounts.maxPositions();
        final long entries = (long)maxAccounts * maxPositions;
        if (entries > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("trigger index of " + maxAccounts + " accounts x " + maxPositions +
                " positions exceeds 2^31 entries; lower maxAccounts or maxPositionsPerAccount");
        }
        final int n = (int)entries;
        lowerHeaps = new TriggerHeaps(n, maxInstruments, maxAccounts);
        upperHeaps = new TriggerHeaps(n, maxInstruments, maxAccounts);
        where = new byte[n];
        entryInstrument = new int[n];
        entryLadder = new int[n];
        alwaysNext = new int[n];
        alwaysPrev = new int[n];
        alwaysHead = new int[maxInstruments];
        Arrays.fill(alwaysHead, TriggerHeaps.NIL);
        collected = new int[maxAccounts];
        scratchPositions = new int[maxPositions];
        scratchEntries = new int[maxPositions];
        scratchNotional = new long[maxPositions];
        scratchLower = new long[maxPositions];
        scratchUpper = new long[maxPositions];
    }

    /** @return ladder arms since start (a measure of re-arming work). */
    public long armCount()
    {
        return armed;
    }

    /** @return entries put on an always list since start. */
    public long alwaysCount()
    {
        return kept;
    }

    /**
     * Forgets everything and arms every ladder of every account from the stores, as after a
     * snapshot restore. Cost: one ladder computation per ladder.
     */
    public void rebuild()
    {
        lowerHeaps.clear();
        upperHeaps.clear();
        Arrays.fill(where, FREE);
        Arrays.fill(alwaysHead, TriggerHeaps.NIL);
        collectedCount = 0;
        final int n = accounts.count();
        for (int slot = 0; slot < n; slot++)
        {
            armAccount(slot);
        }
    }

    /**
     * Re-arms every ladder of an account: its cross ladder and each isolated one.
     *
     * @param slot account slot.
     */
    public void armAccount(final int slot)
    {
        arm(slot, AccountStore.MISSING);
        final int positions = accounts.positionCount(slot);
        for (int i = 0; i < positions; i++)
        {
            final int p = accounts.position(slot, i);
            if (accounts.isIsolated(p))
            {
                arm(slot, p);
            }
        }
    }

    /**
     * Replaces the bands of one ladder with bands for its current open positions, from the
     * current marks, wallet, status and call level (a stored bound that the new proven band
     * still holds stays where it is in its heap; see {@link #place}). Never throws: a ladder
     * whose band cannot be proven (not NORMAL, called now, near the 64-bit range) is put on its
     * instruments' always lists instead.
     *
     * @param slot             account slot.
     * @param isolatedPosition isolated position, or MISSING for the cross ladder.
     */
    public void arm(final int slot, final int isolatedPosition)
    {
        arm(slot, isolatedPosition, false);
    }

    /**
     * {@link #arm(int, int)}, told whether the calculator still holds this ladder's figures: right
     * after an evaluation that found it NORMAL and left it so, nothing has changed since the
     * calculator computed it, and its equity, maintenance and notionals are used as they are.
     *
     * @param slot             account slot.
     * @param isolatedPosition isolated position, or MISSING for the cross ladder.
     * @param evaluated        true only when {@link MarginCalculator} last computed this very ladder
     *                         and nothing changed since.
     */
    public void arm(final int slot, final int isolatedPosition, final boolean evaluated)
    {
        if (slot == fundSlot)
        {
            return;
        }
        armed++;
        final boolean cross = isolatedPosition == AccountStore.MISSING;
        final int ladderKey = cross ? CROSS : accounts.instrumentId(isolatedPosition);
        int n = 0;
        if (cross)
        {
            final int count = accounts.positionCount(slot);
            for (int i = 0; i < count; i++)
            {
                final int p = accounts.position(slot, i);
                if (!accounts.isIsolated(p) && accounts.qty(p) != 0)
                {
                    scratchPositions[n++] = p;
                }
            }
        }
        else if (accounts.qty(isolatedPosition) != 0)
        {
            scratchPositions[n++] = isolatedPosition;
        }
        matchEntries(slot, ladderKey, n);
        if (n == 0)
        {
            return;
        }
        final boolean banded = bands(slot, isolatedPosition, n, evaluated && calculator.openPositions == n);
        for (int k = 0; k < n; k++)
        {
            final int inst = accounts.instrumentSlot(scratchPositions[k]);
            final long mark = instruments.mark(inst);
            int e = scratchEntries[k];
            if (e == TriggerHeaps.NIL)
            {
                e = allocate(slot, inst, ladderKey);
            }
            if (banded && scratchLower[k] <= mark && mark <= scratchUpper[k])
            {
                place(e, inst, mark, scratchLower[k], scratchUpper[k]);
            }
            else
            {
                keepAlways(e, inst);
            }
        }
    }

    /**
     * Pairs the ladder's existing entries with its {@code n} open positions (into
     * {@code scratchEntries}) and releases the entries of positions it no longer holds, so that
     * a bound the new band still holds can be left where it is in its heap.
     */
    private void matchEntries(final int slot, final int ladderKey, final int n)
    {
        for (int k = 0; k < n; k++)
        {
            scratchEntries[k] = TriggerHeaps.NIL;
        }
        final int base = slot * maxPositions;
        for (int e = base; e < base + maxPositions; e++)
        {
            if (where[e] == FREE || entryLadder[e] != ladderKey)
            {
                continue;
            }
            int match = -1;
            for (int k = 0; k < n; k++)
            {
                if (accounts.instrumentSlot(scratchPositions[k]) == entryInstrument[e])
                {
                    match = k;
                    break;
                }
            }
            if (match < 0)
            {
                release(e);
            }
            else
            {
                scratchEntries[match] = e;
            }
        }
    }

    /**
     * Arms an entry inside its proven band {@code [lower, upper]} (which holds {@code mark}): a
     * stored bound that lies between the mark and the proven bound stays where it is (the band it
     * leaves is inside the proven one, so still proven); any other is moved to the proven bound
     * brought {@link #slackPermille} thousandths of the way toward the mark.
     */
    private void place(final int e, final int inst, final long mark, final long lower, final long upper)
    {
        if (where[e] == ALWAYS)
        {
            unlink(inst, e);
        }
        where[e] = ARMED;
        lowerSide(e, inst, mark, lower);
        upperSide(e, inst, mark, upper);
    }

    private void lowerSide(final int e, final int inst, final long mark, final long lower)
    {
        if (lowerHeaps.contains(e))
        {
            final long stored = lowerHeaps.key(e);
            if (stored >= lower && stored <= mark)
            {
                return;
            }
            lowerHeaps.remove(inst, e);
        }
        if (lower != TriggerPrices.NO_LOWER)
        {
            lowerHeaps.insert(inst, e, lower + inward(mark - lower));
        }
    }

    private void upperSide(final int e, final int inst, final long mark, final long upper)
    {
        if (upperHeaps.contains(e))
        {
            final long stored = -upperHeaps.key(e);
            if (stored <= upper && stored >= mark)
            {
                return;
            }
            upperHeaps.remove(inst, e);
        }
        if (upper != TriggerPrices.NO_UPPER)
        {
            upperHeaps.insert(inst, e, -(upper - inward(upper - mark)));
        }
    }

    /** {@code floor(distance x slackPermille / 1000)}, exact for every distance of 0 or more. */
    private long inward(final long distance)
    {
        return distance / 1000 * slackPermille + distance % 1000 * slackPermille / 1000;
    }

    /** Puts an entry on its instrument's always list (where it may already be). */
    private void keepAlways(final int e, final int inst)
    {
        if (where[e] == ALWAYS)
        {
            return;
        }
        if (where[e] == ARMED)
        {
            removeFromHeaps(e, inst);
        }
        where[e] = ALWAYS;
        kept++;
        link(inst, e);
    }

    /**
     * Bands of the ladder's {@code n} open positions into the scratch arrays; false when none can
     * be proven (the ladder is then evaluated on every tick of its instruments).
     */
    private boolean bands(final int slot, final int isolatedPosition, final int n, final boolean evaluated)
    {
        final int ladder = accounts.ladderOf(slot, isolatedPosition);
        if (LadderDescriptor.status(ladders, ladder) != LadderDescriptor.NORMAL)
        {
            return false;
        }
        try
        {
            final long wallet = isolatedPosition == AccountStore.MISSING ?
                accounts.wallet(slot) : accounts.isolatedWallet(isolatedPosition);
            long equity = wallet;
            long maintenance = 0;
            long notional = 0;
            if (evaluated)
            {
                equity = calculator.equity;
                maintenance = calculator.maintenance;
                for (int k = 0; k < n; k++)
                {
                    scratchNotional[k] = calculator.openNotional(k);
                    notional = Int128Math.add(notional, scratchNotional[k]);
                }
            }
            else
            {
                for (int k = 0; k < n; k++)
                {
                    calculator.position(scratchPositions[k]);
                    equity = Int128Math.add(equity, calculator.positionUpnl);
                    maintenance = Int128Math.add(maintenance, calculator.positionMaintenance);
                    notional = Int128Math.add(notional, calculator.positionNotional);
                    scratchNotional[k] = calculator.positionNotional;
                }
            }
            // each position's notional and entry notional <= limit keep |uPnL| <= 2 limit + 1 and every sum of the ladder in range
            final long limit = (Long.MAX_VALUE - 1 - Math.abs(wallet)) / n / 2 - 1;
            if (limit < 1)
            {
                return false;
            }
            final long headroom = Int128Math.subtract(equity,
                Int128Math.mulDiv(params.callLevel, maintenance, MarginCalculator.RATE_ONE, Int128Math.CEILING));
            if (headroom < 0)
            {
                return false;
            }
            for (int k = 0; k < n; k++)
            {
                if (!bandOf(k, headroom, notional, limit))
                {
                    return false;
                }
            }
            return true;
        }
        catch (final ArithmeticOverflowException ex)
        {
            return false;
        }
    }

    /** One position's band: the margin band for its share of the headroom, capped by its 64-bit ceiling. */
    private boolean bandOf(final int k, final long headroom, final long notional, final long limit)
    {
        final int p = scratchPositions[k];
        final int inst = accounts.instrumentSlot(p);
        final long qty = accounts.qty(p);
        final long mark = instruments.mark(inst);
        final long entryNotional = Int128Math.mulDiv(Math.abs(accounts.cost(p)), instruments.num(inst),
            instruments.den(inst), Int128Math.CEILING);
        if (entryNotional > limit)
        {
            return false;
        }
        final long ceiling = prices.notionalCeiling(inst, Math.abs(qty), limit);
        if (mark > ceiling)
        {
            // already past its share of the range: a tick on another instrument could take the
            // ladder's sums out of 64 bits, so the ladder is computed on every tick
            return false;
        }
        final long share = Int128Math.mulDiv(headroom, scratchNotional[k], notional, Int128Math.FLOOR);
        prices.band(inst, qty, mark, share, params.callLevel);
        scratchLower[k] = prices.lower;
        scratchUpper[k] = Math.min(prices.upper, ceiling);
        return true;
    }

    private void release(final int e)
    {
        final int inst = entryInstrument[e];
        if (where[e] == ARMED)
        {
            removeFromHeaps(e, inst);
        }
        else
        {
            unlink(inst, e);
        }
        where[e] = FREE;
    }

    private void removeFromHeaps(final int e, final int inst)
    {
        if (lowerHeaps.contains(e))
        {
            lowerHeaps.remove(inst, e);
        }
        if (upperHeaps.contains(e))
        {
            upperHeaps.remove(inst, e);
        }
    }

    private int allocate(final int slot, final int inst, final int ladderKey)
    {
        final int base = slot * maxPositions;
        for (int e = base; e < base + maxPositions; e++)
        {
            if (where[e] == FREE)
            {
                entryInstrument[e] = inst;
                entryLadder[e] = ladderKey;
                return e;
            }
        }
        throw new IllegalStateException("account slot " + slot + " has more open positions than maxPositions " + maxPositions);
    }

    private void link(final int inst, final int e)
    {
        final int head = alwaysHead[inst];
        alwaysNext[e] = head;
        alwaysPrev[e] = TriggerHeaps.NIL;
        if (head != TriggerHeaps.NIL)
        {
            alwaysPrev[head] = e;
        }
        alwaysHead[inst] = e;
    }

    private void unlink(final int inst, final int e)
    {
        final int next = alwaysNext[e];
        final int prev = alwaysPrev[e];
        if (prev == TriggerHeaps.NIL)
        {
            alwaysHead[inst] = next;
        }
        else
        {
            alwaysNext[prev] = next;
        }
        if (next != TriggerHeaps.NIL)
        {
            alwaysPrev[next] = prev;
        }
    }

    /**
     * Collects, for a tick of an instrument to {@code price}, the account slots whose ladder
     * holding the instrument must be computed and evaluated: the ones whose band the price left
     * and the always ones, in ascending slot order, each once. Changes nothing; read them with
     * {@link #collected(int)}. Cost: O(1) when nothing is crossed, else O(k log k).
     *
     * @param inst  instrument slot.
     * @param price the new price.
     * @return how many.
     */
    public int collect(final int inst, final long price)
    {
        int n = lowerHeaps.collectAbove(inst, price, collected, 0);
        n = upperHeaps.collectAbove(inst, -price, collected, n);
        for (int e = alwaysHead[inst]; e != TriggerHeaps.NIL; e = alwaysNext[e])
        {
            collected[n++] = e;
        }
        for (int i = 0; i < n; i++)
        {
            collected[i] = collected[i] / maxPositions;
        }
        collectedCount = SlotSort.sortDistinct(collected, n);
        return collectedCount;
    }

    /**
     * @param i index below the count {@link #collect} returned.
     * @return the i-th collected account slot, ascending.
     */
    public int collected(final int i)
    {
        return collected[i];
    }

    /** @return how many the last {@link #collect} gave. */
    public int collectedCount()
    {
        return collectedCount;
    }

    /**
     * Whether an instrument holds an entry for an account, and how: for tests and checks.
     *
     * @param slot account slot.
     * @param inst instrument slot.
     * @return 0 none, 1 armed, 2 always.
     */
    public int state(final int slot, final int inst)
    {
        final int base = slot * maxPositions;
        for (int e = base; e < base + maxPositions; e++)
        {
            if (where[e] != FREE && entryInstrument[e] == inst)
            {
                return where[e];
            }
        }
        return FREE;
    }

    /**
     * The lower bound of an account's armed entry on an instrument: for tests.
     *
     * @param slot account slot.
     * @param inst instrument slot.
     * @return price raw, or {@link TriggerPrices#NO_LOWER}.
     */
    public long lower(final int slot, final int inst)
    {
        final int e = armedEntry(slot, inst);
        return lowerHeaps.contains(e) ? lowerHeaps.key(e) : TriggerPrices.NO_LOWER;
    }

    /**
     * The upper bound of an account's armed entry on an instrument: for tests.
     *
     * @param slot account slot.
     * @param inst instrument slot.
     * @return price raw, or {@link TriggerPrices#NO_UPPER}.
     */
    public long upper(final int slot, final int inst)
    {
        final int e = armedEntry(slot, inst);
        return upperHeaps.contains(e) ? -upperHeaps.key(e) : TriggerPrices.NO_UPPER;
    }

    private int armedEntry(final int slot, final int inst)
    {
        final int base = slot * maxPositions;
        for (int e = base; e < base + maxPositions; e++)
        {
            if (where[e] == ARMED && entryInstrument[e] == inst)
            {
                return e;
            }
        }
        throw new IllegalStateException("account slot " + slot + " has no armed entry on instrument slot " + inst);
    }
}
