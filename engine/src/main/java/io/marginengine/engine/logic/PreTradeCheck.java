package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.egress.ReasonBuilder;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;
import io.marginengine.journal.sbe.CheckDecoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.Side;

/**
 * Answers a colocated matching engine's pre-trade {@code check} (SPEC section 4 "Other
 * inputs", docs/RULES.md section 3): an order that reduces the position is accepted; any
 * other is refused while its ladder is called or liquidating, else accepted only if the
 * ladder's equity would cover its initial requirement after the fill. The fill is simulated
 * on the real record and undone, so the answer uses exactly the rules a real fill would.
 */
public final class PreTradeCheck
{
    private static final String INPUT = "check";

    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final PositionKeeper positions;
    private final OutputPublisher publisher;
    private final ReasonBuilder reason = new ReasonBuilder();

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param lookups     id resolution.
     * @param numbers     decimal normalization.
     * @param rejection   where refusals of malformed checks are written.
     * @param positions   fill netting, for the simulation.
     * @param publisher   outputs.
     */
    public PreTradeCheck(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final Lookups lookups, final InputNumbers numbers, final Rejection rejection, final PositionKeeper positions,
        final OutputPublisher publisher)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.lookups = lookups;
        this.numbers = numbers;
        this.rejection = rejection;
        this.positions = positions;
        this.publisher = publisher;
    }

    /**
     * Answers a {@code check} with a {@code check_result}.
     *
     * @param in decoded input.
     */
    public void check(final CheckDecoder in)
    {
        final long accountId = in.account();
        final int slot = lookups.account(accountId, INPUT);
        final int instrumentId = in.instrument();
        final int inst = lookups.instrument(instrumentId, INPUT);
        final long qty = numbers.positive(in.qty(), instruments.qtyScale(inst), INPUT, "qty");
        final long price = numbers.positive(in.price(), instruments.priceScale(inst), INPUT, "price");
        final short sideRaw = in.sideRaw();
        final Side side = sideRaw == Side.BUY.value() ? Side.BUY : sideRaw == Side.SELL.value() ? Side.SELL : Side.NULL_VAL;
        if (side == Side.NULL_VAL)
        {
            rejection.reason().append("check field 'side' must be buy or sell");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final long signed = side == Side.BUY ? qty : -qty;
        final int p = accounts.findPosition(slot, instrumentId);
        final long q = p == AccountStore.MISSING ? 0 : accounts.qty(p);
        if (q != 0 && (q > 0) != (signed > 0) && qty <= Math.abs(q))
        {
            answer(accountId, instrumentId, true, RejectCode.ACCEPTED, reason.clear().append("the order reduces the position"));
            return;
        }
        final int ladder = accounts.ladderOf(slot, p);
        final int status = LadderDescriptor.status(accounts.buffer(), ladder);
        if (status != LadderDescriptor.NORMAL)
        {
            answer(accountId, instrumentId, false, RejectCode.NOT_ALLOWED, reason.clear().append("account ").append(accountId)
                .append(status == LadderDescriptor.MARGIN_CALL ? " is in MARGIN_CALL" : " is LIQUIDATING")
                .append(": only orders that reduce the position are accepted"));
            return;
        }
        if (p == AccountStore.MISSING && accounts.positionCount(slot) == accounts.maxPositions())
        {
            answer(accountId, instrumentId, false, RejectCode.CAPACITY, reason.clear().append("account ").append(accountId)
                .append(" already holds its maximum of ").append(accounts.maxPositions()).append(" positions"));
            return;
        }
        simulate(slot, inst, instrumentId, accountId, signed, price);
    }

    private void simulate(final int slot, final int inst, final int instrumentId, final long accountId, final long signed, final long price)
    {
        accounts.save(slot);
        final long savedMark = instruments.mark(inst);
        final int savedFlags = instruments.flags(inst);
        boolean overflow = false;
        long equity = 0;
        long initial = 0;
        try
        {
            if (!instruments.hasFlag(inst, InstrumentStore.FLAG_HAS_PRICE))
            {
                instruments.mark(inst, price);
            }
            final int p = positions.applyFill(slot, inst, instrumentId, signed, price, 0);
            calculator.ladder(slot, p != AccountStore.MISSING && accounts.isIsolated(p) ? p : AccountStore.MISSING);
            equity = calculator.equity;
            initial = calculator.initial;
        }
        catch (final ArithmeticOverflowException ex)
        {
            overflow = true;
        }
        finally
        {
            accounts.restore(slot);
            instruments.mark(inst, savedMark);
            instruments.flags(inst, savedFlags);
        }
        if (overflow)
        {
            answer(accountId, instrumentId, false, RejectCode.OVERFLOW,
                reason.clear().append("the position or its margin would leave the 64-bit range after the fill"));
        }
        else if (equity >= initial)
        {
            answer(accountId, instrumentId, true, RejectCode.ACCEPTED, reason.clear().append("equity ")
                .appendDecimal(equity, MarginCalculator.MONEY_SCALE).append(" covers initial margin ").appendDecimal(initial, MarginCalculator.MONEY_SCALE)
                .append(" after the fill"));
        }
        else
        {
            answer(accountId, instrumentId, false, RejectCode.INSUFFICIENT_MARGIN, reason.clear().append("equity ")
                .appendDecimal(equity, MarginCalculator.MONEY_SCALE).append(" would be below initial margin ")
                .appendDecimal(initial, MarginCalculator.MONEY_SCALE).append(" after the fill"));
        }
    }

    private void answer(final long accountId, final int instrumentId, final boolean accepted, final RejectCode code, final ReasonBuilder why)
    {
        publisher.checkResult(accountId, instrumentId, accepted, code, why);
    }
}
