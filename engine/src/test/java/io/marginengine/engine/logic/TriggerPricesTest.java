package io.marginengine.engine.logic;

import io.marginengine.engine.state.InstrumentStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Trigger bands worked by hand (docs/SURVEILLANCE.md section 2). The instrument is Binance's
 * BTCUSDT layout: price scale 2, quantity scale 3, multiplier 1, so one raw price step on one
 * raw lot is 1e-5 USD and a position of |q| lots moves {@code K = |q| x 1000} money units (1e-8
 * USD) per raw price step (num 1000, den 1). Tiers: floor 0 / 50,000 / 250,000 USD with mmr
 * 0.4% / 0.5% / 1%. Money below is in USD unless it says units (1e-8 USD).
 */
class TriggerPricesTest
{
    private static final long USD = 100_000_000L;
    private static final long LEVEL_ONE = MarginCalculator.RATE_ONE;

    private final InstrumentStore instruments = new InstrumentStore(4);
    private final TriggerPrices prices = new TriggerPrices(instruments);
    private final int btc = define(1, new long[] {0, 50_000, 250_000}, new long[] {400_000, 500_000, 1_000_000});
    /** Same scales; mmr 1% below 100,000 USD and 2% above. */
    private final int steep = define(2, new long[] {0, 100_000}, new long[] {1_000_000, 2_000_000});

    private int define(final int id, final long[] floorsUsd, final long[] mmrs)
    {
        final int slot = instruments.add(id);
        instruments.define(slot, 2, 3, floorsUsd.length, LEVEL_ONE, 1000, 1, 0, 0, 0, 0);
        for (int t = 0; t < floorsUsd.length; t++)
        {
            instruments.tier(slot, t, floorsUsd[t] * USD, 2 * mmrs[t], mmrs[t], 0, 0);
        }
        return slot;
    }

    /** 1 + ceil(callLevel x (tiers + 1)) units: 1 for uPnL's floor, the rest for MM's ceilings and floored cum. */
    @Test
    void slackCoversTheRoundingOfUpnlAndOfEveryTier()
    {
        assertEquals(1 + 4, prices.slack(btc, LEVEL_ONE));
        assertEquals(1 + 6, prices.slack(btc, 3 * LEVEL_ONE / 2));
        assertEquals(1 + 300, prices.slack(steep, 100 * LEVEL_ONE));
    }

    /**
     * Long 1 BTC at 60,000 with 9,760 USD of headroom: budget 9,760 USD - 5 units; the price may
     * fall floor(975,999,999,995 / 1,000,000) = 975,999 steps: lower 60,000.00 - 9,759.99 =
     * 50,240.01. MM only falls with the price, so the long's loss is at most its PnL. Above: at
     * callLevel 1 every tier gains (1 - mmr > 0), so no upper trigger.
     */
    @Test
    void longFallsByItsBudgetOverItsQuantity()
    {
        prices.band(btc, 1_000, 6_000_000, 9_760 * USD, LEVEL_ONE);
        assertEquals(5_024_001, prices.lower);
        assertEquals(TriggerPrices.NO_UPPER, prices.upper);
    }

    /**
     * Short 1 BTC at 60,000 (tier 1, mmr 0.5%) with 1,000 USD: each USD of notional costs
     * 1 + 0.005 = 1.005 USD, so notional may rise (1,000 USD - 5 units) / 1.005 = 995.02487557 USD,
     * to 60,995.02487557: upper 60,995.02. A short gains as the price falls: no lower trigger.
     */
    @Test
    void shortRisesByItsBudgetOverOnePlusMmr()
    {
        prices.band(btc, -1_000, 6_000_000, 1_000 * USD, LEVEL_ONE);
        assertEquals(TriggerPrices.NO_LOWER, prices.lower);
        assertEquals(6_099_502, prices.upper);
    }

    /**
     * Short 4 BTC at 12,000 (notional 48,000, tier 0) with 10,000 USD: up to the 50,000 floor
     * (price 12,500) costs 2,000 x 1.004 = 2,008 USD; the remaining 7,991.99999995 USD buys
     * 7,991.99999995 / 1.005 = 7,952.23880592 USD of notional in tier 1, i.e. 1,988.05970148 USD
     * of price on 4 BTC: upper 12,500 + 1,988.05 = 14,488.05.
     */
    @Test
    void shortWalksAcrossATierFloor()
    {
        prices.band(btc, -4_000, 1_200_000, 10_000 * USD, LEVEL_ONE);
        assertEquals(TriggerPrices.NO_LOWER, prices.lower);
        assertEquals(1_448_805, prices.upper);
    }

    /**
     * At callLevel 100 a long's maintenance grows faster than its PnL once 100 x mmr > 1: long
     * 1 BTC at 60,000 on the steep instrument, 500 USD, slack 301 units. Tier 0 (100 x 1% = 1) is
     * free; in tier 1 each USD of notional costs 100 x 2% - 1 = 1 USD: upper 100,000 + 499.99999699
     * = 100,499.99. Below: 499.99999699 USD on 1 BTC, lower 59,500.01.
     */
    @Test
    void longGetsAnUpperTriggerWhenTheCallLevelTimesMmrPassesOne()
    {
        prices.band(steep, 1_000, 6_000_000, 500 * USD, 100 * LEVEL_ONE);
        assertEquals(5_950_001, prices.lower);
        assertEquals(10_049_999, prices.upper);
    }

    /** A share smaller than the slack proves nothing beyond the current price: the band is that price. */
    @Test
    void shareBelowTheSlackPinsTheBandToTheCurrentPrice()
    {
        prices.band(btc, 1_000, 6_000_000, 4, LEVEL_ONE);
        assertEquals(6_000_000, prices.lower);
        assertEquals(6_000_000, prices.upper);
        prices.band(btc, -1_000, 6_000_000, 5, LEVEL_ONE);
        assertEquals(TriggerPrices.NO_LOWER, prices.lower);
        assertEquals(6_000_000, prices.upper);
    }

    /** A budget larger than the whole price leaves no lower trigger. */
    @Test
    void longWithMoreHeadroomThanItsValueHasNoLowerTrigger()
    {
        prices.band(btc, 1_000, 6_000_000, 60_000 * USD + 5, LEVEL_ONE);
        assertEquals(TriggerPrices.NO_LOWER, prices.lower);
    }

    /** 2 BTC stay within a notional of 10,000 USD up to floor(1e12 / 2,000,000) = 500,000 steps: 5,000.00. */
    @Test
    void notionalCeilingIsTheLimitOverTheQuantity()
    {
        assertEquals(500_000, prices.notionalCeiling(btc, 2_000, 10_000 * USD));
    }
}
