package io.marginengine.replay;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.logic.AccountReporter;
import io.marginengine.engine.logic.MarginCalculator;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.logic.PriceLevels;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.LadderDescriptor;

/**
 * Reads one account of a replaying processor between two inputs, without changing it: its
 * cross figures, and its {@code account_state} exactly as a {@code query} would have
 * answered (SPEC section 5), through the engine's own {@link AccountReporter} publishing
 * into this view instead of the processor's outputs. A {@code query} input cannot be used
 * for this: it would move the processor's time.
 */
public final class AccountView
{
    private final MarginProcessor processor;
    private final AccountStore accounts;
    private final MarginCalculator calculator;
    private final OutputPublisher publisher;
    private final AccountReporter reporter;
    private final MessageText text = new MessageText();
    private String lastState;

    /** Cross figures of the last {@link #cross(int)}, money at scale 8. */
    public long wallet;
    /** Cross equity. */
    public long equity;
    /** Cross maintenance requirement. */
    public long maintenance;
    /** Cross initial requirement. */
    public long initial;
    /** Cross ladder status: {@link LadderDescriptor#NORMAL}, MARGIN_CALL or LIQUIDATING. */
    public int status;
    /** Positions held (cross and isolated, flat isolated ones included). */
    public int positions;

    /**
     * @param processor    the processor to read.
     * @param maxPositions the capacity it was built with (sizes the account_state buffer).
     */
    public AccountView(final MarginProcessor processor, final int maxPositions)
    {
        this.processor = processor;
        accounts = processor.accounts();
        calculator = processor.calculator();
        publisher = new OutputPublisher((buffer, offset, length) -> lastState = text.text(buffer, offset, length), maxPositions);
        reporter = new AccountReporter(accounts, processor.instruments(), calculator,
            new PriceLevels(processor.instruments(), calculator), publisher);
    }

    /**
     * @param accountId an account id.
     * @return its slot, or {@link AccountStore#MISSING} when the account is not open (yet).
     */
    public int slotOf(final long accountId)
    {
        return accounts.slotOf(accountId);
    }

    /** @return how many accounts are open, the fund included; slots are 0 to this, less one. */
    public int accountCount()
    {
        return accounts.count();
    }

    /**
     * @param slot an account slot.
     * @return its account id.
     */
    public long accountId(final int slot)
    {
        return accounts.id(slot);
    }

    /**
     * Evaluates the cross part of an account into the public fields.
     *
     * @param slot the account's slot.
     */
    public void cross(final int slot)
    {
        calculator.cross(slot);
        wallet = calculator.wallet;
        equity = calculator.equity;
        maintenance = calculator.maintenance;
        initial = calculator.initial;
        status = LadderDescriptor.status(accounts.buffer(), accounts.crossLadder(slot));
        positions = accounts.positionCount(slot);
    }

    /**
     * Evaluates an isolated position of an account as its own ladder into the public fields.
     *
     * @param slot         the account's slot.
     * @param instrumentId the instrument of the isolated position.
     * @return false, the fields untouched, when the account holds no position on it.
     */
    public boolean isolated(final int slot, final int instrumentId)
    {
        final int position = accounts.findPosition(slot, instrumentId);
        if (position == AccountStore.MISSING)
        {
            return false;
        }
        calculator.isolated(position);
        wallet = calculator.wallet;
        equity = calculator.equity;
        maintenance = calculator.maintenance;
        initial = calculator.initial;
        status = LadderDescriptor.status(accounts.buffer(), accounts.isolatedLadder(position));
        positions = 1;
        return true;
    }

    /**
     * Collects the status of each isolated ladder of an account.
     *
     * @param slot the account's slot.
     * @param into receives instrument id to status ({@link LadderDescriptor}).
     */
    public void isolatedStatuses(final int slot, final java.util.Map<Integer, Integer> into)
    {
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int position = accounts.position(slot, i);
            if (accounts.isIsolated(position))
            {
                into.put(accounts.instrumentId(position), LadderDescriptor.status(accounts.buffer(), accounts.isolatedLadder(position)));
            }
        }
    }

    /**
     * @param slot         the account's slot.
     * @param instrumentId an instrument id.
     * @return the signed quantity the account holds on it (raw, at its qtyScale), 0 when none.
     */
    public long positionQty(final int slot, final int instrumentId)
    {
        final int position = accounts.findPosition(slot, instrumentId);
        return position == AccountStore.MISSING ? 0 : accounts.qty(position);
    }

    /**
     * @param slot the account's slot.
     * @return how many of its positions have a non-zero quantity.
     */
    public int openPositions(final int slot)
    {
        int open = 0;
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            if (accounts.qty(accounts.position(slot, i)) != 0)
            {
                open++;
            }
        }
        return open;
    }

    /**
     * The account's {@code account_state}, as the JSON line a {@code query} would have
     * produced at that point.
     *
     * @param slot  the account's slot.
     * @param ts    the {@code ts} to write in it (the last input's).
     * @param cause the {@code cause} to write in it (the last input's journal index).
     * @return one JSON line.
     */
    public String accountState(final int slot, final long ts, final long cause)
    {
        publisher.cause(ts, cause);
        reporter.report(slot);
        return lastState;
    }

    /**
     * @param status a ladder status.
     * @return its name as account_state writes it.
     */
    public static String statusName(final int status)
    {
        switch (status)
        {
            case LadderDescriptor.NORMAL: return "NORMAL";
            case LadderDescriptor.MARGIN_CALL: return "MARGIN_CALL";
            case LadderDescriptor.LIQUIDATING: return "LIQUIDATING";
            default: return "UNKNOWN(" + status + ")";
        }
    }

    /** @return the processor read. */
    public MarginProcessor processor()
    {
        return processor;
    }
}
