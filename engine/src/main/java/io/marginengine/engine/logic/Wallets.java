package io.marginengine.engine.logic;

import io.marginengine.engine.state.AccountStore;

/**
 * Credits the wallet that backs a position: the isolated wallet of an isolated position,
 * else the account's cross wallet. Checked: a result outside 64 bits throws
 * {@link ArithmeticOverflowException}.
 */
final class Wallets
{
    private Wallets()
    {
    }

    /**
     * @param accounts account store.
     * @param slot     account slot.
     * @param position position offset, or {@link AccountStore#MISSING} for the cross wallet.
     * @param amount   signed amount to add.
     */
    static void credit(final AccountStore accounts, final int slot, final int position, final long amount)
    {
        if (position != AccountStore.MISSING && accounts.isIsolated(position))
        {
            accounts.isolatedWallet(position, Int128Math.add(accounts.isolatedWallet(position), amount));
        }
        else
        {
            accounts.wallet(slot, Int128Math.add(accounts.wallet(slot), amount));
        }
    }
}
