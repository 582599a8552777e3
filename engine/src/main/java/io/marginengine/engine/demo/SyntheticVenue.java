package io.marginengine.engine.demo;

import io.marginengine.engine.logic.InputNumbers;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.util.SplittableRandom;

/**
 * A derivatives venue in miniature, driving the engine: it opens the accounts, funds them,
 * gives them positions against market makers (two per instrument), moves the marks, and plays the matching
 * engine that executes the engine's liquidation orders (most fill, some only in part, some
 * expire and go to the insurance fund or to ADL), the traders who answer a margin call (some
 * deposit in time, some cut their position, most do nothing) and the daily noise of trades,
 * pre-trade checks, deposits, withdrawals and queries. A few broken inputs (a retransmitted
 * deposit, a late mark, an unknown account and instrument) show that they are refused and
 * counted.
 * <p>
 * Everything follows from the seed: the simulation reads the engine's outputs only at step
 * boundaries, after the engine has processed the whole step, so the same seed publishes the
 * same inputs in the same order. Quantities are in lots and prices in ticks of each
 * instrument's scales; money in cents (inputs) or scale 8 (outputs).
 */
final class SyntheticVenue
{
    /** The simulated epoch: 2026-01-05T00:00:00Z, in nanoseconds. */
    static final long EPOCH_NS = 1_767_571_200_000_000_000L;
    static final long STEP_NS = 1_000_000_000L;
    static final long CALL_GRACE_NS = 30 * STEP_NS;
    /** Liquidation at 60% of maintenance (SPEC default 80%): a wider band in which a call can be cured. */
    static final long LIQUIDATION_LEVEL_PERCENT = 60;
    static final long STALE_AFTER_NS = 5 * STEP_NS;
    /** Market makers per instrument: each makes one market, as real ones specialise. */
    static final int MAKERS_PER_INSTRUMENT = 2;
    /** Most instruments a trader holds at once (the engine's positions per account leave room for it). */
    static final int MAX_TRADER_POSITIONS = 6;
    static final long FIRST_TRADER = 1_000;
    static final long MARKET_MAKER_DEPOSIT_CENTS = 20_000_000_000L;
    private static final int SCHEDULE_SLOTS = 64;
    private static final int FUNDING_EVERY_STEPS = 120;
    private static final long TAKER_FEE_PPM = 400;
    private static final long[][] TIERS_PPM = {
        {0, 10_000, 5_000}, {250_000, 20_000, 10_000}, {1_000_000, 50_000, 25_000}, {10_000_000, 100_000, 50_000},
        {50_000_000, 200_000, 100_000}};

    private final VenueInputs inputs;
    private final long fundDollarsPerAccount;
    private final VenueMarket market;
    private final SplittableRandom random;
    private final int traders;
    private final int instruments;
    private final int steps;
    private final long[] depositUsd;
    private final long[] lots;
    private final long[] makerLots;
    private final int[] intentInstrument;
    private final long[] intentLots;
    private final LongArrayList[] cures = new LongArrayList[SCHEDULE_SLOTS];
    private final LongArrayList[] reductions = new LongArrayList[SCHEDULE_SLOTS];
    private final LongArrayList orders = new LongArrayList();
    private final LongArrayList opens = new LongArrayList();

    long ordersFilled;
    long ordersPartlyFilled;
    long ordersExpired;
    long ordersBeyondMarket;
    long ordersBackstopped;
    long curesSent;
    long reductionsSent;

    /**
     * @param inputs      where inputs go.
     * @param traders     trader accounts.
     * @param instruments instruments, at most 64.
     * @param steps       steps of one simulated second.
     * @param seed        the seed everything follows from.
     * @param fundDollarsPerAccount the insurance fund's opening balance per trader account.
     */
    SyntheticVenue(
        final VenueInputs inputs, final int traders, final int instruments, final int steps, final long seed,
        final long fundDollarsPerAccount)
    {
        this.fundDollarsPerAccount = fundDollarsPerAccount;
        this.inputs = inputs;
        this.traders = traders;
        this.instruments = instruments;
        this.steps = steps;
        random = new SplittableRandom(seed);
        market = new VenueMarket(instruments, steps, random);
        depositUsd = new long[traders];
        lots = new long[traders * instruments];
        makerLots = new long[makers(instruments) * instruments];
        intentInstrument = new int[traders];
        intentLots = new long[traders];
        for (int i = 0; i < SCHEDULE_SLOTS; i++)
        {
            cures[i] = new LongArrayList();
            reductions[i] = new LongArrayList();
        }
    }

    /**
     * @param instruments instruments of the venue.
     * @return its market maker accounts (ids 1 to this).
     */
    static int makers(final int instruments)
    {
        return MAKERS_PER_INSTRUMENT * instruments;
    }

    VenueMarket market()
    {
        return market;
    }

    /** Step 0: instruments, parameters, first marks, the fund, market makers, traders and their positions. */
    void setUp()
    {
        inputs.time(EPOCH_NS);
        for (int i = 0; i < instruments; i++)
        {
            inputs.instrument(VenueMarket.id(i), market.symbols[i], market.priceScale[i], market.qtyScale[i], 5_000,
                STALE_AFTER_NS, TIERS_PPM);
        }
        inputs.params(CALL_GRACE_NS, LIQUIDATION_LEVEL_PERCENT);
        for (int i = 0; i < instruments; i++)
        {
            inputs.mark(VenueMarket.id(i), market.ticks[i], market.priceScale[i]);
        }
        inputs.deposit(0, Math.max(10_000_000L, fundDollarsPerAccount * 100 * traders));
        for (int m = 0; m < makers(instruments); m++)
        {
            inputs.account(m + 1);
            inputs.deposit(m + 1, MARKET_MAKER_DEPOSIT_CENTS);
        }
        for (int t = 0; t < traders; t++)
        {
            openTrader(t);
        }
    }

    private void openTrader(final int t)
    {
        final long id = FIRST_TRADER + t;
        // log-uniform between 200 and 20,000 dollars
        final long usd = Math.round(200 * StrictMath.pow(100, random.nextInt(1_001) / 1_000.0));
        depositUsd[t] = usd;
        inputs.account(id);
        inputs.deposit(id, usd * 100);
        final int shape = random.nextInt(100);
        final int positions = shape < 50 ? 1 : shape < 85 ? 2 : 3;
        final long leverageTenths = leverageTenths();
        final boolean isolated = random.nextInt(100) < 10;
        int previous = -1;
        for (int k = 0; k < positions; k++)
        {
            int index = popularInstrument();
            if (index == previous)
            {
                index = (index + 1) % instruments;
            }
            previous = index;
            final long notionalUsd = usd * leverageTenths / 10 / positions;
            if (isolated && k == 0)
            {
                inputs.isolate(id, VenueMarket.id(index));
                inputs.isolatedMargin(id, VenueMarket.id(index), usd * 100 / positions);
            }
            if (random.nextInt(100) < 10)
            {
                inputs.check(id, VenueMarket.id(index), true, lotsFor(index, notionalUsd), market.qtyScale[index],
                    market.ticks[index], market.priceScale[index]);
            }
            trade(t, index, random.nextInt(100) < 60, lotsFor(index, notionalUsd));
        }
    }

    /** Effective leverage in tenths: most traders modest, a tail of gamblers. */
    private long leverageTenths()
    {
        final int r = random.nextInt(100);
        if (r < 45)
        {
            return 10 + random.nextInt(21);
        }
        if (r < 80)
        {
            return 30 + random.nextInt(31);
        }
        if (r < 95)
        {
            return 60 + random.nextInt(61);
        }
        return 120 + random.nextInt(131);
    }

    /** BTC a quarter of the positions, ETH 18%, SOL 10%, the rest shared. */
    private int popularInstrument()
    {
        final int r = random.nextInt(100);
        if (r < 25 || instruments == 1)
        {
            return 0;
        }
        if (r < 43 || instruments == 2)
        {
            return 1;
        }
        if (r < 53 || instruments == 3)
        {
            return 2;
        }
        return 3 + random.nextInt(instruments - 3);
    }

    private long lotsFor(final int index, final long notionalUsd)
    {
        final long perLot = market.ticks[index];
        final long scaled = notionalUsd * InputNumbers.pow10(market.priceScale[index] + market.qtyScale[index]);
        return Math.max(1, scaled / perLot);
    }

    /** An ordinary trade at the mark: the trader against a market maker, the trader paying the taker fee. */
    private void trade(final int t, final int index, final boolean buy, final long qty)
    {
        final long ticks = market.ticks[index];
        final int maker = index * MAKERS_PER_INSTRUMENT + random.nextInt(MAKERS_PER_INSTRUMENT);
        inputs.fill(FIRST_TRADER + t, VenueMarket.id(index), buy, qty, market.qtyScale[index], ticks,
            market.priceScale[index], fee8(index, qty, ticks), -1);
        inputs.fill(maker + 1, VenueMarket.id(index), !buy, qty, market.qtyScale[index], ticks, market.priceScale[index], 0, -1);
        lots[t * instruments + index] += buy ? qty : -qty;
        makerLots[maker * instruments + index] += buy ? -qty : qty;
    }

    private long fee8(final int index, final long qty, final long ticks)
    {
        final long notional8 = qty * ticks * InputNumbers.pow10(8 - market.priceScale[index] - market.qtyScale[index]);
        return notional8 / 1_000_000L * TAKER_FEE_PPM;
    }

    /**
     * One simulated second: marks, what was scheduled for now (cures, position cuts), the
     * execution of the liquidation orders seen last step, trades for accepted checks, and
     * the day's noise.
     *
     * @param step the step, from 1.
     */
    void step(final int step)
    {
        inputs.time(EPOCH_NS + step * STEP_NS);
        // the matching engine answers the last second's liquidation orders before the market moves on
        executeLiquidationOrders();
        market.advance(step, random);
        for (int i = 0; i < instruments; i++)
        {
            if (!market.silent(i, step))
            {
                inputs.mark(VenueMarket.id(i), market.ticks[i], market.priceScale[i]);
            }
        }
        runScheduled(step);
        executeAcceptedChecks();
        noise();
        if (step % FUNDING_EVERY_STEPS == 0)
        {
            for (int i = 0; i < instruments; i++)
            {
                inputs.funding(VenueMarket.id(i), i % 2 == 0 ? 100 : -100);
            }
        }
        if (step == steps / 5)
        {
            brokenInputs();
        }
    }

    private void runScheduled(final int step)
    {
        final LongArrayList due = cures[step % SCHEDULE_SLOTS];
        for (int i = 0; i < due.size(); i += 3)
        {
            final long account = due.getLong(i);
            final int instrument = (int)due.getLong(i + 1);
            final long cents = due.getLong(i + 2);
            inputs.deposit(account, cents);
            if (instrument > 0)
            {
                inputs.isolatedMargin(account, instrument, cents);
            }
            curesSent++;
        }
        due.clear();
        final LongArrayList cuts = reductions[step % SCHEDULE_SLOTS];
        for (int i = 0; i < cuts.size(); i++)
        {
            reduceLargest((int)cuts.getLong(i));
            reductionsSent++;
        }
        cuts.clear();
    }

    private void reduceLargest(final int t)
    {
        int largest = -1;
        long largestQty = 0;
        for (int i = 0; i < instruments; i++)
        {
            final long q = Math.abs(lots[t * instruments + i]);
            if (q > largestQty)
            {
                largestQty = q;
                largest = i;
            }
        }
        if (largest >= 0 && largestQty >= 2)
        {
            trade(t, largest, lots[t * instruments + largest] < 0, largestQty / 2);
        }
    }

    private void executeLiquidationOrders()
    {
        for (int k = 0; k < orders.size(); k += 7)
        {
            execute(orders.getLong(k), orders.getLong(k + 1), (int)orders.getLong(k + 2), orders.getLong(k + 3) == 1,
                orders.getLong(k + 4), orders.getLong(k + 5), (int)orders.getLong(k + 6));
        }
        orders.clear();
    }

    /**
     * The matching engine's answer to one IOC limit order at the bankruptcy price: nothing
     * when the market is already beyond the limit, else a fill at or better than the limit
     * (in full, or in part with the rest expiring), or no liquidity at all.
     */
    private void execute(
        final long orderId, final long account, final int instrumentId, final boolean buy, final long qtyLots,
        final long limitMantissa, final int limitScale)
    {
        final int index = instrumentId - 1;
        final int ps = market.priceScale[index];
        final int qs = market.qtyScale[index];
        final long limit = toTicks(limitMantissa, limitScale, ps, !buy);
        final long mark = market.ticks[index];
        final boolean reachable = buy ? mark <= limit : mark >= limit;
        final int r = random.nextInt(100);
        // past the bankruptcy price the book is empty, but a backstop liquidity provider takes
        // three in four of such orders whole at the limit
        final boolean backstop = !reachable && r < 75;
        long filled = 0;
        if ((reachable && r < 92 || backstop) && limit > 0)
        {
            filled = backstop || r < 60 || qtyLots < 2 ? qtyLots : Math.max(1, qtyLots * (40 + random.nextInt(41)) / 100);
            final long gap = backstop ? 0 : Math.abs(mark - limit) * (50 + random.nextInt(51)) / 100;
            final long price = buy ? limit - gap : limit + gap;
            ordersBackstopped += backstop ? 1 : 0;
            final int maker = index * MAKERS_PER_INSTRUMENT + (int)(orderId % MAKERS_PER_INSTRUMENT);
            inputs.fill(account, instrumentId, buy, filled, qs, price, ps, 0, orderId);
            inputs.fill(maker + 1, instrumentId, !buy, filled, qs, price, ps, 0, -1);
            mirror(account, index, buy ? filled : -filled);
            makerLots[maker * instruments + index] += buy ? -filled : filled;
        }
        if (filled == qtyLots)
        {
            ordersFilled++;
            return;
        }
        if (filled > 0)
        {
            ordersPartlyFilled++;
        }
        else
        {
            ordersExpired++;
            ordersBeyondMarket += reachable ? 0 : 1;
        }
        inputs.expired(orderId, account, instrumentId, qtyLots - filled, qs);
        mirror(account, index, buy ? qtyLots - filled : filled - qtyLots);
    }

    private static long toTicks(final long mantissa, final int scale, final int priceScale, final boolean roundUp)
    {
        if (scale <= priceScale)
        {
            return mantissa * InputNumbers.pow10(priceScale - scale);
        }
        final long divisor = InputNumbers.pow10(scale - priceScale);
        final long floor = Math.floorDiv(mantissa, divisor);
        return roundUp && floor * divisor != mantissa ? floor + 1 : floor;
    }

    private void mirror(final long account, final int index, final long delta)
    {
        if (account >= FIRST_TRADER && account < FIRST_TRADER + traders)
        {
            lots[(int)(account - FIRST_TRADER) * instruments + index] += delta;
        }
        else if (account >= 1 && account <= makers(instruments))
        {
            makerLots[(int)(account - 1) * instruments + index] += delta;
        }
    }

    private void executeAcceptedChecks()
    {
        for (int k = 0; k < opens.size(); k++)
        {
            final int t = (int)opens.getLong(k);
            final long qty = intentLots[t];
            trade(t, intentInstrument[t], qty > 0, Math.abs(qty));
            intentLots[t] = 0;
        }
        opens.clear();
    }

    /** The traders' everyday business: pre-trade checks for new positions, cuts, deposits, withdrawals, queries. */
    private void noise()
    {
        final int actions = Math.max(20, traders / 1_000);
        for (int a = 0; a < actions; a++)
        {
            final int t = random.nextInt(traders);
            final long id = FIRST_TRADER + t;
            final int r = random.nextInt(100);
            if (r < 40)
            {
                if (intentLots[t] == 0 && held(t) < MAX_TRADER_POSITIONS)
                {
                    final int index = popularInstrument();
                    final long qty = lotsFor(index, depositUsd[t] * (1 + random.nextInt(3)));
                    final boolean buy = random.nextInt(100) < 55;
                    intentInstrument[t] = index;
                    intentLots[t] = buy ? qty : -qty;
                    inputs.check(id, VenueMarket.id(index), buy, qty, market.qtyScale[index], market.ticks[index],
                        market.priceScale[index]);
                }
            }
            else if (r < 65)
            {
                reduceLargest(t);
            }
            else if (r < 80)
            {
                inputs.deposit(id, depositUsd[t] * 10);
            }
            else if (r < 95)
            {
                inputs.withdraw(id, depositUsd[t] * 10);
            }
            else
            {
                inputs.query(id);
            }
        }
    }

    private int held(final int t)
    {
        int n = 0;
        for (int i = 0; i < instruments; i++)
        {
            n += lots[t * instruments + i] != 0 ? 1 : 0;
        }
        return n;
    }

    private void brokenInputs()
    {
        inputs.deposit(FIRST_TRADER, 100);
        inputs.duplicateDeposit(FIRST_TRADER, 100);
        inputs.lateMark(VenueMarket.id(0), market.ticks[0], market.priceScale[0]);
        inputs.deposit(FIRST_TRADER + traders + 1_000_000L, 100);
        inputs.mark(instruments + 1_000, 100, 2);
    }

    /**
     * Reads what the engine said during the step just processed and plans the reactions.
     *
     * @param notices the listener's notices.
     * @param step    the step just processed.
     */
    void react(final OneToOneRingBuffer notices, final int step)
    {
        notices.read((type, buffer, index, length) -> onNotice(type, buffer, index, step), Integer.MAX_VALUE);
    }

    private void onNotice(final int type, final DirectBuffer buffer, final int index, final int step)
    {
        switch (type)
        {
            case VenueOutputs.LIQUIDATION_ORDER:
                orders.addLong(buffer.getLong(index));
                orders.addLong(buffer.getLong(index + 8));
                orders.addLong(buffer.getInt(index + 16));
                orders.addLong(buffer.getInt(index + 20));
                final int instrumentIndex = buffer.getInt(index + 16) - 1;
                orders.addLong(toLots(buffer.getLong(index + 24), buffer.getInt(index + 32), market.qtyScale[instrumentIndex]));
                orders.addLong(buffer.getLong(index + 40));
                orders.addLong(buffer.getInt(index + 48));
                break;
            case VenueOutputs.MARGIN_CALL:
                onMarginCall(buffer.getLong(index), buffer.getInt(index + 8), buffer.getLong(index + 16), step);
                break;
            case VenueOutputs.CHECK_RESULT:
                final long account = buffer.getLong(index);
                final int t = (int)(account - FIRST_TRADER);
                if (t >= 0 && t < traders && intentLots[t] != 0)
                {
                    if (buffer.getInt(index + 12) == 1)
                    {
                        opens.addLong(t);
                    }
                    else
                    {
                        intentLots[t] = 0;
                    }
                }
                break;
            case VenueOutputs.ADL:
                final int adlIndex = buffer.getInt(index + 8) - 1;
                final long qty = toLots(buffer.getLong(index + 16), buffer.getInt(index + 24), market.qtyScale[adlIndex]);
                mirror(buffer.getLong(index), adlIndex, buffer.getInt(index + 12) == 1 ? qty : -qty);
                break;
            default:
                break;
        }
    }

    private static long toLots(final long mantissa, final int scale, final int qtyScale)
    {
        return scale <= qtyScale ? mantissa * InputNumbers.pow10(qtyScale - scale) : mantissa / InputNumbers.pow10(scale - qtyScale);
    }

    /** Some traders answer a call with money, a few by cutting the position, most not at all. */
    private void onMarginCall(final long account, final int instrument, final long shortfall8, final int step)
    {
        final int t = (int)(account - FIRST_TRADER);
        if (t < 0 || t >= traders)
        {
            return;
        }
        final int r = random.nextInt(100);
        if (r < 50)
        {
            final long cents = shortfall8 / 1_000_000L * (105 + random.nextInt(46)) / 100 + 1;
            final LongArrayList slot = cures[(step + 1 + random.nextInt(6)) % SCHEDULE_SLOTS];
            slot.addLong(account);
            slot.addLong(instrument);
            slot.addLong(cents);
        }
        else if (r < 65)
        {
            reductions[(step + 1 + random.nextInt(10)) % SCHEDULE_SLOTS].addLong(t);
        }
    }
}
