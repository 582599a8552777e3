package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.RejectCode;

/**
 * Marks and the price guards (SPEC section 4 "Stale prices", docs/RULES.md section 4): the
 * mark move guard refuses a jump larger than {@code maxMarkMoveRate}; an instrument with no
 * mark for {@code staleAfterNs} becomes stale until the next mark.
 * <p>
 * {@link #detectStale} runs before every input; it keeps the earliest input time at which any
 * guarded instrument could go stale and does nothing before it, so an input costs no loop over
 * the instruments. That time is derived state (not in a snapshot): it starts unknown, and
 * {@link #guardsChanged()} makes it unknown again after an instrument definition or a restore.
 */
public final class PriceKeeper
{
    /** {@link #nextStaleAt} when it must be worked out again: the next input loops. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final InstrumentStore instruments;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final LadderSweep sweep;
    private final OutputPublisher publisher;
    /** No guarded instrument can go stale at an input time below this. */
    private long nextStaleAt = UNKNOWN;

    /**
     * @param instruments instrument store.
     * @param lookups     id resolution.
     * @param numbers     decimal normalization.
     * @param rejection   where refusals are written.
     * @param sweep       multi-ladder evaluation.
     * @param publisher   outputs.
     */
    public PriceKeeper(
        final InstrumentStore instruments, final Lookups lookups, final InputNumbers numbers,
        final Rejection rejection, final LadderSweep sweep, final OutputPublisher publisher)
    {
        this.instruments = instruments;
        this.lookups = lookups;
        this.numbers = numbers;
        this.rejection = rejection;
        this.sweep = sweep;
        this.publisher = publisher;
    }

    /**
     * Applies a {@code mark}: checks the move guard, checks every ladder the tick must look at
     * fits 64 bits at the new price, then sets it and evaluates them (every ladder holding the
     * instrument whose evaluation could change anything: {@link LadderSweep#validateTick}).
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void mark(final MarkDecoder in, final long now)
    {
        final int instrumentId = in.instrument();
        final int inst = lookups.instrument(instrumentId, "mark");
        final int priceScale = instruments.priceScale(inst);
        final long price = numbers.positive(in.price(), priceScale, "mark", "price");
        final int flags = instruments.flags(inst);
        final long last = instruments.mark(inst);
        final long maxMove = instruments.maxMoveRate(inst);
        if (maxMove > 0 && (flags & InstrumentStore.FLAG_HAS_MARK) != 0 &&
            Int128Math.compareProducts(Math.abs(price - last), MarginCalculator.RATE_ONE, maxMove, last) > 0)
        {
            rejection.reason().append("mark ").appendDecimal(price, priceScale).append(" on instrument ").append(instrumentId)
                .append(" refused: it moves more than maxMarkMoveRate ").appendDecimal(maxMove, 8)
                .append(" from the last mark ").appendDecimal(last, priceScale);
            throw rejection.reject(RejectCode.PRICE_GUARD);
        }
        instruments.mark(inst, price);
        try
        {
            sweep.validateTick(instrumentId);
        }
        catch (final ArithmeticOverflowException ex)
        {
            instruments.mark(inst, last);
            rejection.reason().append("mark ").appendDecimal(price, priceScale).append(" on instrument ").append(instrumentId)
                .append(" refused: a position's margin would leave the 64-bit range at that price");
            throw rejection.reject(RejectCode.OVERFLOW);
        }
        instruments.markTs(inst, now);
        instruments.flags(inst, (flags | InstrumentStore.FLAG_HAS_PRICE | InstrumentStore.FLAG_HAS_MARK) & ~InstrumentStore.FLAG_STALE);
        if ((flags & InstrumentStore.FLAG_STALE) != 0)
        {
            // guarded again, from now on (a mark on a fresh instrument only moves its time later)
            nextStaleAt = Math.min(nextStaleAt, staleAt(inst));
            publisher.priceResumed(instrumentId);
        }
        sweep.evaluateTick(instrumentId, now);
    }

    /**
     * Marks as stale, in instrument id order, every guarded instrument whose last mark (or
     * definition) is at least {@code staleAfterNs} old. Input times never go back, so before the
     * earliest time any guarded instrument can go stale this returns at once.
     *
     * @param now input time, 0 or more.
     */
    public void detectStale(final long now)
    {
        if (now < nextStaleAt)
        {
            return;
        }
        long next = Long.MAX_VALUE;
        final int n = instruments.count();
        for (int i = 0; i < n; i++)
        {
            final int inst = instruments.slotInIdOrder(i);
            final long staleAfter = instruments.staleAfterNs(inst);
            final int flags = instruments.flags(inst);
            if (staleAfter > 0 && (flags & InstrumentStore.FLAG_STALE) == 0)
            {
                if (now - instruments.markTs(inst) >= staleAfter)
                {
                    instruments.flags(inst, flags | InstrumentStore.FLAG_STALE);
                    publisher.priceStale(instruments.id(inst));
                }
                else
                {
                    next = Math.min(next, staleAt(inst));
                }
            }
        }
        nextStaleAt = next;
    }

    /**
     * Forgets the earliest stale time, so the next {@link #detectStale} looks at every
     * instrument: to be called after an instrument is defined or redefined, and after the
     * stores are restored.
     */
    public void guardsChanged()
    {
        nextStaleAt = UNKNOWN;
    }

    /** {@code markTs + staleAfterNs}, held at {@code Long.MAX_VALUE} (both are 0 or more). */
    private long staleAt(final int inst)
    {
        final long markTs = instruments.markTs(inst);
        final long staleAfter = instruments.staleAfterNs(inst);
        return staleAfter > Long.MAX_VALUE - markTs ? Long.MAX_VALUE : markTs + staleAfter;
    }
}
