package io.marginengine.engine.logic;

import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.journal.sbe.InstrumentDecoder;
import io.marginengine.journal.sbe.RejectCode;
import org.agrona.concurrent.UnsafeBuffer;

import static io.marginengine.engine.logic.MarginCalculator.RATE_ONE;

/**
 * Validates and stores {@code instrument} inputs: scales, multiplier, fee rate, price guards
 * and the margin tiers with their {@code cum} amounts (SPEC section 2, docs/RULES.md section 2).
 */
public final class InstrumentRegistrar
{
    private static final String INPUT = "instrument";
    /** Largest price or quantity scale. */
    public static final int MAX_SCALE = 9;
    /** Largest sum of price and quantity scales (cost is kept at that scale). */
    public static final int MAX_SCALE_SUM = 16;
    /**
     * Largest denominator of the money factor (money = qtyRaw x priceRaw x num / den): keeps
     * ADL ranks (which scale it by 1e8) within 64 bits.
     */
    public static final long MAX_MONEY_DENOMINATOR = 10_000_000_000L;

    private final InstrumentStore instruments;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final long[] floors = new long[InstrumentStore.MAX_TIERS];
    private final long[] imrs = new long[InstrumentStore.MAX_TIERS];
    private final long[] mmrs = new long[InstrumentStore.MAX_TIERS];
    private final long[] cumMms = new long[InstrumentStore.MAX_TIERS];
    private final long[] cumIms = new long[InstrumentStore.MAX_TIERS];
    private final UnsafeBuffer symbolView = new UnsafeBuffer(0, 0);

    /**
     * @param instruments instrument store.
     * @param numbers     decimal normalization.
     * @param rejection   where refusals are written.
     */
    public InstrumentRegistrar(final InstrumentStore instruments, final InputNumbers numbers, final Rejection rejection)
    {
        this.instruments = instruments;
        this.numbers = numbers;
        this.rejection = rejection;
    }

    /**
     * Defines a new instrument.
     *
     * @param in  the decoded input.
     * @param now input time: staleness counts from here until the first mark.
     */
    public void define(final InstrumentDecoder in, final long now)
    {
        final int id = in.instrument();
        if (id < 0)
        {
            rejection.reason().append("instrument id ").append(id).append(" must not be negative");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (instruments.slotOf(id) != InstrumentStore.MISSING)
        {
            rejection.reason().append("instrument ").append(id).append(" is already defined");
            throw rejection.reject(RejectCode.ALREADY_EXISTS);
        }
        if (instruments.isFull())
        {
            rejection.reason().append("instrument ").append(id).append(" refused: the engine holds its maximum of ")
                .append(instruments.count()).append(" instruments");
            throw rejection.reject(RejectCode.CAPACITY);
        }
        final int ps = in.priceScale();
        final int qs = in.qtyScale();
        if (ps > MAX_SCALE || qs > MAX_SCALE || ps + qs > MAX_SCALE_SUM)
        {
            rejection.reason().append("instrument ").append(id).append(" priceScale ").append(ps).append(" and qtyScale ")
                .append(qs).append(" refused: each must be at most ").append(MAX_SCALE).append(" and their sum at most ")
                .append(MAX_SCALE_SUM);
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final long multiplier = numbers.positive(in.multiplier(), MarginCalculator.RATE_SCALE, INPUT, "multiplier");
        final long feeRate = numbers.value(in.liquidationFeeRate(), MarginCalculator.RATE_SCALE, INPUT, "liquidationFeeRate");
        final long staleAfter = in.staleAfterNs();
        final long maxMove = InputNumbers.isAbsent(in.maxMarkMoveRate()) ? 0 :
            numbers.positive(in.maxMarkMoveRate(), MarginCalculator.RATE_SCALE, INPUT, "maxMarkMoveRate");
        if (staleAfter < 0)
        {
            rejection.reason().append("instrument field 'staleAfterNs' value ").append(staleAfter).append(" must not be negative");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final int tierCount = readTiers(in.tiers());
        if (feeRate < 0 || feeRate >= imrs[0])
        {
            rejection.reason().append("instrument field 'liquidationFeeRate' value ").appendDecimal(feeRate, MarginCalculator.RATE_SCALE)
                .append(" must be at least 0 and below the first tier's imr ").appendDecimal(imrs[0], MarginCalculator.RATE_SCALE);
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final int symbolLength = in.symbolLength();
        if (symbolLength < 1 || symbolLength > InstrumentStore.SYMBOL_LENGTH)
        {
            rejection.reason().append("instrument field 'symbol' has ").append(symbolLength).append(" characters; 1 to ")
                .append(InstrumentStore.SYMBOL_LENGTH).append(" are allowed");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        store(in, id, ps, qs, tierCount, multiplier, feeRate, staleAfter, maxMove, now);
    }

    private void store(
        final InstrumentDecoder in, final int id, final int ps, final int qs, final int tierCount, final long multiplier,
        final long feeRate, final long staleAfter, final long maxMove, final long now)
    {
        // money = qtyRaw x priceRaw x multiplier8 / 10^(qs+ps), reduced
        final long scaleDen = InputNumbers.pow10(qs + ps);
        final long g = gcd(multiplier, scaleDen);
        final long num = multiplier / g;
        final long den = scaleDen / g;
        if (den > MAX_MONEY_DENOMINATOR)
        {
            rejection.reason().append("instrument ").append(id).append(" refused: multiplier ").appendDecimal(multiplier, MarginCalculator.RATE_SCALE)
                .append(" with priceScale ").append(ps).append(" and qtyScale ").append(qs)
                .append(" makes a contract's value finer than 1e-10 of a money unit per raw price and quantity step");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        long cumMm = 0;
        long cumIm = 0;
        for (int t = 1; t < tierCount; t++)
        {
            cumMm = Int128Math.add(cumMm, Int128Math.mulDiv(floors[t], mmrs[t] - mmrs[t - 1], RATE_ONE, Int128Math.FLOOR));
            cumIm = Int128Math.add(cumIm, Int128Math.mulDiv(floors[t], imrs[t] - imrs[t - 1], RATE_ONE, Int128Math.FLOOR));
            cumMms[t] = cumMm;
            cumIms[t] = cumIm;
        }
        final int slot = instruments.add(id);
        instruments.define(slot, ps, qs, tierCount, multiplier, num, den, feeRate, staleAfter, maxMove, now);
        for (int t = 0; t < tierCount; t++)
        {
            instruments.tier(slot, t, floors[t], imrs[t], mmrs[t], cumMms[t], cumIms[t]);
        }
        in.wrapSymbol(symbolView);
        instruments.symbol(slot, symbolView, 0, symbolView.capacity());
    }

    private int readTiers(final InstrumentDecoder.TiersDecoder tiers)
    {
        final int count = tiers.count();
        if (count < 1 || count > InstrumentStore.MAX_TIERS)
        {
            rejection.reason().append("instrument has ").append(count).append(" tiers; 1 to ")
                .append(InstrumentStore.MAX_TIERS).append(" are allowed");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        int t = 0;
        while (tiers.hasNext())
        {
            tiers.next();
            floors[t] = numbers.value(tiers.floor(), MarginCalculator.MONEY_SCALE, INPUT, "tiers.floor");
            imrs[t] = numbers.positive(tiers.imr(), MarginCalculator.RATE_SCALE, INPUT, "tiers.imr");
            mmrs[t] = numbers.positive(tiers.mmr(), MarginCalculator.RATE_SCALE, INPUT, "tiers.mmr");
            checkTier(t);
            t++;
        }
        return count;
    }

    private void checkTier(final int t)
    {
        if (t == 0 && floors[0] != 0)
        {
            rejection.reason().append("instrument first tier floor ").appendDecimal(floors[0], MarginCalculator.MONEY_SCALE).append(" must be 0");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (mmrs[t] >= imrs[t] || imrs[t] > RATE_ONE)
        {
            rejection.reason().append("instrument tier ").append(t).append(" has mmr ").appendDecimal(mmrs[t], MarginCalculator.RATE_SCALE)
                .append(" and imr ").appendDecimal(imrs[t], MarginCalculator.RATE_SCALE).append("; expected 0 < mmr < imr <= 1");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (t > 0 && (floors[t] <= floors[t - 1] || mmrs[t] < mmrs[t - 1] || imrs[t] < imrs[t - 1]))
        {
            rejection.reason().append("instrument tier ").append(t)
                .append(" must have a higher floor than the tier before and mmr and imr no lower");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
    }

    private static long gcd(final long a, final long b)
    {
        long x = a;
        long y = b;
        while (y != 0)
        {
            final long r = x % y;
            x = y;
            y = r;
        }
        return x;
    }
}
