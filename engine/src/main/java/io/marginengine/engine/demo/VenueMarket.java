package io.marginengine.engine.demo;

import io.marginengine.engine.logic.InputNumbers;

import java.util.SplittableRandom;

/**
 * The simulated market's prices: per instrument a mark in ticks that follows the market
 * factor times the instrument's beta plus its own mean-reverting random walk. The market
 * factor has the story the demo tells, in fractions of the run: a crash (a sharp fall of 8%
 * from 40% to 45% of the steps, then a grind to 12% down by 55%), a rebound (58% to 68%,
 * back to 3% down), and a short squeeze
 * on three instruments (up 25% from 75% to 85%, fading by 93%). One instrument's feed stops
 * for a while during the crash, so its price goes stale and liquidations on it wait.
 * All arithmetic is in integers: moves are in parts per million.
 */
final class VenueMarket
{
    private static final long PPM = 1_000_000L;
    private static final long CRASH_BOTTOM_PPM = -120_000;
    private static final long REBOUND_PPM = -30_000;
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT",
        "ADAUSDT", "AVAXUSDT", "LINKUSDT", "DOTUSDT", "TRXUSDT", "LTCUSDT", "BCHUSDT", "NEARUSDT", "ATOMUSDT",
        "UNIUSDT", "APTUSDT", "ARBUSDT", "OPUSDT", "FILUSDT"};
    /** Start prices in units of 1e-5. */
    private static final long[] START_E5 = {6_500_000_000L, 320_000_000L, 15_000_000L, 58_000_000L, 60_000L, 15_000L,
        45_000L, 3_500_000L, 1_500_000L, 700_000L, 12_000L, 8_500_000L, 45_000_000L, 550_000L, 900_000L, 800_000L,
        950_000L, 110_000L, 220_000L, 500_000L};
    /** Squeezed instruments (indexes): SOL, DOGE, APT. */
    private static final int[] SQUEEZED = {2, 5, 16};
    /** The instrument whose feed stops during the crash (index): AVAX. */
    private static final int STALE_INDEX = 7;
    /** Steps the stale feed stays silent. */
    static final int STALE_GAP_STEPS = 12;

    final int count;
    final String[] symbols;
    final int[] priceScale;
    final int[] qtyScale;
    final long[] startTicks;
    final long[] ticks;
    final int[] betaPercent;
    final boolean[] squeezed;
    private final long[] idiosyncraticPpm;
    private final int steps;

    VenueMarket(final int count, final int steps, final SplittableRandom random)
    {
        this.count = count;
        this.steps = steps;
        symbols = new String[count];
        priceScale = new int[count];
        qtyScale = new int[count];
        startTicks = new long[count];
        ticks = new long[count];
        betaPercent = new int[count];
        squeezed = new boolean[count];
        idiosyncraticPpm = new long[count];
        for (int i = 0; i < count; i++)
        {
            final long e5 = i < START_E5.length ? START_E5[i] : 100_000L * (2 + random.nextInt(200));
            symbols[i] = i < SYMBOLS.length ? SYMBOLS[i] : String.format("PERP%02dUSDT", i + 1);
            priceScale[i] = e5 >= 10_000_000L ? 2 : e5 >= 1_000_000L ? 3 : e5 >= 100_000L ? 4 : 5;
            qtyScale[i] = e5 >= 100_000_000L ? 3 : e5 >= 10_000_000L ? 2 : e5 >= 1_000_000L ? 1 : 0;
            startTicks[i] = e5 * InputNumbers.pow10(priceScale[i]) / 100_000L;
            ticks[i] = startTicks[i];
            betaPercent[i] = i == 0 ? 100 : 80 + random.nextInt(71);
        }
        for (final int s : SQUEEZED)
        {
            if (s < count)
            {
                squeezed[s] = true;
            }
        }
    }

    /** @return the instrument id (1-based) of an index. */
    static int id(final int index)
    {
        return index + 1;
    }

    /**
     * Moves every price to its value at a step.
     *
     * @param step   the step, from 1.
     * @param random the simulation's random source.
     */
    void advance(final int step, final SplittableRandom random)
    {
        final long market = marketPpm(step);
        final long squeeze = squeezePpm(step);
        for (int i = 0; i < count; i++)
        {
            final long noise = random.nextInt(-2500, 2501) + random.nextInt(-2500, 2501) + random.nextInt(-2500, 2501);
            idiosyncraticPpm[i] = idiosyncraticPpm[i] * 98 / 100 + noise;
            final long move = market * betaPercent[i] / 100 + (squeezed[i] ? squeeze : 0) + idiosyncraticPpm[i];
            ticks[i] = Math.max(1, startTicks[i] * (PPM + move) / PPM);
        }
    }

    /** @return whether an instrument's feed is silent at a step. */
    boolean silent(final int index, final int step)
    {
        final int from = crashStart() + 2;
        return index == staleIndex() && step >= from && step < from + STALE_GAP_STEPS;
    }

    /** @return the instrument whose feed falls silent: AVAX, or the last one of a smaller venue. */
    int staleIndex()
    {
        return Math.min(STALE_INDEX, count - 1);
    }

    int crashStart()
    {
        return steps * 40 / 100;
    }

    int crashEnd()
    {
        return steps * 55 / 100;
    }

    int reboundStart()
    {
        return steps * 58 / 100;
    }

    int reboundEnd()
    {
        return steps * 68 / 100;
    }

    int squeezeStart()
    {
        return steps * 75 / 100;
    }

    int squeezeEnd()
    {
        return steps * 85 / 100;
    }

    /** @return how far the market factor falls in the crash, in percent. */
    static int crashDepthPercent()
    {
        return (int)(-CRASH_BOTTOM_PPM / 10_000);
    }

    /** @return where the rebound leaves the market factor, in percent below the start. */
    static int reboundPercent()
    {
        return (int)(-REBOUND_PPM / 10_000);
    }

    /**
     * The market factor in ppm of the start: a sharp fall to two thirds of the crash's depth,
     * a slower grind to the bottom, a pause, and the rebound.
     */
    long marketPpm(final int step)
    {
        final long bottom = CRASH_BOTTOM_PPM;
        final long sharp = CRASH_BOTTOM_PPM * 2 / 3;
        final long recovered = REBOUND_PPM;
        final int sharpEnd = steps * 45 / 100;
        final int pauseEnd = reboundStart();
        if (step < crashStart())
        {
            return 0;
        }
        if (step < sharpEnd)
        {
            return sharp * (step - crashStart()) / Math.max(1, sharpEnd - crashStart());
        }
        if (step < crashEnd())
        {
            return sharp + (bottom - sharp) * (step - sharpEnd) / Math.max(1, crashEnd() - sharpEnd);
        }
        if (step < pauseEnd)
        {
            return bottom;
        }
        if (step < reboundEnd())
        {
            return bottom + (recovered - bottom) * (step - pauseEnd) / Math.max(1, reboundEnd() - pauseEnd);
        }
        return recovered;
    }

    private long squeezePpm(final int step)
    {
        final long top = 250_000;
        final int fadeEnd = steps * 93 / 100;
        if (step < squeezeStart() || step >= fadeEnd)
        {
            return 0;
        }
        if (step < squeezeEnd())
        {
            return top * (step - squeezeStart()) / Math.max(1, squeezeEnd() - squeezeStart());
        }
        return top - top * (step - squeezeEnd()) / Math.max(1, fadeEnd - squeezeEnd());
    }
}
