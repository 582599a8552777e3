package io.marginengine.engine.logic;

import io.marginengine.engine.state.InstrumentStore;

import static io.marginengine.engine.logic.Int128Math.CEILING;
import static io.marginengine.engine.logic.Int128Math.FLOOR;
import static io.marginengine.engine.logic.Int128Math.HALF_UP;

/**
 * Liquidation and bankruptcy prices of a position (SPEC section 3, docs/RULES.md section 6).
 * <p>
 * With {@code Q = |q| x m}, {@code side = sign(q)} and {@code C x m = side x Q x EP}, in raw
 * integers (money = qtyRaw x priceRaw x num / den):
 * <pre>
 *   LP(t) = ((A + cum[t]) x den - C x num) x 1e8 / (|q| x num x (mmr[t] - side x 1e8))
 *   BP    = (C x num - W' x den) / (q x num)
 * </pre>
 * where {@code A = W - MM_others + uPnL_others} and {@code W' = W + uPnL_others}. The
 * numerators need more than 128 bits in general, so these use {@link Int128Math#wideDiv}.
 */
public final class PriceLevels
{
    /** No such price (it would be at or below zero, or is out of range). */
    public static final long NONE = Long.MIN_VALUE;

    private final InstrumentStore instruments;
    private final MarginCalculator calculator;

    /**
     * @param instruments instrument store.
     * @param calculator  for notionals at candidate prices.
     */
    public PriceLevels(final InstrumentStore instruments, final MarginCalculator calculator)
    {
        this.instruments = instruments;
        this.calculator = calculator;
    }

    /**
     * Bankruptcy price: the mark at which the ladder's equity would be zero. Rounded up for a
     * long, down for a short, so that a fill at it never leaves a deficit.
     *
     * @param inst        instrument slot.
     * @param qty         signed position quantity, non-zero.
     * @param cost        signed position cost.
     * @param walletOther {@code W + uPnL_others}: the ladder's equity without this position's uPnL.
     * @return price raw, or {@link #NONE}.
     */
    public long bankruptcy(final int inst, final long qty, final long cost, final long walletOther)
    {
        try
        {
            final long num = instruments.num(inst);
            final long den = instruments.den(inst);
            final long qn = Int128Math.multiply(Math.abs(qty), num);
            final long price = qty > 0 ?
                Int128Math.mulSubMulDiv(cost, num, walletOther, den, 1, qn, 1, CEILING) :
                Int128Math.mulSubMulDiv(walletOther, den, cost, num, 1, qn, 1, FLOOR);
            return price > 0 ? price : NONE;
        }
        catch (final ArithmeticOverflowException ex)
        {
            return NONE;
        }
    }

    /**
     * Liquidation price: the mark at which the ladder's equity would equal its maintenance
     * requirement, other marks held; rounded half-up to the tick; tier at the price.
     *
     * @param inst    instrument slot.
     * @param qty     signed position quantity, non-zero.
     * @param cost    signed position cost.
     * @param a       {@code W - MM_others + uPnL_others}.
     * @param current the position's current notional, for the fallback tier.
     * @return price raw, or {@link #NONE}.
     */
    public long liquidation(final int inst, final long qty, final long cost, final long a, final long current)
    {
        final int tiers = instruments.tierCount(inst);
        for (int t = 0; t < tiers; t++)
        {
            final long lp = liquidationAtTier(inst, qty, cost, a, t);
            if (lp == NONE || lp <= 0)
            {
                continue;
            }
            if (instruments.tierOf(inst, notionalOrMax(inst, Math.abs(qty), lp)) == t)
            {
                return lp;
            }
        }
        final long lp = liquidationAtTier(inst, qty, cost, a, instruments.tierOf(inst, current));
        return lp > 0 ? lp : NONE;
    }

    private long notionalOrMax(final int inst, final long qtyAbs, final long price)
    {
        try
        {
            return calculator.notional(inst, qtyAbs, price);
        }
        catch (final ArithmeticOverflowException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    private long liquidationAtTier(final int inst, final long qty, final long cost, final long a, final int tier)
    {
        try
        {
            final long num = instruments.num(inst);
            final long den = instruments.den(inst);
            final long mmr = instruments.tierMmr(inst, tier);
            final long aCum = Int128Math.add(a, instruments.tierCum(inst, tier));
            final long qn = Int128Math.multiply(Math.abs(qty), num);
            final long one = MarginCalculator.RATE_ONE;
            return qty > 0 ?
                Int128Math.mulSubMulDiv(cost, num, aCum, den, one, qn, one - mmr, HALF_UP) :
                Int128Math.mulSubMulDiv(aCum, den, cost, num, one, qn, one + mmr, HALF_UP);
        }
        catch (final ArithmeticOverflowException ex)
        {
            return NONE;
        }
    }
}
