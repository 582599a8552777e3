package io.marginengine.engine.logic;

import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.state.AccountStore;

/**
 * The insurance fund (SPEC section 4, docs/RULES.md section 5a): an account of its own whose
 * cross wallet is the fund's balance. It collects liquidation fees, pays the deficit a
 * liquidated ladder is left with, and takes over expired liquidation remainders when its
 * equity covers them. Every movement of its balance through these is reported with an
 * {@code insurance_fund} output.
 */
public final class InsuranceFund
{
    private final AccountStore accounts;
    private final MarginCalculator calculator;
    private final OutputPublisher publisher;
    private final Totals totals;
    private final int fundSlot;

    /**
     * @param accounts   account store.
     * @param calculator margin formulas.
     * @param publisher  outputs.
     * @param totals     money tallies.
     * @param fundSlot   slot of the fund's account.
     */
    public InsuranceFund(
        final AccountStore accounts, final MarginCalculator calculator, final OutputPublisher publisher,
        final Totals totals, final int fundSlot)
    {
        this.accounts = accounts;
        this.calculator = calculator;
        this.publisher = publisher;
        this.totals = totals;
        this.fundSlot = fundSlot;
    }

    /** @return the fund's account slot. */
    public int slot()
    {
        return fundSlot;
    }

    /** @return the fund's balance (its cross wallet). */
    public long balance()
    {
        return accounts.wallet(fundSlot);
    }

    /**
     * Reports a deposit that has just been added to the fund's wallet.
     *
     * @param amount the deposit.
     */
    public void deposited(final long amount)
    {
        publisher.insuranceFund(accounts.id(fundSlot), amount, balance(), false, 0);
    }

    /**
     * Reports a change of the fund's balance that has just been made; nothing when it is 0.
     *
     * @param party the other party (the fund's own id for its own deposits, funding, fills).
     * @param delta the change, positive into the fund.
     */
    public void report(final long party, final long delta)
    {
        if (delta != 0)
        {
            publisher.insuranceFund(party, delta, balance(), false, 0);
        }
    }

    /** @return the fund's account id. */
    public long accountId()
    {
        return accounts.id(fundSlot);
    }

    /**
     * Reports a liquidation fee that has been moved into the fund; nothing when it is 0.
     *
     * @param slot the liquidated account.
     * @param fee  the fee.
     */
    public void reportFee(final int slot, final long fee)
    {
        if (fee > 0)
        {
            publisher.insuranceFund(accounts.id(slot), fee, balance(), false, 0);
        }
    }

    /**
     * Pays the deficit of a ladder left with no position and a negative wallet, as far as the
     * fund's balance goes; what it cannot pay is reported as shortfall and stays on the wallet.
     *
     * @param slot     account slot.
     * @param isolated isolated position of the ladder, or MISSING for the cross ladder.
     * @return true when there was a deficit (the ladder's wallet changed, or a shortfall was reported).
     */
    public boolean coverDeficit(final int slot, final int isolated)
    {
        if (slot == fundSlot || !isFlat(slot, isolated))
        {
            return false;
        }
        final long wallet = isolated == AccountStore.MISSING ? accounts.wallet(slot) : accounts.isolatedWallet(isolated);
        if (wallet >= 0)
        {
            return false;
        }
        final long deficit = -wallet;
        final long paid = Math.min(deficit, Math.max(balance(), 0));
        Wallets.credit(accounts, slot, isolated, paid);
        accounts.wallet(fundSlot, accounts.wallet(fundSlot) - paid);
        publisher.insuranceFund(accounts.id(slot), -paid, balance(), paid < deficit, deficit - paid);
        return true;
    }

    private boolean isFlat(final int slot, final int isolated)
    {
        if (isolated != AccountStore.MISSING)
        {
            return accounts.qty(isolated) == 0;
        }
        final int n = accounts.positionCount(slot);
        for (int i = 0; i < n; i++)
        {
            final int p = accounts.position(slot, i);
            if (!accounts.isIsolated(p) && accounts.qty(p) != 0)
            {
                return false;
            }
        }
        return true;
    }


    /**
     * Whether the fund can take over a remainder: with the position it would hold after netting
     * it at the limit, its cross equity covers its cross initial requirement. Decided on the
     * real record and undone.
     *
     * @param positions    fill netting.
     * @param inst         instrument slot.
     * @param instrumentId instrument id.
     * @param fundSigned   the fund's signed quantity (opposite of the liquidated ladder's close).
     * @param price        the limit price.
     * @return true when it can.
     */
    public boolean canTakeOver(final PositionKeeper positions, final int inst, final int instrumentId, final long fundSigned, final long price)
    {
        if (!hasRoomFor(instrumentId))
        {
            return false;
        }
        accounts.save(fundSlot);
        try
        {
            positions.applyFill(fundSlot, inst, instrumentId, fundSigned, price, 0);
            calculator.cross(fundSlot);
            return calculator.equity >= calculator.initial;
        }
        catch (final ArithmeticOverflowException ex)
        {
            return false;
        }
        finally
        {
            accounts.restore(fundSlot);
        }
    }

    /**
     * @param instrumentId instrument.
     * @return true when the fund holds a position on it or has a free position slot.
     */
    public boolean hasRoomFor(final int instrumentId)
    {
        return accounts.findPosition(fundSlot, instrumentId) != AccountStore.MISSING ||
            accounts.positionCount(fundSlot) < accounts.maxPositions();
    }

    /**
     * The fund takes a quantity at a price, netted into its position like a fill without fee.
     *
     * @param positions    fill netting.
     * @param inst         instrument slot.
     * @param instrumentId instrument id.
     * @param fundSigned   the fund's signed quantity.
     * @param price        price.
     * @param party        the liquidated account, named in the report of any PnL realized.
     */
    public void takeOver(
        final PositionKeeper positions, final int inst, final int instrumentId, final long fundSigned, final long price, final long party)
    {
        final int p = accounts.findPosition(fundSlot, instrumentId);
        final boolean cross = p == AccountStore.MISSING || !accounts.isIsolated(p);
        positions.applyFill(fundSlot, inst, instrumentId, fundSigned, price, 0);
        totals.fill(positions.lastRealized(), 0);
        if (cross)
        {
            report(party, positions.lastRealized());
        }
    }
}
