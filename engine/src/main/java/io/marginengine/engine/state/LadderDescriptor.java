package io.marginengine.engine.state;

import org.agrona.concurrent.UnsafeBuffer;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of one margin-call ladder (docs/RULES.md section 4): the cross part of an account
 * and every isolated position each carry one, inline in their account record.
 * <pre>
 *   0  status (int): NORMAL 0, MARGIN_CALL 1, LIQUIDATING 2 (as the SBE LadderStatus)
 *   4  instrument id of the outstanding liquidation order (int)
 *   8  deadline of the margin call (ns)
 *  16  outstanding liquidation order id (0: none)
 *  24  remaining quantity of that order (qty raw, unsigned)
 *  32  side of that order (int): 0 buy, 1 sell | pad
 *  40  limit price of that order (price raw)
 *  48  (LENGTH)
 * </pre>
 */
public final class LadderDescriptor
{
    /** Status: not called; all inputs allowed. */
    public static final int NORMAL = 0;
    /** Status: called and waiting for a cure or the deadline; reduce-only. */
    public static final int MARGIN_CALL = 1;
    /** Status: liquidation orders being issued until cured or flat; reduce-only. */
    public static final int LIQUIDATING = 2;
    /** Order id meaning no order is outstanding. */
    public static final long NO_ORDER = 0;
    /** Side of an order that buys (closes a short). */
    public static final int SIDE_BUY = 0;
    /** Side of an order that sells (closes a long). */
    public static final int SIDE_SELL = 1;

    static final int STATUS_OFFSET = 0;
    static final int ORDER_INSTRUMENT_OFFSET = STATUS_OFFSET + SIZE_OF_INT;
    static final int DEADLINE_OFFSET = ORDER_INSTRUMENT_OFFSET + SIZE_OF_INT;
    static final int ORDER_ID_OFFSET = DEADLINE_OFFSET + SIZE_OF_LONG;
    static final int ORDER_REMAINING_OFFSET = ORDER_ID_OFFSET + SIZE_OF_LONG;
    static final int ORDER_SIDE_OFFSET = ORDER_REMAINING_OFFSET + SIZE_OF_LONG;
    static final int ORDER_PRICE_OFFSET = ORDER_SIDE_OFFSET + SIZE_OF_LONG;
    /** Bytes per ladder. */
    public static final int LENGTH = ORDER_PRICE_OFFSET + SIZE_OF_LONG;

    private LadderDescriptor()
    {
    }

    /**
     * Where the ladder is in the margin-call procedure.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return {@link #NORMAL}, {@link #MARGIN_CALL} or {@link #LIQUIDATING}.
     */
    public static int status(final UnsafeBuffer b, final int ladder)
    {
        return b.getInt(ladder + STATUS_OFFSET);
    }

    /**
     * Moves the ladder to another status.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @param status {@link #NORMAL}, {@link #MARGIN_CALL} or {@link #LIQUIDATING}.
     */
    public static void status(final UnsafeBuffer b, final int ladder, final int status)
    {
        b.putInt(ladder + STATUS_OFFSET, status);
    }

    /**
     * Deadline of the current margin call; kept in the ladder so that a queued deadline can be told
     * from a stale one (cured and called again).
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return input-time nanoseconds; meaningful only in {@link #MARGIN_CALL}.
     */
    public static long deadline(final UnsafeBuffer b, final int ladder)
    {
        return b.getLong(ladder + DEADLINE_OFFSET);
    }

    /**
     * Sets the deadline of a new margin call.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @param deadline input-time nanoseconds.
     */
    public static void deadline(final UnsafeBuffer b, final int ladder, final long deadline)
    {
        b.putLong(ladder + DEADLINE_OFFSET, deadline);
    }

    /**
     * Id of the outstanding liquidation order; a ladder has at most one, and issues no next one
     * until it is filled or expired.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return order id, or {@link #NO_ORDER}.
     */
    public static long orderId(final UnsafeBuffer b, final int ladder)
    {
        return b.getLong(ladder + ORDER_ID_OFFSET);
    }

    /**
     * Instrument of the outstanding order, checked against liquidation fills and expiries.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return instrument id; meaningless with {@link #NO_ORDER}.
     */
    public static int orderInstrument(final UnsafeBuffer b, final int ladder)
    {
        return b.getInt(ladder + ORDER_INSTRUMENT_OFFSET);
    }

    /**
     * Quantity of the outstanding order not yet filled; liquidation fills may not exceed it.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return qty raw, positive while an order is outstanding.
     */
    public static long orderRemaining(final UnsafeBuffer b, final int ladder)
    {
        return b.getLong(ladder + ORDER_REMAINING_OFFSET);
    }

    /**
     * Limit price of the outstanding order (the bankruptcy price): a fill's surplus over it pays the
     * liquidation fee.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return price raw.
     */
    public static long orderPrice(final UnsafeBuffer b, final int ladder)
    {
        return b.getLong(ladder + ORDER_PRICE_OFFSET);
    }

    /**
     * Side of the outstanding order, checked against liquidation fills.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @return 0 buy, 1 sell.
     */
    public static int orderSide(final UnsafeBuffer b, final int ladder)
    {
        return b.getInt(ladder + ORDER_SIDE_OFFSET);
    }

    /**
     * Records an outstanding liquidation order.
     *
     * @param b            buffer.
     * @param ladder       ladder offset.
     * @param orderId      its id.
     * @param instrumentId its instrument.
     * @param side         0 buy, 1 sell.
     * @param qty          quantity, qty raw.
     * @param price        limit price, price raw.
     */
    public static void order(
        final UnsafeBuffer b, final int ladder, final long orderId, final int instrumentId, final int side, final long qty,
        final long price)
    {
        b.putLong(ladder + ORDER_PRICE_OFFSET, price);
        b.putLong(ladder + ORDER_ID_OFFSET, orderId);
        b.putInt(ladder + ORDER_INSTRUMENT_OFFSET, instrumentId);
        b.putInt(ladder + ORDER_SIDE_OFFSET, side);
        b.putLong(ladder + ORDER_REMAINING_OFFSET, qty);
    }

    /**
     * Lowers the unfilled quantity after a partial liquidation fill.
     *
     * @param b      the account store's buffer.
     * @param ladder ladder offset, from {@code AccountStore.crossLadder} or {@code isolatedLadder}.
     * @param qty qty raw still to fill, positive (clear the order at zero with {@link #clearOrder}).
     */
    public static void orderRemaining(final UnsafeBuffer b, final int ladder, final long qty)
    {
        b.putLong(ladder + ORDER_REMAINING_OFFSET, qty);
    }

    /**
     * Whether a fill or expiry names the ladder's outstanding order.
     *
     * @param b            buffer.
     * @param ladder       ladder offset.
     * @param orderId      the order id named.
     * @param instrumentId the instrument named.
     * @return true when that order is outstanding on that instrument.
     */
    public static boolean isOutstanding(final UnsafeBuffer b, final int ladder, final long orderId, final int instrumentId)
    {
        final long outstanding = orderId(b, ladder);
        return outstanding != NO_ORDER && outstanding == orderId && orderInstrument(b, ladder) == instrumentId;
    }

    /**
     * Clears the outstanding order.
     *
     * @param b      buffer.
     * @param ladder ladder offset.
     */
    public static void clearOrder(final UnsafeBuffer b, final int ladder)
    {
        order(b, ladder, NO_ORDER, 0, 0, 0, 0);
    }
}
