package io.marginengine.engine.state;

import io.marginengine.engine.snapshot.StateImage;
import org.agrona.BitUtil;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Owns the instruments: one fixed-size off-heap record per instrument, allocated at start
 * for the configured maximum, and a primitive index from instrument id to slot.
 * <p>
 * Record layout (little-endian, offsets in bytes):
 * <pre>
 *   0                   4        5        6        7        8
 *   +-------------------+--------+--------+--------+--------+
 *   | instrument id     | pScale | qScale | tiers  | flags  |
 *   +-------------------+--------+--------+--------+--------+
 *   8  multiplier (scale 8)                                  |
 *  16  num   } money = qtyRaw x priceRaw x num / den         |
 *  24  den   }                                               |
 *  32  liquidation fee rate (scale 8)                        |
 *  40  staleAfterNs (0: off)                                 |
 *  48  maxMarkMoveRate (scale 8, 0: off)                     |
 *  56  mark (price raw; last fill price before first mark)   |
 *  64  time of the last mark (definition time before)        |
 *  72  symbol, 16 ASCII bytes, zero padded                   |
 *  88  tiers: MAX_TIERS x { floor, imr, mmr, cum, cumIm }    |
 * </pre>
 * Flags: {@link #FLAG_HAS_PRICE} (a mark or fill has set the price), {@link #FLAG_HAS_MARK}
 * (a mark input has been seen), {@link #FLAG_STALE}.
 */
public final class InstrumentStore
{
    /** Most tiers an instrument may have. */
    public static final int MAX_TIERS = 12;
    /** Symbol bytes kept. */
    public static final int SYMBOL_LENGTH = 16;
    /** Index lookups answer this for an unknown id. */
    public static final int MISSING = -1;

    /** Flag: a mark or a fill has set the price, so positions on the instrument can be valued. */
    public static final int FLAG_HAS_PRICE = 1;
    /** Flag: a {@code mark} input has been seen; from then on fills no longer move the price. */
    public static final int FLAG_HAS_MARK = 2;
    /** Flag: no mark for {@code staleAfterNs}; ladders holding the instrument may not liquidate. */
    public static final int FLAG_STALE = 4;

    static final int ID_OFFSET = 0;
    static final int PRICE_SCALE_OFFSET = ID_OFFSET + SIZE_OF_INT;
    static final int QTY_SCALE_OFFSET = PRICE_SCALE_OFFSET + 1;
    static final int TIER_COUNT_OFFSET = QTY_SCALE_OFFSET + 1;
    static final int FLAGS_OFFSET = TIER_COUNT_OFFSET + 1;
    static final int MULTIPLIER_OFFSET = FLAGS_OFFSET + 1;
    static final int NUM_OFFSET = MULTIPLIER_OFFSET + SIZE_OF_LONG;
    static final int DEN_OFFSET = NUM_OFFSET + SIZE_OF_LONG;
    static final int FEE_RATE_OFFSET = DEN_OFFSET + SIZE_OF_LONG;
    static final int STALE_AFTER_OFFSET = FEE_RATE_OFFSET + SIZE_OF_LONG;
    static final int MAX_MOVE_OFFSET = STALE_AFTER_OFFSET + SIZE_OF_LONG;
    static final int MARK_OFFSET = MAX_MOVE_OFFSET + SIZE_OF_LONG;
    static final int MARK_TS_OFFSET = MARK_OFFSET + SIZE_OF_LONG;
    static final int SYMBOL_OFFSET = MARK_TS_OFFSET + SIZE_OF_LONG;
    static final int TIERS_OFFSET = SYMBOL_OFFSET + SYMBOL_LENGTH;

    static final int TIER_FLOOR_OFFSET = 0;
    static final int TIER_IMR_OFFSET = TIER_FLOOR_OFFSET + SIZE_OF_LONG;
    static final int TIER_MMR_OFFSET = TIER_IMR_OFFSET + SIZE_OF_LONG;
    static final int TIER_CUM_OFFSET = TIER_MMR_OFFSET + SIZE_OF_LONG;
    static final int TIER_CUM_IM_OFFSET = TIER_CUM_OFFSET + SIZE_OF_LONG;
    static final int TIER_LENGTH = TIER_CUM_IM_OFFSET + SIZE_OF_LONG;

    /** Bytes per instrument record, padded to a cache line. */
    public static final int RECORD_LENGTH = BitUtil.align(TIERS_OFFSET + MAX_TIERS * TIER_LENGTH, 64);

    private final UnsafeBuffer buffer;
    /** Ids below this are looked up in {@link #slotByDirectId}, an array, instead of the hash map. */
    private static final int DIRECT_IDS = 4096;

    private final Int2IntHashMap slotById;
    private final int[] slotByDirectId = new int[DIRECT_IDS];
    private final int[] slotsById;
    private final int capacity;
    private int count;

    /**
     * Allocates the store.
     *
     * @param capacity most instruments it will ever hold.
     */
    public InstrumentStore(final int capacity)
    {
        this.capacity = capacity;
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * RECORD_LENGTH));
        this.slotById = new Int2IntHashMap(capacity * 2 + 8, 0.65f, MISSING);
        this.slotsById = new int[capacity];
        Arrays.fill(slotByDirectId, MISSING);
    }

    /** @return instruments defined so far. */
    public int count()
    {
        return count;
    }

    /** @return true when no further instrument fits. */
    public boolean isFull()
    {
        return count == capacity;
    }

    /**
     * @param instrumentId external id.
     * @return the slot, or {@link #MISSING}.
     */
    public int slotOf(final int instrumentId)
    {
        return (instrumentId & ~(DIRECT_IDS - 1)) == 0 ? slotByDirectId[instrumentId] : slotById.get(instrumentId);
    }

    private void index(final int instrumentId, final int slot)
    {
        if ((instrumentId & ~(DIRECT_IDS - 1)) == 0)
        {
            slotByDirectId[instrumentId] = slot;
        }
    }

    /**
     * The i-th instrument in ascending id order.
     *
     * @param i position in id order, below {@link #count()}.
     * @return its slot.
     */
    public int slotInIdOrder(final int i)
    {
        return slotsById[i];
    }

    /**
     * Takes a new slot for an id; the caller fills the record.
     *
     * @param instrumentId external id, not yet present; the store must not be full.
     * @return the new slot.
     */
    public int add(final int instrumentId)
    {
        final int slot = count++;
        buffer.setMemory(offset(slot), RECORD_LENGTH, (byte)0);
        buffer.putInt(offset(slot) + ID_OFFSET, instrumentId);
        slotById.put(instrumentId, slot);
        index(instrumentId, slot);
        int i = slot;
        while (i > 0 && id(slotsById[i - 1]) > instrumentId)
        {
            slotsById[i] = slotsById[i - 1];
            i--;
        }
        slotsById[i] = slot;
        return slot;
    }

    private static int offset(final int slot)
    {
        return slot * RECORD_LENGTH;
    }

    private static int tierOffset(final int slot, final int tier)
    {
        return slot * RECORD_LENGTH + TIERS_OFFSET + tier * TIER_LENGTH;
    }

    /**
     * External id of the instrument in a slot, as inputs and outputs name it.
     *
     * @param slot instrument slot.
     * @return instrument id.
     */
    public int id(final int slot)
    {
        return buffer.getInt(offset(slot) + ID_OFFSET);
    }

    /**
     * Decimal places of prices on this instrument: raw prices are price x 10^priceScale.
     *
     * @param slot instrument slot.
     * @return price scale, 0 to 9.
     */
    public int priceScale(final int slot)
    {
        return buffer.getByte(offset(slot) + PRICE_SCALE_OFFSET);
    }

    /**
     * Decimal places of quantities on this instrument; one raw unit is one lot step.
     *
     * @param slot instrument slot.
     * @return quantity scale, 0 to 9.
     */
    public int qtyScale(final int slot)
    {
        return buffer.getByte(offset(slot) + QTY_SCALE_OFFSET);
    }

    /**
     * Number of margin tiers defined, bounding the tier index of the tier accessors.
     *
     * @param slot instrument slot.
     * @return 1 to {@link #MAX_TIERS}.
     */
    public int tierCount(final int slot)
    {
        return buffer.getByte(offset(slot) + TIER_COUNT_OFFSET);
    }

    /**
     * Sets the fixed definition of an instrument.
     *
     * @param slot         its slot.
     * @param priceScale   price decimals.
     * @param qtyScale     quantity decimals.
     * @param tierCount    number of tiers set through {@link #tier}.
     * @param multiplier   contract multiplier at scale 8.
     * @param num          numerator of the money factor.
     * @param den          denominator of the money factor.
     * @param feeRate      liquidation fee rate at scale 8.
     * @param staleAfterNs stale guard, 0 off.
     * @param maxMoveRate  mark move guard at scale 8, 0 off.
     * @param definedAt    ts of the defining input: staleness counts from here until the first mark.
     */
    public void define(
        final int slot, final int priceScale, final int qtyScale, final int tierCount,
        final long multiplier, final long num, final long den, final long feeRate,
        final long staleAfterNs, final long maxMoveRate, final long definedAt)
    {
        final int o = offset(slot);
        buffer.putByte(o + PRICE_SCALE_OFFSET, (byte)priceScale);
        buffer.putByte(o + QTY_SCALE_OFFSET, (byte)qtyScale);
        buffer.putByte(o + TIER_COUNT_OFFSET, (byte)tierCount);
        buffer.putLong(o + MULTIPLIER_OFFSET, multiplier);
        buffer.putLong(o + NUM_OFFSET, num);
        buffer.putLong(o + DEN_OFFSET, den);
        buffer.putLong(o + FEE_RATE_OFFSET, feeRate);
        buffer.putLong(o + STALE_AFTER_OFFSET, staleAfterNs);
        buffer.putLong(o + MAX_MOVE_OFFSET, maxMoveRate);
        buffer.putLong(o + MARK_TS_OFFSET, definedAt);
    }

    /**
     * Sets one tier.
     *
     * @param slot  instrument slot.
     * @param tier  tier index.
     * @param floor notional floor, money.
     * @param imr   initial margin rate, scale 8.
     * @param mmr   maintenance margin rate, scale 8.
     * @param cum   maintenance amount of the tier (SPEC section 2), money.
     * @param cumIm initial amount of the tier, money.
     */
    public void tier(final int slot, final int tier, final long floor, final long imr, final long mmr, final long cum, final long cumIm)
    {
        final int o = tierOffset(slot, tier);
        buffer.putLong(o + TIER_FLOOR_OFFSET, floor);
        buffer.putLong(o + TIER_IMR_OFFSET, imr);
        buffer.putLong(o + TIER_MMR_OFFSET, mmr);
        buffer.putLong(o + TIER_CUM_OFFSET, cum);
        buffer.putLong(o + TIER_CUM_IM_OFFSET, cumIm);
    }

    /**
     * Notional at which a tier starts to apply.
     *
     * @param slot instrument slot.
     * @param tier tier index, below {@link #tierCount(int)}.
     * @return floor, money (scale 8).
     */
    public long tierFloor(final int slot, final int tier)
    {
        return buffer.getLong(tierOffset(slot, tier) + TIER_FLOOR_OFFSET);
    }

    /**
     * Initial margin rate of a tier.
     *
     * @param slot instrument slot.
     * @param tier tier index, below {@link #tierCount(int)}.
     * @return imr at rate scale 8.
     */
    public long tierImr(final int slot, final int tier)
    {
        return buffer.getLong(tierOffset(slot, tier) + TIER_IMR_OFFSET);
    }

    /**
     * Maintenance margin rate of a tier.
     *
     * @param slot instrument slot.
     * @param tier tier index, below {@link #tierCount(int)}.
     * @return mmr at rate scale 8.
     */
    public long tierMmr(final int slot, final int tier)
    {
        return buffer.getLong(tierOffset(slot, tier) + TIER_MMR_OFFSET);
    }

    /**
     * Maintenance amount {@code cum[t]} subtracted from {@code N x mmr[t]}; precomputed at
     * definition so that MM is continuous across tier floors without recomputing the recurrence.
     *
     * @param slot instrument slot.
     * @param tier tier index, below {@link #tierCount(int)}.
     * @return cum, money, rounded down (docs/RULES.md section 2).
     */
    public long tierCum(final int slot, final int tier)
    {
        return buffer.getLong(tierOffset(slot, tier) + TIER_CUM_OFFSET);
    }

    /**
     * Initial amount {@code cumIm[t]}: the same recurrence as {@link #tierCum} with imr.
     *
     * @param slot instrument slot.
     * @param tier tier index, below {@link #tierCount(int)}.
     * @return cumIm, money, rounded down.
     */
    public long tierCumIm(final int slot, final int tier)
    {
        return buffer.getLong(tierOffset(slot, tier) + TIER_CUM_IM_OFFSET);
    }

    /**
     * The tier a notional falls in: the highest whose floor it has reached.
     *
     * @param slot     instrument slot.
     * @param notional position notional, money.
     * @return tier index.
     */
    public int tierOf(final int slot, final long notional)
    {
        final int n = tierCount(slot);
        int t = 0;
        while (t + 1 < n && tierFloor(slot, t + 1) <= notional)
        {
            t++;
        }
        return t;
    }

    /**
     * Contract multiplier as defined, kept for reports; arithmetic uses the reduced
     * {@link #num}/{@link #den} factor instead.
     *
     * @param slot instrument slot.
     * @return multiplier at rate scale 8.
     */
    public long multiplier(final int slot)
    {
        return buffer.getLong(offset(slot) + MULTIPLIER_OFFSET);
    }

    /**
     * Numerator of the reduced money factor: money raw = qty raw x price raw x num / den. It folds
     * the multiplier and both scales into one exact fraction so PnL and notional need one division.
     *
     * @param slot instrument slot.
     * @return numerator, positive.
     */
    public long num(final int slot)
    {
        return buffer.getLong(offset(slot) + NUM_OFFSET);
    }

    /**
     * Denominator of the reduced money factor; see {@link #num(int)}.
     *
     * @param slot instrument slot.
     * @return denominator, positive.
     */
    public long den(final int slot)
    {
        return buffer.getLong(offset(slot) + DEN_OFFSET);
    }

    /**
     * Liquidation fee rate, charged on liquidation fills out of the surplus over the bankruptcy price.
     *
     * @param slot instrument slot.
     * @return rate at scale 8, below the first tier's imr.
     */
    public long feeRate(final int slot)
    {
        return buffer.getLong(offset(slot) + FEE_RATE_OFFSET);
    }

    /**
     * Stale guard: the instrument goes stale when it has had no mark for this long.
     *
     * @param slot instrument slot.
     * @return nanoseconds, 0 when the guard is off.
     */
    public long staleAfterNs(final int slot)
    {
        return buffer.getLong(offset(slot) + STALE_AFTER_OFFSET);
    }

    /**
     * Mark move guard: a mark moving further than this fraction of the last mark is refused.
     *
     * @param slot instrument slot.
     * @return rate at scale 8, 0 when the guard is off.
     */
    public long maxMoveRate(final int slot)
    {
        return buffer.getLong(offset(slot) + MAX_MOVE_OFFSET);
    }

    /**
     * Current price positions are valued at: the last mark, or the last fill price before the first mark.
     *
     * @param slot instrument slot.
     * @return price raw; meaningful only with {@link #FLAG_HAS_PRICE}.
     */
    public long mark(final int slot)
    {
        return buffer.getLong(offset(slot) + MARK_OFFSET);
    }

    /**
     * Sets the price positions are valued at (a mark, or a fill before the first mark).
     *
     * @param slot instrument slot.
     * @param price price raw.
     */
    public void mark(final int slot, final long price)
    {
        buffer.putLong(offset(slot) + MARK_OFFSET, price);
    }

    /**
     * When the last mark arrived (the definition time before the first mark): staleness counts from here.
     *
     * @param slot instrument slot.
     * @return input ts, nanoseconds.
     */
    public long markTs(final int slot)
    {
        return buffer.getLong(offset(slot) + MARK_TS_OFFSET);
    }

    /**
     * Records when the last mark arrived, restarting the stale clock.
     *
     * @param slot instrument slot.
     * @param ts input ts, nanoseconds.
     */
    public void markTs(final int slot, final long ts)
    {
        buffer.putLong(offset(slot) + MARK_TS_OFFSET, ts);
    }

    /**
     * All flags of an instrument, for a read-modify-write with {@link #flags(int, int)}.
     *
     * @param slot instrument slot.
     * @return bit set of {@code FLAG_*}.
     */
    public int flags(final int slot)
    {
        return buffer.getByte(offset(slot) + FLAGS_OFFSET);
    }

    /**
     * Tests one flag.
     *
     * @param slot instrument slot.
     * @param flag one of the {@code FLAG_*} bits.
     * @return true when it is set.
     */
    public boolean hasFlag(final int slot, final int flag)
    {
        return (flags(slot) & flag) != 0;
    }

    /**
     * Replaces all flags of an instrument.
     *
     * @param slot instrument slot.
     * @param flags bit set of {@code FLAG_*}.
     */
    public void flags(final int slot, final int flags)
    {
        buffer.putByte(offset(slot) + FLAGS_OFFSET, (byte)flags);
    }

    /**
     * Stores the symbol, ASCII, cut to {@link #SYMBOL_LENGTH} bytes.
     *
     * @param slot   instrument slot.
     * @param src    buffer holding the symbol.
     * @param index  where it starts.
     * @param length its length.
     */
    public void symbol(final int slot, final org.agrona.DirectBuffer src, final int index, final int length)
    {
        final int n = Math.min(length, SYMBOL_LENGTH);
        buffer.putBytes(offset(slot) + SYMBOL_OFFSET, src, index, n);
    }

    /** @return the backing buffer, for digests and snapshots. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Section mark of the instruments in a state image: "INSTRMTS" in ASCII, little-endian. */
    public static final long IMAGE_SECTION = 0x53544D5254534E49L;

    /**
     * Bytes {@link #writeTo} needs at most: mark, count, record length and every slot.
     *
     * @return the bound.
     */
    public long maxImageLength()
    {
        return 3L * SIZE_OF_LONG + (long)capacity * RECORD_LENGTH;
    }

    /**
     * Appends the instruments to a state image: the section mark, the count, the record length,
     * then the used records in slot order (definition order), whole. Unused slots are left out,
     * so the image does not depend on the capacity. The id index is derived and not written.
     *
     * @param image where the section goes; must have room ({@link #maxImageLength()}).
     */
    public void writeTo(final StateImage image)
    {
        image.putLong(IMAGE_SECTION).putLong(count).putLong(RECORD_LENGTH);
        image.putBytes(buffer, 0, count * RECORD_LENGTH);
    }

    /**
     * Replaces every instrument by those of a state image section written by {@link #writeTo},
     * and rebuilds the id index and the id order from them.
     *
     * @param image positioned at the section.
     * @throws IllegalStateException with a sentence when the section is malformed or holds
     *                               more instruments than this store's capacity.
     */
    public void readFrom(final StateImage image)
    {
        image.expectLong("the instruments section mark", IMAGE_SECTION);
        final int n = (int)image.getLong("the instrument count (maxInstruments " + capacity + ")", 0, capacity);
        image.expectLong("the instrument record length", RECORD_LENGTH);
        image.getBytes(buffer, 0, n * RECORD_LENGTH, n + " instrument records");
        count = n;
        slotById.clear();
        Arrays.fill(slotByDirectId, MISSING);
        for (int slot = 0; slot < n; slot++)
        {
            final int id = id(slot);
            if (slotById.put(id, slot) != MISSING)
            {
                throw new IllegalStateException("state image holds instrument " + id + " twice");
            }
            index(id, slot);
            int i = slot;
            while (i > 0 && id(slotsById[i - 1]) > id)
            {
                slotsById[i] = slotsById[i - 1];
                i--;
            }
            slotsById[i] = slot;
        }
    }
}
