package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import static io.marginengine.engine.state.LadderDescriptor.LIQUIDATING;
import static io.marginengine.engine.state.LadderDescriptor.MARGIN_CALL;
import static io.marginengine.engine.state.LadderDescriptor.NORMAL;

/**
 * The margin-call procedure of SPEC section 4 for one ladder (docs/RULES.md section 4):
 * NORMAL, MARGIN_CALL with a deadline taken from input time, cure at the initial level,
 * escalation to LIQUIDATING at the deadline or below the liquidation level, and the way out
 * through {@code liquidation_done}. Comparisons are exact products; nothing is rounded.
 */
public final class CallLadder implements DeadlineQueue.Validity
{
    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final MarginCalculator calculator;
    private final RiskParams params;
    private final OutputPublisher publisher;
    private final DeadlineQueue deadlines;
    private final Liquidator liquidator;
    private final UnsafeBuffer ladders;
    private final TriggerIndex triggers;
    private final int fundSlot;
    private long marginCalls;
    private long liquidations;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param calculator  margin formulas.
     * @param params      risk parameters.
     * @param publisher   outputs.
     * @param deadlines   pending call deadlines.
     * @param liquidator  sizes and issues liquidation orders.
     * @param fundSlot    slot of the insurance fund, whose ladder is never evaluated.
     * @param triggers    the trigger index, re-armed after every evaluation; null without one.
     */
    public CallLadder(
        final AccountStore accounts, final InstrumentStore instruments, final MarginCalculator calculator,
        final RiskParams params, final OutputPublisher publisher, final DeadlineQueue deadlines, final Liquidator liquidator,
        final int fundSlot, final TriggerIndex triggers)
    {
        this.triggers = triggers;
        this.fundSlot = fundSlot;
        this.accounts = accounts;
        this.instruments = instruments;
        this.calculator = calculator;
        this.params = params;
        this.publisher = publisher;
        this.deadlines = deadlines;
        this.liquidator = liquidator;
        this.ladders = accounts.buffer();
    }

    /** @return margin calls issued since start. */
    public long marginCalls()
    {
        return marginCalls;
    }

    /** @return ladders that entered LIQUIDATING since start. */
    public long liquidations()
    {
        return liquidations;
    }

    /**
     * Sets both counters, when state is restored from a snapshot.
     *
     * @param marginCalls  margin calls issued.
     * @param liquidations ladders that entered LIQUIDATING.
     */
    void counters(final long marginCalls, final long liquidations)
    {
        this.marginCalls = marginCalls;
        this.liquidations = liquidations;
    }

    /**
     * Evaluates one ladder at {@code now} and emits what changes, then re-arms its triggers:
     * every input that changes a ladder evaluates it, so this keeps the trigger index true.
     *
     * @param accountSlot      account slot.
     * @param isolatedPosition isolated position offset, or {@link AccountStore#MISSING} for cross.
     * @param now              ts of the input being processed.
     */
    public void evaluate(final int accountSlot, final int isolatedPosition, final long now)
    {
        evaluate(accountSlot, isolatedPosition, now, false);
    }

    /**
     * {@link #evaluate(int, int, long)} for a caller that has just computed this very ladder with
     * the {@link MarginCalculator}, after its last change (a deposit, a fill): the figures are
     * taken from the calculator instead of being computed again.
     *
     * @param accountSlot      account slot.
     * @param isolatedPosition isolated position offset, or {@link AccountStore#MISSING} for cross.
     * @param now              ts of the input being processed.
     */
    public void evaluateComputed(final int accountSlot, final int isolatedPosition, final long now)
    {
        evaluate(accountSlot, isolatedPosition, now, true);
    }

    private void evaluate(final int accountSlot, final int isolatedPosition, final long now, final boolean computed)
    {
        final boolean quiet = procedure(accountSlot, isolatedPosition, now, computed);
        if (triggers != null)
        {
            triggers.arm(accountSlot, isolatedPosition, quiet);
        }
    }

    /** @return true when the ladder is NORMAL and stays so: nothing changed, the calculator holds its figures. */
    private boolean procedure(final int accountSlot, final int isolatedPosition, final long now, final boolean computed)
    {
        if (accountSlot == fundSlot)
        {
            return false;
        }
        final boolean cross = isolatedPosition == AccountStore.MISSING;
        final int ladder = cross ? accounts.crossLadder(accountSlot) : accounts.isolatedLadder(isolatedPosition);
        final int instrumentId = cross ? OutputPublisher.CROSS : accounts.instrumentId(isolatedPosition);
        final long accountId = accounts.id(accountSlot);
        if (!computed)
        {
            calculator.ladder(accountSlot, isolatedPosition);
        }
        int status = LadderDescriptor.status(ladders, ladder);
        if (status == NORMAL)
        {
            if (calculator.openPositions == 0 || !below(params.callLevel, calculator.maintenance))
            {
                return true;
            }
            final long deadline = saturatedAdd(now, params.callGraceNs);
            final long shortfall = shortfall();
            LadderDescriptor.status(ladders, ladder, MARGIN_CALL);
            LadderDescriptor.deadline(ladders, ladder, deadline);
            marginCalls++;
            publisher.marginCall(accountId, instrumentId, calculator.equity, calculator.maintenance,
                calculator.initial, shortfall, deadline);
            deadlines.push(deadline, accountSlot, instrumentId, this);
            status = MARGIN_CALL;
        }
        if (status == MARGIN_CALL)
        {
            if (isCured())
            {
                LadderDescriptor.status(ladders, ladder, NORMAL);
                publisher.marginCallCured(accountId, instrumentId, calculator.equity, calculator.initial);
                return false;
            }
            final boolean due = now >= LadderDescriptor.deadline(ladders, ladder) ||
                below(params.liquidationLevel, calculator.maintenance);
            if (!due || isBlocked(accountSlot, isolatedPosition))
            {
                return false;
            }
            LadderDescriptor.status(ladders, ladder, LIQUIDATING);
            liquidations++;
            issueOrFinish(accountSlot, isolatedPosition, ladder, accountId, instrumentId, true);
            return false;
        }
        issueOrFinish(accountSlot, isolatedPosition, ladder, accountId, instrumentId, false);
        return false;
    }

    /**
     * LIQUIDATING, on the figures just evaluated: waits for an outstanding order; else
     * finishes when cured or flat; else, unless blocked, issues the next order.
     * {@code knownUnblocked}: the caller has just checked the ladder is not blocked.
     */
    private void issueOrFinish(
        final int accountSlot, final int isolatedPosition, final int ladder, final long accountId, final int instrumentId,
        final boolean knownUnblocked)
    {
        if (LadderDescriptor.orderId(ladders, ladder) != LadderDescriptor.NO_ORDER)
        {
            return;
        }
        if (calculator.openPositions == 0 || isCured())
        {
            LadderDescriptor.status(ladders, ladder, NORMAL);
            publisher.liquidationDone(accountId, instrumentId);
            return;
        }
        if (knownUnblocked || !isBlocked(accountSlot, isolatedPosition))
        {
            liquidator.issue(accountSlot, isolatedPosition, ladder, calculator.largestPosition, calculator.equity,
                calculator.initial);
        }
    }

    /** E x 1e8 below level x requirement, on the last evaluated ladder. */
    private boolean below(final long level, final long requirement)
    {
        return Int128Math.compareProducts(calculator.equity, MarginCalculator.RATE_ONE, level, requirement) < 0;
    }

    private boolean isCured()
    {
        return !below(params.cureLevel, calculator.initial);
    }

    /**
     * {@code ceil$(cureLevel x IM) - E}, held at the largest 64-bit value when it does not fit
     * (a report, never a decision; computing it must not refuse an input half way).
     */
    private long shortfall()
    {
        try
        {
            final long target = Int128Math.mulDiv(params.cureLevel, calculator.initial, MarginCalculator.RATE_ONE, Int128Math.CEILING);
            return Int128Math.subtract(target, calculator.equity);
        }
        catch (final ArithmeticOverflowException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    /**
     * A ladder is blocked while any instrument it holds is stale: its liquidation waits.
     *
     * @param accountSlot      account slot.
     * @param isolatedPosition isolated position, or MISSING for cross.
     * @return true when blocked.
     */
    public boolean isBlocked(final int accountSlot, final int isolatedPosition)
    {
        if (isolatedPosition != AccountStore.MISSING)
        {
            return accounts.qty(isolatedPosition) != 0 &&
                instruments.hasFlag(accounts.instrumentSlot(isolatedPosition), InstrumentStore.FLAG_STALE);
        }
        final int n = accounts.positionCount(accountSlot);
        for (int i = 0; i < n; i++)
        {
            final int p = accounts.position(accountSlot, i);
            if (!accounts.isIsolated(p) && accounts.qty(p) != 0 &&
                instruments.hasFlag(accounts.instrumentSlot(p), InstrumentStore.FLAG_STALE))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public boolean isValid(final long deadline, final int accountSlot, final int instrumentId)
    {
        final int ladder = ladderOf(accountSlot, instrumentId);
        return ladder != AccountStore.MISSING &&
            LadderDescriptor.status(ladders, ladder) == MARGIN_CALL &&
            LadderDescriptor.deadline(ladders, ladder) == deadline;
    }

    /**
     * Finds a ladder.
     *
     * @param accountSlot  account slot.
     * @param instrumentId instrument of an isolated ladder, or CROSS.
     * @return the ladder offset, or MISSING when the isolated position is gone.
     */
    public int ladderOf(final int accountSlot, final int instrumentId)
    {
        if (instrumentId == OutputPublisher.CROSS)
        {
            return accounts.crossLadder(accountSlot);
        }
        final int p = accounts.findPosition(accountSlot, instrumentId);
        return p == AccountStore.MISSING || !accounts.isIsolated(p) ? AccountStore.MISSING : accounts.isolatedLadder(p);
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
