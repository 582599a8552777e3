package io.marginengine.engine.logic;

import io.marginengine.engine.state.InstrumentStore;

import static io.marginengine.engine.logic.Int128Math.CEILING;
import static io.marginengine.engine.logic.Int128Math.FLOOR;

/**
 * The price band of one position inside which its ladder provably stays uncalled and its
 * figures provably fit 64 bits (docs/SURVEILLANCE.md sections 2 and 3).
 * <p>
 * A position gets a share {@code s} (money) of its ladder's headroom
 * {@code H = E - ceil(callLevel x MM)}. Its contribution to {@code E - callLevel x MM} is
 * {@code f(P) = uPnL(P) - callLevel x MM(P)}; the band is a set of prices where
 * {@code f(P0) - f(P) <= s}, P0 the current mark. In notional {@code x = |q| x m x P}, the
 * exact (unrounded) loss is
 * <pre>
 *   D(x) = callLevel x (MMe(x) - MMe(x0)) - side x (x - x0)
 * </pre>
 * with {@code MMe} the continuous tiered maintenance function (slope {@code mmr[t]} in tier
 * {@code t}); the engine's rounded figures differ from it by at most
 * {@code sigma = 1 + ceil(callLevel x (tiers + 1))} money units, so the band is computed for
 * the budget {@code b = s - sigma}:
 * <ul>
 * <li>below P0, a long loses at most {@code x0 - x} (its MM only falls): the band reaches
 * {@code P0 - floor(b / (|q| x m))}; a short only gains: no lower trigger;</li>
 * <li>above P0, the loss grows by {@code max(0, callLevel x mmr[t] - side)} per unit of notional
 * in tier {@code t}: the tiers are walked from the current one, paying each crossed segment
 * rounded up, until the budget is spent; a long whose every higher tier has
 * {@code callLevel x mmr <= 1} only gains: no upper trigger.</li>
 * </ul>
 * All arithmetic is exact integer arithmetic, rounded toward the current price; a result that
 * does not fit 64 bits means "no trigger that way". Nothing here allocates.
 */
public final class TriggerPrices
{
    /** No lower trigger: no positive price crosses it. */
    public static final long NO_LOWER = Long.MIN_VALUE;
    /** No upper trigger. */
    public static final long NO_UPPER = Long.MAX_VALUE;
    /** {@code 1e16}: a rate times a level, both at scale 8, at scale 16. */
    static final long SCALE_16 = MarginCalculator.RATE_ONE * MarginCalculator.RATE_ONE;

    private final InstrumentStore instruments;

    /** Lowest price of the last band computed, or {@link #NO_LOWER}. */
    public long lower;
    /** Highest price of the last band computed, or {@link #NO_UPPER}. */
    public long upper;

    /**
     * @param instruments instrument store (tiers, money factor).
     */
    public TriggerPrices(final InstrumentStore instruments)
    {
        this.instruments = instruments;
    }

    /**
     * Slack for the engine's rounding: {@code 1 + ceil(callLevel x (tiers + 1))} money units
     * (uPnL floors by less than one unit; MM exceeds the continuous function by less than one
     * unit for the notional's ceiling, one for the requirement's ceiling and one per floored
     * {@code cum} term).
     *
     * @param inst      instrument slot.
     * @param callLevel call level, scale 8.
     * @return slack, money.
     */
    public long slack(final int inst, final long callLevel)
    {
        final long tiersPlusOne = instruments.tierCount(inst) + 1;
        return 1 + Int128Math.mulDiv(callLevel, tiersPlusOne, MarginCalculator.RATE_ONE, CEILING);
    }

    /**
     * Computes the band of a position of a NORMAL ladder into {@link #lower} and {@link #upper};
     * the band always holds {@code price}.
     *
     * @param inst      instrument slot.
     * @param qty       signed quantity, non-zero.
     * @param price     the current mark P0, positive.
     * @param share     the position's share of the ladder's headroom, money, at least 0.
     * @param callLevel call level, scale 8.
     */
    public void band(final int inst, final long qty, final long price, final long share, final long callLevel)
    {
        final long budget = share - slack(inst, callLevel);
        if (budget < 0)
        {
            lower = price;
            upper = price;
            return;
        }
        final long k = Int128Math.multiply(Math.abs(qty), instruments.num(inst));
        final long den = instruments.den(inst);
        if (qty > 0)
        {
            final long reach = mulDivOrMax(budget, den, k, FLOOR);
            lower = reach >= price ? NO_LOWER : price - reach;
        }
        else
        {
            lower = NO_LOWER;
        }
        final long top = upperReach(inst, k, den, qty > 0 ? 1 : -1, price, budget, callLevel);
        upper = top == NO_UPPER ? NO_UPPER : Math.max(top, price);
    }

    /**
     * Highest price whose notional stays within what the budget pays for, walking the tiers up
     * from the current notional (floored, which can only make the walk pay more).
     */
    private long upperReach(
        final int inst, final long k, final long den, final int side, final long price, final long budget,
        final long callLevel)
    {
        final int tiers = instruments.tierCount(inst);
        long x = Int128Math.mulDiv(k, price, den, FLOOR);
        int t = instruments.tierOf(inst, x);
        long remaining = budget;
        while (true)
        {
            final long slope = callLevel * instruments.tierMmr(inst, t) - side * SCALE_16;
            final boolean last = t + 1 >= tiers;
            if (slope <= 0)
            {
                if (last)
                {
                    return NO_UPPER;
                }
                t++;
                x = instruments.tierFloor(inst, t);
                continue;
            }
            if (!last)
            {
                final long next = instruments.tierFloor(inst, t + 1);
                final long cost = mulDivOrMax(slope, next - x, SCALE_16, CEILING);
                if (cost <= remaining)
                {
                    remaining -= cost;
                    t++;
                    x = next;
                    continue;
                }
            }
            final long dx = mulDivOrMax(remaining, SCALE_16, slope, FLOOR);
            if (dx > Long.MAX_VALUE - x)
            {
                return NO_UPPER;
            }
            final long p = mulDivOrMax(x + dx, den, k, FLOOR);
            return p == Long.MAX_VALUE ? NO_UPPER : p;
        }
    }

    /**
     * The highest price at which a position's notional stays within {@code limit}:
     * {@code floor(limit / (|q| x m))} in price units.
     *
     * @param inst   instrument slot.
     * @param qtyAbs |q|, positive.
     * @param limit  notional limit, money, positive.
     * @return price raw, or {@link #NO_UPPER}.
     */
    public long notionalCeiling(final int inst, final long qtyAbs, final long limit)
    {
        final long k = Int128Math.multiply(qtyAbs, instruments.num(inst));
        return mulDivOrMax(limit, instruments.den(inst), k, FLOOR);
    }

    /** {@code a x b / c} rounded as asked, or {@code Long.MAX_VALUE} when it does not fit (a, b, c positive). */
    static long mulDivOrMax(final long a, final long b, final long c, final int rounding)
    {
        try
        {
            return Int128Math.mulDiv(a, b, c, rounding);
        }
        catch (final ArithmeticOverflowException ex)
        {
            return Long.MAX_VALUE;
        }
    }
}
