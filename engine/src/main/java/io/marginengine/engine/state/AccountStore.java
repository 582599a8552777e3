package io.marginengine.engine.state;

import io.marginengine.engine.snapshot.StateImage;
import org.agrona.BitUtil;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Owns the accounts: one fixed-size off-heap record per account, with its positions inline,
 * allocated at start for the configured maximum, and a primitive index from account id to
 * slot. Slots are handed out in creation order and never freed, so slot order is account
 * creation order (the order in which ladders are evaluated, docs/RULES.md section 4).
 * <p>
 * Account record:
 * <pre>
 *   0  account id (long)
 *   8  cross wallet WB (money)
 *  16  position count (int) | pad
 *  24  cross ladder (LadderDescriptor, LENGTH = 48 bytes)
 *  72  positions[maxPositions], ascending instrument id, each POSITION_LENGTH = 88 bytes:
 *        0  instrument id (int)
 *        4  instrument slot (int)
 *        8  flags (int): 1 = isolated
 *       12  pad
 *       16  qty (signed, qty raw)
 *       24  cost C (signed, qty raw x price raw)
 *       32  isolated wallet IWB (money)
 *       40  isolated ladder (LadderDescriptor, 48 bytes)
 * </pre>
 * Ladder fields are reached through the offset of the ladder in {@link #buffer()};
 * see {@link LadderDescriptor}.
 */
public final class AccountStore
{
    /** Index lookups answer this for an unknown id. */
    public static final int MISSING = -1;
    /** Position flag: the position is isolated. */
    public static final int FLAG_ISOLATED = 1;

    static final int ID_OFFSET = 0;
    static final int WALLET_OFFSET = ID_OFFSET + SIZE_OF_LONG;
    static final int POSITION_COUNT_OFFSET = WALLET_OFFSET + SIZE_OF_LONG;
    static final int CROSS_LADDER_OFFSET = POSITION_COUNT_OFFSET + SIZE_OF_LONG;
    static final int POSITIONS_OFFSET = CROSS_LADDER_OFFSET + LadderDescriptor.LENGTH;

    static final int POS_INSTRUMENT_OFFSET = 0;
    static final int POS_INSTRUMENT_SLOT_OFFSET = POS_INSTRUMENT_OFFSET + SIZE_OF_INT;
    static final int POS_FLAGS_OFFSET = POS_INSTRUMENT_SLOT_OFFSET + SIZE_OF_INT;
    static final int POS_QTY_OFFSET = POS_FLAGS_OFFSET + SIZE_OF_LONG;
    static final int POS_COST_OFFSET = POS_QTY_OFFSET + SIZE_OF_LONG;
    static final int POS_IWB_OFFSET = POS_COST_OFFSET + SIZE_OF_LONG;
    static final int POS_LADDER_OFFSET = POS_IWB_OFFSET + SIZE_OF_LONG;
    /** Bytes per position. */
    public static final int POSITION_LENGTH = POS_LADDER_OFFSET + LadderDescriptor.LENGTH;

    private final UnsafeBuffer buffer;
    private final UnsafeBuffer saved;
    private final Long2LongHashMap slotById;
    private final HolderIndex holders;
    private final int capacity;
    private final int maxPositions;
    private final int recordLength;
    private int count;

    /**
     * Allocates the store.
     *
     * @param capacity     most accounts it will ever hold.
     * @param maxPositions most positions (open or isolated-and-flat) per account.
     * @param maxInstruments instrument slots, for the index of holders by instrument.
     */
    public AccountStore(final int capacity, final int maxPositions, final int maxInstruments)
    {
        this.capacity = capacity;
        this.maxPositions = maxPositions;
        this.recordLength = BitUtil.align(POSITIONS_OFFSET + maxPositions * POSITION_LENGTH, 64);
        final long bytes = (long)capacity * recordLength;
        if (bytes > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(
                "account store of " + capacity + " accounts x " + recordLength + " bytes exceeds 2 GiB; lower maxAccounts or maxPositionsPerAccount");
        }
        this.buffer = new UnsafeBuffer(ByteBuffer.allocateDirect((int)bytes));
        this.slotById = new Long2LongHashMap(Math.max(16, capacity * 2), 0.65f, MISSING);
        this.saved = new UnsafeBuffer(ByteBuffer.allocateDirect(recordLength));
        this.holders = new HolderIndex(capacity, maxInstruments);
    }

    /** @return which accounts hold a position record on each instrument, in slot order. */
    public HolderIndex holders()
    {
        return holders;
    }

    /**
     * Copies one account record aside, so that an input found to overflow half way can be
     * undone with {@link #restore(int)}. One record is kept at a time.
     *
     * @param slot account slot.
     */
    public void save(final int slot)
    {
        saved.putBytes(0, buffer, offset(slot), recordLength);
    }

    /**
     * Puts back the record copied by {@link #save(int)}.
     *
     * @param slot the same account slot.
     */
    public void restore(final int slot)
    {
        indexPositions(slot, false);
        buffer.putBytes(offset(slot), saved, 0, recordLength);
        indexPositions(slot, true);
    }

    private void indexPositions(final int slot, final boolean held)
    {
        final int n = positionCount(slot);
        for (int i = 0; i < n; i++)
        {
            final int instrumentSlot = instrumentSlot(position(slot, i));
            if (held)
            {
                holders.add(instrumentSlot, slot);
            }
            else
            {
                holders.remove(instrumentSlot, slot);
            }
        }
    }

    /** @return accounts opened so far. */
    public int count()
    {
        return count;
    }

    /** @return true when no further account fits. */
    public boolean isFull()
    {
        return count == capacity;
    }

    /** @return most positions per account. */
    public int maxPositions()
    {
        return maxPositions;
    }

    /**
     * @param accountId external id.
     * @return its slot, or {@link #MISSING}.
     */
    public int slotOf(final long accountId)
    {
        return (int)slotById.get(accountId);
    }

    /**
     * Opens an account with an empty wallet and no positions.
     *
     * @param accountId external id, not yet present; the store must not be full.
     * @return the new slot.
     */
    public int add(final long accountId)
    {
        final int slot = count++;
        buffer.setMemory(offset(slot), recordLength, (byte)0);
        buffer.putLong(offset(slot) + ID_OFFSET, accountId);
        slotById.put(accountId, slot);
        return slot;
    }

    private int offset(final int slot)
    {
        return slot * recordLength;
    }

    /** @return the backing buffer: ladder fields are read through it with {@link LadderDescriptor}. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return bytes per account record. */
    public int recordLength()
    {
        return recordLength;
    }

    /**
     * External id of the account in a slot, as inputs and outputs name it.
     *
     * @param slot account slot.
     * @return account id.
     */
    public long id(final int slot)
    {
        return buffer.getLong(offset(slot) + ID_OFFSET);
    }

    /**
     * Cross wallet balance WB: the money backing the account's cross positions.
     *
     * @param slot account slot.
     * @return WB, money (scale 8).
     */
    public long wallet(final int slot)
    {
        return buffer.getLong(offset(slot) + WALLET_OFFSET);
    }

    /**
     * Sets the cross wallet balance WB. The store does no range check: callers form the value with
     * {@code Int128Math} so that it never wraps.
     *
     * @param slot account slot.
     * @param value WB, money.
     */
    public void wallet(final int slot, final long value)
    {
        buffer.putLong(offset(slot) + WALLET_OFFSET, value);
    }

    /**
     * Positions held, open or isolated-and-flat: the bound for {@link #position(int, int)}.
     *
     * @param slot account slot.
     * @return 0 to {@link #maxPositions()}.
     */
    public int positionCount(final int slot)
    {
        return buffer.getInt(offset(slot) + POSITION_COUNT_OFFSET);
    }

    /**
     * @param slot account slot.
     * @return offset of the cross ladder in {@link #buffer()}.
     */
    public int crossLadder(final int slot)
    {
        return offset(slot) + CROSS_LADDER_OFFSET;
    }

    /**
     * @param slot  account slot.
     * @param index position index, below {@link #positionCount(int)}.
     * @return offset of that position in {@link #buffer()}.
     */
    public int position(final int slot, final int index)
    {
        return offset(slot) + POSITIONS_OFFSET + index * POSITION_LENGTH;
    }

    /**
     * Finds a position by instrument.
     *
     * @param slot         account slot.
     * @param instrumentId instrument id.
     * @return the position's offset, or {@link #MISSING}.
     */
    public int findPosition(final int slot, final int instrumentId)
    {
        final int n = positionCount(slot);
        for (int i = 0; i < n; i++)
        {
            final int p = position(slot, i);
            if (buffer.getInt(p + POS_INSTRUMENT_OFFSET) == instrumentId)
            {
                return p;
            }
        }
        return MISSING;
    }

    /**
     * Inserts an empty cross position, keeping positions in ascending instrument id.
     *
     * @param slot           account slot; must have room.
     * @param instrumentId   instrument id, not yet held.
     * @param instrumentSlot its slot in the instrument store.
     * @return the new position's offset.
     */
    public int insertPosition(final int slot, final int instrumentId, final int instrumentSlot)
    {
        final int n = positionCount(slot);
        int i = n;
        while (i > 0 && instrumentId(position(slot, i - 1)) > instrumentId)
        {
            buffer.putBytes(position(slot, i), buffer, position(slot, i - 1), POSITION_LENGTH);
            i--;
        }
        final int p = position(slot, i);
        buffer.setMemory(p, POSITION_LENGTH, (byte)0);
        buffer.putInt(p + POS_INSTRUMENT_OFFSET, instrumentId);
        buffer.putInt(p + POS_INSTRUMENT_SLOT_OFFSET, instrumentSlot);
        buffer.putInt(offset(slot) + POSITION_COUNT_OFFSET, n + 1);
        holders.add(instrumentSlot, slot);
        return p;
    }

    /**
     * Removes a position, closing the gap.
     *
     * @param slot     account slot.
     * @param position offset of the position to remove.
     */
    public void removePosition(final int slot, final int position)
    {
        final int n = positionCount(slot);
        final int last = position(slot, n - 1);
        holders.remove(instrumentSlot(position), slot);
        for (int p = position; p < last; p += POSITION_LENGTH)
        {
            buffer.putBytes(p, buffer, p + POSITION_LENGTH, POSITION_LENGTH);
        }
        buffer.setMemory(last, POSITION_LENGTH, (byte)0);
        buffer.putInt(offset(slot) + POSITION_COUNT_OFFSET, n - 1);
    }

    /**
     * Instrument id of a position, the key positions are sorted and found by.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @return instrument id.
     */
    public int instrumentId(final int position)
    {
        return buffer.getInt(position + POS_INSTRUMENT_OFFSET);
    }

    /**
     * Instrument store slot of a position, kept so valuing it needs no id lookup.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @return slot in the instrument store.
     */
    public int instrumentSlot(final int position)
    {
        return buffer.getInt(position + POS_INSTRUMENT_SLOT_OFFSET);
    }

    /**
     * Whether a position is isolated (its own ladder, backed by IWB) rather than cross (backed by WB).
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @return true when isolated.
     */
    public boolean isIsolated(final int position)
    {
        return (buffer.getInt(position + POS_FLAGS_OFFSET) & FLAG_ISOLATED) != 0;
    }

    /**
     * Sets the margin mode of a position; the engine changes it only while the position is flat
     * (SPEC section 5, {@code margin_mode}).
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @param isolated true for isolated, false for cross.
     */
    public void isolated(final int position, final boolean isolated)
    {
        buffer.putInt(position + POS_FLAGS_OFFSET, isolated ? FLAG_ISOLATED : 0);
    }

    /**
     * Signed quantity of a position: positive long, negative short, 0 flat.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @return qty raw, lot steps.
     */
    public long qty(final int position)
    {
        return buffer.getLong(position + POS_QTY_OFFSET);
    }

    /**
     * Sets the signed quantity of a position.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @param qty qty raw, signed.
     */
    public void qty(final int position, final long qty)
    {
        buffer.putLong(position + POS_QTY_OFFSET, qty);
    }

    /**
     * Signed cost C of a position: sum of signed qty x price over its opening fills, kept exact so
     * that entry price and PnL never accumulate rounding (docs/RULES.md section 1).
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @return C at scale qtyScale + priceScale.
     */
    public long cost(final int position)
    {
        return buffer.getLong(position + POS_COST_OFFSET);
    }

    /**
     * Sets the signed cost C of a position.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @param cost C at scale qtyScale + priceScale.
     */
    public void cost(final int position, final long cost)
    {
        buffer.putLong(position + POS_COST_OFFSET, cost);
    }

    /**
     * Isolated wallet IWB: the margin backing an isolated position; 0 for a cross position.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @return IWB, money (scale 8).
     */
    public long isolatedWallet(final int position)
    {
        return buffer.getLong(position + POS_IWB_OFFSET);
    }

    /**
     * Sets the isolated wallet IWB. The store does no range check: callers form the value with
     * {@code Int128Math} so that it never wraps.
     *
     * @param position position offset in {@link #buffer()}, from {@link #position} or {@link #findPosition}.
     * @param value IWB, money.
     */
    public void isolatedWallet(final int position, final long value)
    {
        buffer.putLong(position + POS_IWB_OFFSET, value);
    }

    /**
     * The ladder that backs a position: its own when isolated, else the account's cross ladder.
     *
     * @param slot     account slot.
     * @param position position offset, or {@link #MISSING} (then the cross ladder).
     * @return the ladder's offset in {@link #buffer()}.
     */
    public int ladderOf(final int slot, final int position)
    {
        return position != MISSING && isIsolated(position) ? isolatedLadder(position) : crossLadder(slot);
    }

    /**
     * @param position position offset.
     * @return offset of the position's isolated ladder in {@link #buffer()}.
     */
    public int isolatedLadder(final int position)
    {
        return position + POS_LADDER_OFFSET;
    }

    /** Section mark of the accounts in a state image: "ACCOUNTS" in ASCII, little-endian. */
    public static final long IMAGE_SECTION = 0x53544E554F434341L;

    /**
     * Bytes {@link #writeTo} needs at most: mark, count, two lengths and every slot full.
     *
     * @return the bound.
     */
    public long maxImageLength()
    {
        return 4L * SIZE_OF_LONG + (long)capacity * (POSITIONS_OFFSET + (long)maxPositions * POSITION_LENGTH);
    }

    /**
     * Bytes {@link #writeTo} needs for the accounts held now.
     *
     * @return the length, found by a pass over the accounts.
     */
    public long imageLength()
    {
        long length = 4L * SIZE_OF_LONG;
        for (int slot = 0; slot < count; slot++)
        {
            length += POSITIONS_OFFSET + (long)positionCount(slot) * POSITION_LENGTH;
        }
        return length;
    }

    /**
     * Appends the accounts to a state image: the section mark, the count, the length of the
     * fixed part of a record and of a position, then for each used slot in slot order
     * (creation order) the fixed part of its record (id, wallet, position count, cross ladder)
     * and its positions in use, and nothing of the positions it could still hold. So the image
     * and the digest do not depend on {@code maxPositionsPerAccount} or {@code maxAccounts};
     * copying costs what the accounts hold. The id index is derived and not written.
     *
     * @param image where the section goes; must have room ({@link #maxImageLength()}).
     */
    public void writeTo(final StateImage image)
    {
        image.putLong(IMAGE_SECTION).putLong(count).putLong(POSITIONS_OFFSET).putLong(POSITION_LENGTH);
        final long recordLength = this.recordLength;
        final long end = buffer.addressOffset() + count * recordLength;
        // raw reads of this store's own used records: bounds checks would cost as much as the copy
        for (long address = buffer.addressOffset(); address < end; address += recordLength)
        {
            image.putMemory(address, POSITIONS_OFFSET + org.agrona.UnsafeApi.getInt(address + POSITION_COUNT_OFFSET) * POSITION_LENGTH);
        }
    }

    /**
     * Replaces every account by those of a state image section written by {@link #writeTo}:
     * each record's unused positions are zeroed, as a fresh store keeps them, and the id
     * index and the holder index are rebuilt.
     *
     * @param image positioned at the section.
     * @throws IllegalStateException with a sentence when the section is malformed, holds more
     *                               accounts than {@code maxAccounts} or an account with more
     *                               positions than {@code maxPositionsPerAccount}.
     */
    public void readFrom(final StateImage image)
    {
        image.expectLong("the accounts section mark", IMAGE_SECTION);
        final int n = (int)image.getLong("the account count (maxAccounts " + capacity + ")", 0, capacity);
        image.expectLong("the length of an account record's fixed part", POSITIONS_OFFSET);
        image.expectLong("the length of a position", POSITION_LENGTH);
        slotById.clear();
        holders.clear();
        for (int slot = 0; slot < n; slot++)
        {
            final int offset = offset(slot);
            image.getBytes(buffer, offset, POSITIONS_OFFSET, "account record " + slot);
            final int positions = positionCount(slot);
            if (positions < 0 || positions > maxPositions)
            {
                throw new IllegalStateException("state image: account " + id(slot) + " holds " + positions +
                    " positions: expected 0 to maxPositionsPerAccount " + maxPositions);
            }
            image.getBytes(buffer, offset + POSITIONS_OFFSET, positions * POSITION_LENGTH,
                "the positions of account " + id(slot));
            final int used = POSITIONS_OFFSET + positions * POSITION_LENGTH;
            buffer.setMemory(offset + used, recordLength - used, (byte)0);
            if (slotById.put(id(slot), slot) != MISSING)
            {
                throw new IllegalStateException("state image holds account " + id(slot) + " twice");
            }
            indexPositions(slot, true);
        }
        count = n;
    }
}
