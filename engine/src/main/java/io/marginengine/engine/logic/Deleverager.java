package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.HolderIndex;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;
import io.marginengine.journal.sbe.LiquidationExpiredDecoder;
import io.marginengine.journal.sbe.RejectCode;

import static io.marginengine.engine.logic.Int128Math.DOWN;

/**
 * Settles the unfilled remainder of a liquidation order (SPEC section 4, docs/RULES.md
 * section 5a): the insurance fund takes it over at the bankruptcy price when its equity
 * covers the initial requirement of what it would hold; otherwise it is auto-deleveraged
 * against opposite-side positions on the instrument, highest rank first (BitMEX's ranking:
 * PnL% x leverage when in profit, PnL% / leverage otherwise), each closed at the bankruptcy
 * price with an {@code adl} output. Then the fund covers any deficit and every touched ladder
 * is evaluated in the global order.
 * <p>
 * Candidates are found by scanning accounts and the best is picked one at a time, so the cost
 * is accounts x counterparties used; nothing is sorted or allocated.
 */
public final class Deleverager
{
    private static final String INPUT = "liquidation_expired";

    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final PositionKeeper positions;
    private final InsuranceFund fund;
    private final CallLadder ladder;
    private final OutputPublisher publisher;
    private final Totals totals;
    private final int[] touchedEpoch;
    private final int[] touchedInstrument;
    private final int[] settledSlots;
    private final int[] candidateSlots;
    private final boolean[] candidateRankedFlags;
    private final long[] candidateRanks;
    private int settledCount;
    private int epoch;

    private boolean candidateRanked;
    private long candidateRank;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param lookups     id resolution.
     * @param numbers     decimal normalization.
     * @param rejection   where refusals are written.
     * @param positions   fill netting.
     * @param fund        the insurance fund.
     * @param ladder      ladder evaluation.
     * @param publisher   outputs.
     * @param totals      money tallies.
     * @param maxAccounts most accounts.
     */
    public Deleverager(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final Lookups lookups, final InputNumbers numbers, final Rejection rejection, final PositionKeeper positions,
        final InsuranceFund fund, final CallLadder ladder, final OutputPublisher publisher, final Totals totals,
        final int maxAccounts)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.lookups = lookups;
        this.numbers = numbers;
        this.rejection = rejection;
        this.positions = positions;
        this.fund = fund;
        this.ladder = ladder;
        this.publisher = publisher;
        this.totals = totals;
        this.touchedEpoch = new int[maxAccounts];
        this.touchedInstrument = new int[maxAccounts];
        this.settledSlots = new int[maxAccounts];
        this.candidateSlots = new int[maxAccounts];
        this.candidateRankedFlags = new boolean[maxAccounts];
        this.candidateRanks = new long[maxAccounts];
    }

    /**
     * Applies {@code liquidation_expired}: ends the outstanding order and settles its remainder.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void expired(final LiquidationExpiredDecoder in, final long now)
    {
        final int slot = lookups.account(in.account(), INPUT);
        final int instrumentId = in.instrument();
        final int inst = lookups.instrument(instrumentId, INPUT);
        final long qty = numbers.positive(in.qty(), instruments.qtyScale(inst), INPUT, "qty");
        final int p = accounts.findPosition(slot, instrumentId);
        final boolean isolated = p != AccountStore.MISSING && accounts.isIsolated(p);
        final int ladderOffset = accounts.ladderOf(slot, p);
        if (!LadderDescriptor.isOutstanding(accounts.buffer(), ladderOffset, in.orderId(), instrumentId) ||
            LadderDescriptor.orderRemaining(accounts.buffer(), ladderOffset) != qty)
        {
            rejection.reason().append("liquidation_expired refused: order ").append(in.orderId())
                .append(" is not the outstanding liquidation order of account ").append(in.account())
                .append(" on instrument ").append(instrumentId).append(" with ").appendDecimal(qty, instruments.qtyScale(inst))
                .append(" remaining");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final boolean liquidatedLong = LadderDescriptor.orderSide(accounts.buffer(), ladderOffset) == LadderDescriptor.SIDE_SELL;
        final long price = LadderDescriptor.orderPrice(accounts.buffer(), ladderOffset);
        LadderDescriptor.clearOrder(accounts.buffer(), ladderOffset);
        // fills sent meanwhile may have shrunk, closed or flipped the position: settle what is left of it
        final long q = p == AccountStore.MISSING ? 0 : accounts.qty(p);
        final long remainder = q != 0 && (q > 0) == liquidatedLong ? Math.min(qty, Math.abs(q)) : 0;
        settle(slot, inst, instrumentId, isolated, liquidatedLong, remainder, price, now);
    }

    private void settle(
        final int slot, final int inst, final int instrumentId, final boolean isolated, final boolean liquidatedLong,
        final long remainder, final long price, final long now)
    {
        epoch++;
        settledCount = 0;
        touch(slot, isolated ? instrumentId : OutputPublisher.CROSS);
        if (remainder > 0)
        {
            transfer(slot, inst, instrumentId, liquidatedLong, remainder, price);
        }
        for (int i = 0; i < settledCount; i++)
        {
            final int s = settledSlots[i];
            final int instrument = touchedInstrument[s];
            fund.coverDeficit(s, instrument == OutputPublisher.CROSS ? AccountStore.MISSING : accounts.findPosition(s, instrument));
        }
        evaluateTouched(now);
    }

    /** The fund takes the remainder over if it can; otherwise ADL, and the fund takes any rest it has room for. */
    private void transfer(
        final int slot, final int inst, final int instrumentId, final boolean liquidatedLong, final long remainder, final long price)
    {
        final long fundSigned = liquidatedLong ? remainder : -remainder;
        if (fund.canTakeOver(positions, inst, instrumentId, fundSigned, price))
        {
            fund.takeOver(positions, inst, instrumentId, fundSigned, price, accounts.id(slot));
            close(slot, inst, instrumentId, -fundSigned, price);
            return;
        }
        final long rest = deleverage(slot, inst, instrumentId, liquidatedLong, remainder, price);
        if (rest > 0 && fund.hasRoomFor(instrumentId))
        {
            final long fundRest = liquidatedLong ? rest : -rest;
            fund.takeOver(positions, inst, instrumentId, fundRest, price, accounts.id(slot));
            close(slot, inst, instrumentId, -fundRest, price);
        }
    }

    private long deleverage(
        final int slot, final int inst, final int instrumentId, final boolean liquidatedLong, final long remainder, final long price)
    {
        // every candidate is ranked once: closing one candidate changes no other's ladder, so
        // the ranks hold while the remainder is shared out, highest first
        final int count = rankCandidates(slot, instrumentId, liquidatedLong);
        long rest = remainder;
        while (rest > 0)
        {
            final int chosen = bestCandidate(count);
            if (chosen < 0)
            {
                break;
            }
            final int best = candidateSlots[chosen];
            candidateSlots[chosen] = AccountStore.MISSING;
            final boolean ranked = candidateRankedFlags[chosen];
            final long rank = candidateRanks[chosen];
            final int p = accounts.findPosition(best, instrumentId);
            final long qty = Math.min(rest, Math.abs(accounts.qty(p)));
            final long candidateSigned = liquidatedLong ? qty : -qty;
            final boolean isolated = accounts.isIsolated(p);
            touch(best, isolated ? instrumentId : OutputPublisher.CROSS);
            publisher.adl(accounts.id(best), instrumentId, candidateSigned < 0, qty, instruments.qtyScale(inst), price,
                instruments.priceScale(inst), ranked ? rank : 0);
            close(best, inst, instrumentId, candidateSigned, price);
            close(slot, inst, instrumentId, -candidateSigned, price);
            rest -= qty;
        }
        return rest;
    }

    /**
     * Ranks every ladder holding the instrument on the side opposite the liquidated position
     * (the liquidated account and the fund excluded) into the candidate arrays, in slot order.
     *
     * @return how many there are.
     */
    private int rankCandidates(final int slot, final int instrumentId, final boolean liquidatedLong)
    {
        int count = 0;
        final int n = accounts.count();
        final HolderIndex holders = accounts.holders();
        final int inst = instruments.slotOf(instrumentId);
        for (int s = holders.next(inst, 0, n); s != HolderIndex.NONE; s = holders.next(inst, s + 1, n))
        {
            if (s == slot || s == fund.slot())
            {
                continue;
            }
            final int p = accounts.findPosition(s, instrumentId);
            if (p == AccountStore.MISSING || accounts.qty(p) == 0 || (accounts.qty(p) > 0) == liquidatedLong)
            {
                continue;
            }
            rank(s, p);
            candidateSlots[count] = s;
            candidateRankedFlags[count] = candidateRanked;
            candidateRanks[count] = candidateRank;
            count++;
        }
        return count;
    }

    /**
     * The best candidate not yet used: ranked before unranked, higher rank first, ties by
     * lower account id.
     *
     * @return its index in the candidate arrays, or -1 when none is left.
     */
    private int bestCandidate(final int count)
    {
        int best = -1;
        for (int i = 0; i < count; i++)
        {
            final int s = candidateSlots[i];
            if (s == AccountStore.MISSING)
            {
                continue;
            }
            final boolean better = best < 0 ||
                (candidateRankedFlags[i] && !candidateRankedFlags[best]) ||
                (candidateRankedFlags[i] == candidateRankedFlags[best] && candidateRanks[i] > candidateRanks[best]) ||
                (candidateRankedFlags[i] == candidateRankedFlags[best] && candidateRanks[i] == candidateRanks[best] &&
                accounts.id(s) < accounts.id(candidateSlots[best]));
            if (better)
            {
                best = i;
            }
        }
        return best;
    }

    /**
     * Rank at scale 8, truncated toward zero, into {@code candidateRank}; a ladder with equity
     * at or below zero is not ranked ({@code candidateRanked} false) and goes last.
     */
    private void rank(final int slot, final int p)
    {
        calculator.ladder(slot, accounts.isIsolated(p) ? p : AccountStore.MISSING);
        final long equity = calculator.equity;
        calculator.position(p);
        if (equity <= 0)
        {
            candidateRanked = false;
            candidateRank = 0;
            return;
        }
        final int inst = accounts.instrumentSlot(p);
        final long upnl = calculator.positionUpnl;
        final long notional = calculator.positionNotional;
        final long scale = Int128Math.multiply(instruments.den(inst), MarginCalculator.RATE_ONE);
        final long entry = Int128Math.multiply(Math.abs(accounts.cost(p)), instruments.num(inst));
        candidateRanked = true;
        candidateRank = upnl > 0 ?
            Int128Math.mulSubMulDiv(upnl, notional, 0, 0, scale, entry, equity, DOWN) :
            Int128Math.mulSubMulDiv(upnl, equity, 0, 0, scale, entry, notional, DOWN);
    }

    private void close(final int slot, final int inst, final int instrumentId, final long signed, final long price)
    {
        positions.applyFill(slot, inst, instrumentId, signed, price, 0);
        totals.fill(positions.lastRealized(), 0);
    }

    /** Marks a ladder as settled in this expiry: its deficit is covered, then it is evaluated. */
    private void touch(final int slot, final int instrumentId)
    {
        touchedEpoch[slot] = epoch;
        touchedInstrument[slot] = instrumentId;
        settledSlots[settledCount++] = slot;
    }

    private void evaluateTouched(final long now)
    {
        final int n = accounts.count();
        for (int s = 0; s < n; s++)
        {
            if (touchedEpoch[s] != epoch)
            {
                continue;
            }
            final int instrumentId = touchedInstrument[s];
            final int isolated = instrumentId == OutputPublisher.CROSS ? AccountStore.MISSING : accounts.findPosition(s, instrumentId);
            ladder.evaluate(s, isolated, now);
        }
    }
}
