package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.MarginMode;
import io.marginengine.journal.sbe.MarginModeChangeDecoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.Side;

import static io.marginengine.engine.logic.Int128Math.CEILING;

/**
 * Positions: netting of fills with cost-based entry and realized PnL, fees, liquidation fills
 * counted against their order, and the margin mode of each (account, instrument) (SPEC section 3, docs/RULES.md section 3).
 * <p>
 * A fill is applied, then every ladder it touches is computed; if any of that overflows the
 * account record and the instrument price are put back and the fill is refused, so a fill
 * is applied whole or not at all.
 */
public final class PositionKeeper
{
    private static final String FILL = "fill";

    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final LadderSweep sweep;
    private final CallLadder ladder;
    private final Totals totals;
    private final InsuranceFund fund;
    private final int fundSlot;
    private long lastFee;

    /** Realized PnL of the last {@link #applyFill}. */
    private long lastRealized;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param lookups     id resolution.
     * @param numbers     decimal normalization.
     * @param rejection   where refusals are written.
     * @param sweep       multi-ladder evaluation.
     * @param ladder      single-ladder evaluation.
     * @param totals      money tallies.
     * @param fund        the insurance fund.
     */
    public PositionKeeper(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final Lookups lookups, final InputNumbers numbers, final Rejection rejection, final LadderSweep sweep,
        final CallLadder ladder, final Totals totals, final InsuranceFund fund)
    {
        this.fund = fund;
        this.fundSlot = fund.slot();
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.lookups = lookups;
        this.numbers = numbers;
        this.rejection = rejection;
        this.sweep = sweep;
        this.ladder = ladder;
        this.totals = totals;
    }

    /**
     * Applies a {@code fill}.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void fill(final FillDecoder in, final long now)
    {
        final int slot = lookups.account(in.account(), FILL);
        final int instrumentId = in.instrument();
        final int inst = lookups.instrument(instrumentId, FILL);
        final long qty = numbers.positive(in.qty(), instruments.qtyScale(inst), FILL, "qty");
        final long price = numbers.positive(in.price(), instruments.priceScale(inst), FILL, "price");
        final long fee = numbers.optional(in.fee(), MarginCalculator.MONEY_SCALE, FILL, "fee", 0);
        final short sideRaw = in.sideRaw();
        final short liquidationRaw = in.liquidationRaw();
        if ((sideRaw != Side.BUY.value() && sideRaw != Side.SELL.value()) ||
            (liquidationRaw != BooleanType.TRUE.value() && liquidationRaw != BooleanType.FALSE.value()))
        {
            rejection.reason().append("fill fields 'side' and 'liquidation' must be buy or sell and true or false");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final boolean sell = sideRaw == Side.SELL.value();
        final boolean liquidation = liquidationRaw == BooleanType.TRUE.value();
        final int existing = accounts.findPosition(slot, instrumentId);
        if (liquidation)
        {
            checkLiquidationFill(in, slot, existing, sell ? Side.SELL : Side.BUY, qty);
        }
        requireRoom(slot, existing, instrumentId, FILL);

        final boolean priceMoves = !instruments.hasFlag(inst, InstrumentStore.FLAG_HAS_MARK) &&
            (!instruments.hasFlag(inst, InstrumentStore.FLAG_HAS_PRICE) || instruments.mark(inst) != price);
        final int position = applyWhole(in.account(), slot, inst, instrumentId, sell, qty, price, fee, liquidation, priceMoves);
        totals.fill(lastRealized, fee);
        final int own = position >= 0 && accounts.isIsolated(position) ? position : AccountStore.MISSING;
        if (liquidation)
        {
            fund.reportFee(slot, lastFee);
        }
        if (slot == fundSlot && own == AccountStore.MISSING)
        {
            fund.report(fund.accountId(), lastRealized - fee);
        }
        final boolean deficit = fund.coverDeficit(slot, own);
        if (priceMoves)
        {
            sweep.evaluateTickAnd(instrumentId, slot, own, now);
        }
        else if (deficit || liquidation)
        {
            ladder.evaluate(slot, own, now);
        }
        else
        {
            // applyWhole computed this ladder (cross, or the isolated position) after the fill
            ladder.evaluateComputed(slot, own, now);
        }
    }

    /**
     * Applies a fill and computes every ladder it changes; if any of that overflows, puts the
     * account record, the fund's wallet and the instrument's price back and refuses the fill.
     *
     * @return the position's offset, or -1 when it was closed and removed.
     */
    private int applyWhole(
        final long accountId, final int slot, final int inst, final int instrumentId, final boolean sell, final long qty,
        final long price, final long fee, final boolean liquidation, final boolean priceMoves)
    {
        accounts.save(slot);
        final long savedFund = accounts.wallet(fundSlot);
        final long savedMark = instruments.mark(inst);
        final int savedFlags = instruments.flags(inst);
        try
        {
            if (priceMoves)
            {
                instruments.mark(inst, price);
                instruments.flags(inst, savedFlags | InstrumentStore.FLAG_HAS_PRICE);
            }
            final int position = applyFill(slot, inst, instrumentId, sell ? -qty : qty, price, fee);
            if (liquidation)
            {
                settleLiquidationFill(position, slot, inst, sell, qty, price);
            }
            calculator.cross(slot);
            if (position >= 0 && accounts.isIsolated(position))
            {
                calculator.isolated(position);
            }
            if (priceMoves)
            {
                sweep.validateTick(instrumentId);
            }
            return position;
        }
        catch (final ArithmeticOverflowException ex)
        {
            accounts.restore(slot);
            accounts.wallet(fundSlot, savedFund);
            instruments.mark(inst, savedMark);
            instruments.flags(inst, savedFlags);
            rejection.reason().append("fill of ").appendDecimal(qty, instruments.qtyScale(inst)).append(" at ")
                .appendDecimal(price, instruments.priceScale(inst)).append(" for account ").append(accountId)
                .append(" refused: the position or its margin would leave the 64-bit range");
            throw rejection.reject(RejectCode.OVERFLOW);
        }
    }

    private void requireRoom(final int slot, final int existing, final int instrumentId, final String input)
    {
        if (existing == AccountStore.MISSING && accounts.positionCount(slot) == accounts.maxPositions())
        {
            rejection.reason().append(input).append(" on instrument ").append(instrumentId).append(" refused: account ")
                .append(accounts.id(slot)).append(" already holds its maximum of ").append(accounts.maxPositions())
                .append(" positions");
            throw rejection.reject(RejectCode.CAPACITY);
        }
    }

    private void checkLiquidationFill(final FillDecoder in, final int slot, final int position, final Side side, final long qty)
    {
        final int ladderOffset = accounts.ladderOf(slot, position);
        final long orderId = in.orderId();
        final boolean matches = LadderDescriptor.isOutstanding(accounts.buffer(), ladderOffset, orderId, in.instrument()) &&
            LadderDescriptor.orderSide(accounts.buffer(), ladderOffset) ==
                (side == Side.SELL ? LadderDescriptor.SIDE_SELL : LadderDescriptor.SIDE_BUY) &&
            qty <= LadderDescriptor.orderRemaining(accounts.buffer(), ladderOffset);
        if (!matches)
        {
            rejection.reason().append("liquidation fill refused: order ").append(orderId == FillDecoder.orderIdNullValue() ? 0 : orderId)
                .append(" is not the outstanding liquidation order of account ").append(in.account())
                .append(" on instrument ").append(in.instrument()).append(", or its side or quantity do not match");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
    }

    /**
     * Counts a liquidation fill against its order and moves the liquidation fee out of the
     * surplus over the order's limit (the bankruptcy price) to the insurance fund (reported
     * once the fill is known to apply whole):
     * {@code min(ceil$(liquidationFeeRate x N), floor$(qty x (price - limit) x m))} for a
     * sell, mirrored for a buy; the rest of the surplus stays with the account.
     */
    private void settleLiquidationFill(
        final int position, final int slot, final int inst, final boolean sell, final long qty, final long price)
    {
        final int ladderOffset = accounts.ladderOf(slot, position);
        lastFee = 0;
        final long limit = LadderDescriptor.orderPrice(accounts.buffer(), ladderOffset);
        final long better = sell ? price - limit : limit - price;
        if (better > 0)
        {
            final long surplus = Int128Math.mulDiv(Int128Math.multiply(qty, instruments.num(inst)), better,
                instruments.den(inst), Int128Math.FLOOR);
            final long fullFee = Int128Math.mulDiv(instruments.feeRate(inst), calculator.notional(inst, qty, price),
                MarginCalculator.RATE_ONE, CEILING);
            final long fee = Math.min(fullFee, surplus);
            Wallets.credit(accounts, slot, position >= 0 ? position : AccountStore.MISSING, -fee);
            accounts.wallet(fundSlot, Int128Math.add(accounts.wallet(fundSlot), fee));
            lastFee = fee;
        }
        final long remaining = LadderDescriptor.orderRemaining(accounts.buffer(), ladderOffset) - qty;
        if (remaining == 0)
        {
            LadderDescriptor.clearOrder(accounts.buffer(), ladderOffset);
        }
        else
        {
            LadderDescriptor.orderRemaining(accounts.buffer(), ladderOffset, remaining);
        }
    }

    /**
     * Nets a fill into the position and pays realized PnL less the fee to the wallet that
     * backs it. A cross position that returns to zero is removed.
     *
     * @param slot         account slot.
     * @param inst         instrument slot.
     * @param instrumentId instrument id.
     * @param signed       signed fill quantity.
     * @param price        fill price.
     * @param fee          fee charged, money.
     * @return the position's offset, or -1 when it was removed.
     */
    public int applyFill(final int slot, final int inst, final int instrumentId, final long signed, final long price, final long fee)
    {
        int p = accounts.findPosition(slot, instrumentId);
        if (p == AccountStore.MISSING)
        {
            p = accounts.insertPosition(slot, instrumentId, inst);
        }
        final long q = accounts.qty(p);
        final long c = accounts.cost(p);
        long realized = 0;
        if (q == 0 || (q > 0) == (signed > 0))
        {
            accounts.qty(p, Int128Math.add(q, signed));
            accounts.cost(p, Int128Math.add(c, Int128Math.multiply(signed, price)));
        }
        else
        {
            final long qAbs = Math.abs(q);
            final long k = Math.min(Math.abs(signed), qAbs);
            final long closed = q > 0 ? k : -k;
            final long removed = MarginCalculator.removedCost(c, k, qAbs);
            realized = calculator.pnl(inst, closed, removed, price);
            final long rest = signed + closed;
            accounts.qty(p, q - closed + rest);
            accounts.cost(p, Int128Math.add(c - removed, Int128Math.multiply(rest, price)));
        }
        final long credit = Int128Math.subtract(realized, fee);
        if (accounts.isIsolated(p))
        {
            accounts.isolatedWallet(p, Int128Math.add(accounts.isolatedWallet(p), credit));
        }
        else
        {
            accounts.wallet(slot, Int128Math.add(accounts.wallet(slot), credit));
        }
        lastRealized = realized;
        if (accounts.qty(p) == 0 && !accounts.isIsolated(p))
        {
            accounts.removePosition(slot, p);
            return -1;
        }
        return p;
    }

    /** @return realized PnL of the last {@link #applyFill}. */
    public long lastRealized()
    {
        return lastRealized;
    }

    /**
     * Applies {@code margin_mode}.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void marginMode(final MarginModeChangeDecoder in, final long now)
    {
        final String input = "margin_mode";
        final int slot = lookups.account(in.account(), input);
        final int instrumentId = in.instrument();
        final int inst = lookups.instrument(instrumentId, input);
        final short modeRaw = in.modeRaw();
        final MarginMode mode = modeRaw == MarginMode.CROSS.value() ? MarginMode.CROSS :
            modeRaw == MarginMode.ISOLATED.value() ? MarginMode.ISOLATED : MarginMode.NULL_VAL;
        if (mode == MarginMode.NULL_VAL)
        {
            rejection.reason().append("margin_mode field 'mode' must be cross or isolated");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final int p = accounts.findPosition(slot, instrumentId);
        final boolean isolatedNow = p != AccountStore.MISSING && accounts.isIsolated(p);
        if (isolatedNow == (mode == MarginMode.ISOLATED))
        {
            return;
        }
        if (p != AccountStore.MISSING && accounts.qty(p) != 0)
        {
            rejection.reason().append("margin_mode refused: account ").append(in.account()).append(" holds a position of ")
                .appendDecimal(accounts.qty(p), instruments.qtyScale(inst)).append(" on instrument ").append(instrumentId)
                .append("; the mode can change only while flat");
            throw rejection.reject(RejectCode.NOT_ALLOWED);
        }
        if (mode == MarginMode.ISOLATED)
        {
            requireRoom(slot, p, instrumentId, input);
            accounts.isolated(accounts.insertPosition(slot, instrumentId, inst), true);
            return;
        }
        if (LadderDescriptor.status(accounts.buffer(), accounts.isolatedLadder(p)) != LadderDescriptor.NORMAL)
        {
            rejection.reason().append("margin_mode refused: the isolated position of account ").append(in.account())
                .append(" on instrument ").append(instrumentId).append(" is not NORMAL");
            throw rejection.reject(RejectCode.NOT_ALLOWED);
        }
        final long returned = accounts.isolatedWallet(p);
        final long wallet = Int128Math.add(accounts.wallet(slot), returned);
        accounts.wallet(slot, wallet);
        accounts.removePosition(slot, p);
        if (slot == fundSlot)
        {
            fund.report(fund.accountId(), returned);
        }
        ladder.evaluate(slot, AccountStore.MISSING, now);
    }

}
