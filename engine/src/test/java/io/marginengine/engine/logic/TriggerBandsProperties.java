package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The theorem the trigger index rests on (docs/SURVEILLANCE.md section 2), checked directly: for
 * random ladders (1 to 6 positions on instruments with random scales, multipliers and up to 12
 * tiers, wallets and quantities over many magnitudes, call levels from 0.01 to 100), armed at
 * random marks, every choice of marks inside the armed bands (the ends, just inside them, and
 * anywhere between) leaves the ladder uncalled ({@code E x 1e8 >= callLevel x MM}) and its figures
 * within 64 bits. The engine's own {@link MarginCalculator} gives the figures, so the check covers
 * its rounding. The index stores the proven bands themselves (slack 0), so their ends are the
 * ends checked. Also counts how often a ladder could be armed at all, so a change that arms
 * nothing (trivially sound) fails too.
 */
class TriggerBandsProperties
{
    private static final int INSTRUMENTS = 6;
    private static final int TRIALS = 40;
    private static final long ONE = MarginCalculator.RATE_ONE;

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void marksInsideTheBandsNeverCallTheLadderNorOverflow(@ForAll final long seed)
    {
        // a random seed may draw mostly ladders that cannot be armed (already called, or near
        // the 64-bit range): each must still arm some, and the fixed seed shows the usual share
        run(seed, 1);
    }

    @Example
    void fixedSeed()
    {
        run(20_261_121L, TRIALS / 5);
    }

    private void run(final long seed, final int minimumArmed)
    {
        final Random random = new Random(seed);
        final InstrumentStore instruments = new InstrumentStore(INSTRUMENTS);
        final AccountStore accounts = new AccountStore(TRIALS + 1, INSTRUMENTS, INSTRUMENTS);
        final MarginCalculator calculator = new MarginCalculator(instruments, accounts);
        final RiskParams params = new RiskParams();
        final int fund = accounts.add(0);
        final TriggerIndex index = new TriggerIndex(accounts, instruments, calculator, params, fund, TRIALS + 1, INSTRUMENTS, 0);
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            defineInstrument(random, instruments, i + 1);
        }
        int armedLadders = 0;
        int trials = 0;
        for (int trial = 0; trial < TRIALS; trial++)
        {
            final int slot = accounts.add(trial + 1);
            params.callLevel = random.nextInt(4) == 0 ? 1 + (long)(random.nextDouble() * 100 * ONE) :
                pick(random, ONE, ONE, 11 * ONE / 10, 2 * ONE);
            final boolean isolated = random.nextInt(4) == 0;
            final int n = isolated ? 1 : 1 + random.nextInt(INSTRUMENTS);
            final int first = random.nextInt(INSTRUMENTS);
            int iso = AccountStore.MISSING;
            long notional = 0;
            for (int k = 0; k < n; k++)
            {
                final int inst = (first + k) % INSTRUMENTS;
                final int p = accounts.insertPosition(slot, inst + 1, inst);
                final long qty = magnitude(random, 12) * (random.nextBoolean() ? 1 : -1);
                final long mark = 1 + magnitude(random, 9);
                final long entry = Math.max(1, mark + (long)(mark * (random.nextDouble() - 0.5) * 0.1));
                accounts.qty(p, qty);
                accounts.cost(p, costOf(qty, entry));
                instruments.mark(inst, mark);
                notional = saturatedAdd(notional, notionalOrMax(calculator, inst, Math.abs(qty), mark));
                if (isolated)
                {
                    accounts.isolated(p, true);
                    iso = p;
                }
            }
            setWallet(random, accounts, calculator, params, slot, iso);
            trials++;
            index.arm(slot, iso);
            if (!allArmed(index, accounts, slot, iso))
            {
                continue;
            }
            armedLadders++;
            for (int draw = 0; draw < 30; draw++)
            {
                checkDraw(random, seed, trial, draw, index, accounts, instruments, calculator, params, slot, iso);
            }
        }
        assertTrue(armedLadders >= minimumArmed, "seed " + seed + ": only " + armedLadders + " of " + trials +
            " random ladders could be armed, expected at least " + minimumArmed);
    }

    private static boolean allArmed(final TriggerIndex index, final AccountStore accounts, final int slot, final int iso)
    {
        final int count = accounts.positionCount(slot);
        for (int i = 0; i < count; i++)
        {
            final int p = accounts.position(slot, i);
            if ((iso == AccountStore.MISSING || p == iso) && index.state(slot, accounts.instrumentSlot(p)) != 1)
            {
                return false;
            }
        }
        return true;
    }

    private static void checkDraw(
        final Random random, final long seed, final int trial, final int draw, final TriggerIndex index,
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final RiskParams params, final int slot, final int iso)
    {
        final int count = accounts.positionCount(slot);
        final long[] saved = new long[count];
        final StringBuilder where = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            final int p = accounts.position(slot, i);
            final int inst = accounts.instrumentSlot(p);
            saved[i] = instruments.mark(inst);
            final long lower = Math.max(1, index.lower(slot, inst));
            final long upper = index.upper(slot, inst);
            final long top = upper == TriggerPrices.NO_UPPER ? Math.max(saved[i], Long.MAX_VALUE / 4) : upper;
            final long price = inside(random, lower, top, saved[i]);
            instruments.mark(inst, price);
            where.append(" inst ").append(inst).append(" [").append(lower).append(", ").append(upper).append("] at ")
                .append(price).append(" (armed at ").append(saved[i]).append(')');
        }
        try
        {
            calculator.ladder(slot, iso);
        }
        catch (final ArithmeticOverflowException ex)
        {
            fail("seed " + seed + " trial " + trial + " draw " + draw + ": ladder overflowed with marks" + where);
        }
        final BigInteger left = BigInteger.valueOf(calculator.equity).multiply(BigInteger.valueOf(ONE));
        final BigInteger right = BigInteger.valueOf(params.callLevel).multiply(BigInteger.valueOf(calculator.maintenance));
        if (left.compareTo(right) < 0)
        {
            fail("seed " + seed + " trial " + trial + " draw " + draw + ": called inside the bands: E " +
                calculator.equity + " MM " + calculator.maintenance + " callLevel " + params.callLevel + ";" + where);
        }
        for (int i = 0; i < count; i++)
        {
            instruments.mark(accounts.instrumentSlot(accounts.position(slot, i)), saved[i]);
        }
    }

    /**
     * A wallet that leaves the ladder a headroom over its call threshold of 0 to 300% of that
     * threshold (log-uniform, so often just a few units), or, one time in ten, below it.
     */
    private static void setWallet(
        final Random random, final AccountStore accounts, final MarginCalculator calculator, final RiskParams params,
        final int slot, final int iso)
    {
        BigInteger wallet;
        try
        {
            calculator.ladder(slot, iso);
            final BigInteger threshold = BigInteger.valueOf(params.callLevel).multiply(BigInteger.valueOf(calculator.maintenance))
                .add(BigInteger.valueOf(ONE - 1)).divide(BigInteger.valueOf(ONE));
            final double factor = random.nextInt(4) == 0 ? 0 : Math.pow(10, -8 + 8.5 * random.nextDouble());
            final BigInteger headroom = new java.math.BigDecimal(threshold).multiply(java.math.BigDecimal.valueOf(factor))
                .toBigInteger().add(BigInteger.valueOf(random.nextInt(50)));
            wallet = threshold.subtract(BigInteger.valueOf(calculator.equity - calculator.wallet))
                .add(random.nextInt(10) == 0 ? headroom.negate().subtract(BigInteger.ONE) : headroom);
        }
        catch (final ArithmeticOverflowException ex)
        {
            wallet = BigInteger.valueOf(magnitude(random, 15));
        }
        final long w = wallet.max(BigInteger.valueOf(-Long.MAX_VALUE / 2)).min(BigInteger.valueOf(Long.MAX_VALUE / 2)).longValue();
        if (iso == AccountStore.MISSING)
        {
            accounts.wallet(slot, w);
        }
        else
        {
            accounts.isolatedWallet(iso, w);
        }
    }

    private static long notionalOrMax(final MarginCalculator calculator, final int inst, final long qtyAbs, final long price)
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

    private static long saturatedAdd(final long a, final long b)
    {
        final long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long costOf(final long qty, final long entry)
    {
        try
        {
            return Math.multiplyExact(qty, entry);
        }
        catch (final ArithmeticException ex)
        {
            return qty;
        }
    }

    /** A price in [lower, upper]: an end, next to an end, next to the armed price, or uniform. */
    private static long inside(final Random random, final long lower, final long upper, final long armed)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return lower;
            case 1:
                return upper;
            case 2:
                return Math.min(upper, lower + 1);
            case 3:
                return Math.max(lower, upper - 1);
            case 4:
                return Math.max(lower, Math.min(upper, armed + random.nextInt(3) - 1));
            default:
                return lower + (long)(random.nextDouble() * (double)(upper - lower));
        }
    }

    private static void defineInstrument(final Random random, final InstrumentStore instruments, final int id)
    {
        final int ps = random.nextInt(7);
        final int qs = random.nextInt(7);
        final long multiplier = pick(random, ONE, ONE, ONE / 10, 10 * ONE, 25 * ONE, ONE / 100);
        final long scaleDen = pow10(ps + qs);
        final long g = BigInteger.valueOf(multiplier).gcd(BigInteger.valueOf(scaleDen)).longValueExact();
        final int slot = instruments.add(id);
        final int tiers = 1 + random.nextInt(12);
        instruments.define(slot, ps, qs, tiers, multiplier, multiplier / g, scaleDen / g, 0, 0, 0, 0);
        long floor = 0;
        long mmr = 1 + random.nextInt(5_000_000);
        long imr = Math.min(ONE, mmr * 2);
        long cum = 0;
        long cumIm = 0;
        long prevMmr = mmr;
        long prevImr = imr;
        for (int t = 0; t < tiers; t++)
        {
            if (t > 0)
            {
                floor += 1 + magnitude(random, 15);
                mmr = Math.min(ONE - 2, mmr + random.nextInt(10_000_000));
                imr = Math.min(ONE, Math.max(imr, mmr + 1 + random.nextInt(5_000_000)));
                cum += BigInteger.valueOf(floor).multiply(BigInteger.valueOf(mmr - prevMmr)).divide(BigInteger.valueOf(ONE))
                    .longValueExact();
                cumIm += BigInteger.valueOf(floor).multiply(BigInteger.valueOf(imr - prevImr)).divide(BigInteger.valueOf(ONE))
                    .longValueExact();
            }
            instruments.tier(slot, t, floor, imr, mmr, cum, cumIm);
            prevMmr = mmr;
            prevImr = imr;
        }
        instruments.flags(slot, InstrumentStore.FLAG_HAS_PRICE | InstrumentStore.FLAG_HAS_MARK);
    }

    /** A positive number of 1 to {@code digits} digits, log-uniform. */
    private static long magnitude(final Random random, final int digits)
    {
        final long bound = pow10(1 + random.nextInt(digits));
        return 1 + (long)(random.nextDouble() * (bound - 1));
    }

    private static long pow10(final int n)
    {
        long v = 1;
        for (int i = 0; i < n; i++)
        {
            v *= 10;
        }
        return v;
    }

    private static long pick(final Random random, final long... values)
    {
        return values[random.nextInt(values.length)];
    }
}
