package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.journal.sbe.RejectCode;

/**
 * Resolves the account and instrument ids an input names, refusing unknown ones with a
 * sentence that names the id.
 */
public final class Lookups
{
    private final AccountStore accounts;
    private final InstrumentStore instruments;
    private final Rejection rejection;

    /**
     * @param accounts    account store.
     * @param instruments instrument store.
     * @param rejection   where refusals are written.
     */
    public Lookups(final AccountStore accounts, final InstrumentStore instruments, final Rejection rejection)
    {
        this.accounts = accounts;
        this.instruments = instruments;
        this.rejection = rejection;
    }

    /**
     * @param accountId id from the input.
     * @param input     input type name.
     * @return the account's slot.
     */
    public int account(final long accountId, final String input)
    {
        final int slot = accounts.slotOf(accountId);
        if (slot == AccountStore.MISSING)
        {
            rejection.reason().append(input).append(" names unknown account ").append(accountId);
            throw rejection.reject(RejectCode.UNKNOWN_ACCOUNT);
        }
        return slot;
    }

    /**
     * @param instrumentId id from the input.
     * @param input        input type name.
     * @return the instrument's slot.
     */
    public int instrument(final int instrumentId, final String input)
    {
        final int slot = instruments.slotOf(instrumentId);
        if (slot == InstrumentStore.MISSING)
        {
            rejection.reason().append(input).append(" names unknown instrument ").append(instrumentId);
            throw rejection.reject(RejectCode.UNKNOWN_INSTRUMENT);
        }
        return slot;
    }
}
