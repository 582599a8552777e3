package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;

import static io.marginengine.engine.logic.Int128Math.CEILING;
import static io.marginengine.engine.logic.Int128Math.FLOOR;

/**
 * The formulas of SPEC sections 2 and 3 with the rounding of docs/RULES.md section 2:
 * notional, unrealized PnL, tiered maintenance and initial requirements per position, and
 * their sums per ladder (the cross part of an account, or one isolated position).
 * <p>
 * Results are left in public fields rather than returned in objects, so that evaluating a
 * ladder allocates nothing; they stay valid until the next call. Every step is exact and
 * throws {@link ArithmeticOverflowException} rather than wrap.
 */
public final class MarginCalculator
{
    /** Decimal places of money (balances, PnL, margin, fees, the fund). */
    public static final int MONEY_SCALE = 8;
    /** Decimal places of rates (imr, mmr, fee and funding rates, levels, multiplier). */
    public static final int RATE_SCALE = 8;
    /** 1.0 at rate scale. */
    public static final long RATE_ONE = 100_000_000L;

    private final InstrumentStore instruments;
    private final AccountStore accounts;
    private final long[] openNotional;

    /** Wallet backing the last evaluated ladder (WB or IWB). */
    public long wallet;
    /** Equity of the last evaluated ladder. */
    public long equity;
    /** Maintenance requirement of the last evaluated ladder. */
    public long maintenance;
    /** Initial requirement of the last evaluated ladder. */
    public long initial;
    /** Non-zero positions of the last evaluated ladder. */
    public int openPositions;
    /** Offset of the position with the largest MM (ties: lower instrument id), or MISSING. */
    public int largestPosition;

    /** Notional of the last {@link #position(int)}. */
    public long positionNotional;
    /** Unrealized PnL of the last {@link #position(int)}. */
    public long positionUpnl;
    /** MM of the last {@link #position(int)}. */
    public long positionMaintenance;
    /** IM of the last {@link #position(int)}. */
    public long positionInitial;

    /**
     * @param instruments instrument store.
     * @param accounts    account store.
     */
    public MarginCalculator(final InstrumentStore instruments, final AccountStore accounts)
    {
        this.instruments = instruments;
        this.accounts = accounts;
        this.openNotional = new long[accounts.maxPositions()];
    }

    /**
     * Notional of an open position of the last evaluated ladder, so that what follows an
     * evaluation (the trigger index) need not compute it again.
     *
     * @param k 0 to {@link #openPositions} - 1, in the order the ladder visits its positions
     *          (the account's position order, isolated and flat ones skipped for the cross part).
     * @return notional, money.
     */
    public long openNotional(final int k)
    {
        return openNotional[k];
    }

    /**
     * {@code ceil$(|q| x P x m)}.
     *
     * @param inst   instrument slot.
     * @param qtyAbs |q|, qty raw.
     * @param price  price raw.
     * @return notional, money, rounded up.
     */
    public long notional(final int inst, final long qtyAbs, final long price)
    {
        return Int128Math.mulDiv(Int128Math.multiply(qtyAbs, instruments.num(inst)), price, instruments.den(inst), CEILING);
    }

    /**
     * {@code floor$((q x P - C) x m)}: unrealized PnL, or realized PnL of a closed part.
     *
     * @param inst  instrument slot.
     * @param qty   signed quantity, qty raw.
     * @param cost  signed cost of that quantity, qty raw x price raw.
     * @param price price raw.
     * @return PnL, money, rounded toward negative infinity.
     */
    public long pnl(final int inst, final long qty, final long cost, final long price)
    {
        final long num = instruments.num(inst);
        return Int128Math.mulSubDiv(Int128Math.multiply(qty, num), price, Int128Math.multiply(cost, num), instruments.den(inst), FLOOR);
    }

    /**
     * Tiered requirement {@code ceil$(N x rate[t]) - cum[t]}.
     *
     * @param inst     instrument slot.
     * @param notional N, money.
     * @param initial  true for IM (imr, cumIm), false for MM (mmr, cum).
     * @return requirement, money.
     */
    public long requirement(final int inst, final long notional, final boolean initial)
    {
        final int t = instruments.tierOf(inst, notional);
        return requirementAtTier(inst, notional, initial, t);
    }

    /**
     * Requirement at a given tier.
     *
     * @param inst     instrument slot.
     * @param notional N, money.
     * @param initial  true for IM.
     * @param tier     tier index.
     * @return requirement, money.
     */
    public long requirementAtTier(final int inst, final long notional, final boolean initial, final int tier)
    {
        final long rate = initial ? instruments.tierImr(inst, tier) : instruments.tierMmr(inst, tier);
        final long cum = initial ? instruments.tierCumIm(inst, tier) : instruments.tierCum(inst, tier);
        return Int128Math.subtract(Int128Math.mulDiv(notional, rate, RATE_ONE, CEILING), cum);
    }

    /**
     * Cost removed when {@code k} of {@code |q|} is closed: {@code ceil(C x k / |q|)}.
     *
     * @param cost   signed cost of the position.
     * @param k      closed quantity, positive, at most {@code qtyAbs}.
     * @param qtyAbs |q|.
     * @return removed cost, signed.
     */
    public static long removedCost(final long cost, final long k, final long qtyAbs)
    {
        return Int128Math.mulDiv(cost, k, qtyAbs, CEILING);
    }

    /**
     * Evaluates one position at its instrument's mark into the {@code position*} fields.
     *
     * @param position position offset.
     */
    public void position(final int position)
    {
        final int inst = accounts.instrumentSlot(position);
        positionAt(position, instruments.mark(inst));
    }

    /**
     * Evaluates one position at a given price into the {@code position*} fields.
     *
     * @param position position offset.
     * @param price    price raw.
     */
    public void positionAt(final int position, final long price)
    {
        final int inst = accounts.instrumentSlot(position);
        final long qty = accounts.qty(position);
        if (qty == 0)
        {
            positionNotional = 0;
            positionUpnl = 0;
            positionMaintenance = 0;
            positionInitial = 0;
            return;
        }
        positionNotional = notional(inst, Math.abs(qty), price);
        positionUpnl = pnl(inst, qty, accounts.cost(position), price);
        positionMaintenance = requirement(inst, positionNotional, false);
        positionInitial = requirement(inst, positionNotional, true);
    }

    /**
     * Evaluates a ladder: the cross part of an account when {@code isolatedPosition} is
     * {@link AccountStore#MISSING}, else that isolated position.
     *
     * @param accountSlot      account slot.
     * @param isolatedPosition isolated position offset, or MISSING for the cross part.
     */
    public void ladder(final int accountSlot, final int isolatedPosition)
    {
        if (isolatedPosition == AccountStore.MISSING)
        {
            cross(accountSlot);
        }
        else
        {
            isolated(isolatedPosition);
        }
    }

    /**
     * Evaluates the cross part of an account.
     *
     * @param accountSlot account slot.
     */
    public void cross(final int accountSlot)
    {
        final long wb = accounts.wallet(accountSlot);
        long e = wb;
        long mm = 0;
        long im = 0;
        int open = 0;
        int largest = AccountStore.MISSING;
        long largestMm = -1;
        final int n = accounts.positionCount(accountSlot);
        for (int i = 0; i < n; i++)
        {
            final int p = accounts.position(accountSlot, i);
            if (accounts.isIsolated(p) || accounts.qty(p) == 0)
            {
                continue;
            }
            position(p);
            e = Int128Math.add(e, positionUpnl);
            mm = Int128Math.add(mm, positionMaintenance);
            im = Int128Math.add(im, positionInitial);
            openNotional[open] = positionNotional;
            open++;
            if (positionMaintenance > largestMm)
            {
                largestMm = positionMaintenance;
                largest = p;
            }
        }
        wallet = wb;
        equity = e;
        maintenance = mm;
        initial = im;
        openPositions = open;
        largestPosition = largest;
    }

    /**
     * Evaluates an isolated position as its own ladder.
     *
     * @param position position offset.
     */
    public void isolated(final int position)
    {
        final long iwb = accounts.isolatedWallet(position);
        position(position);
        wallet = iwb;
        equity = Int128Math.add(iwb, positionUpnl);
        maintenance = positionMaintenance;
        initial = positionInitial;
        final boolean open = accounts.qty(position) != 0;
        openNotional[0] = positionNotional;
        openPositions = open ? 1 : 0;
        largestPosition = open ? position : AccountStore.MISSING;
    }
}
