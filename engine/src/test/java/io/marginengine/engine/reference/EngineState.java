package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the model remembers. An input's own effect is applied to a {@link #copy()} that
 * replaces the state only when the input is accepted, so a rejected input changes nothing
 * by construction.
 */
final class EngineState
{
    /** The insurance fund's account id. */
    static final long FUND_ACCOUNT = 0;

    Params params = new Params();
    final TreeMap<Integer, Instrument> instruments = new TreeMap<>();
    /** Accounts in creation order. */
    final LinkedHashMap<Long, Account> accounts = new LinkedHashMap<>();
    /** Last seq that passed the duplicate and time checks, per source. */
    final Map<Integer, Long> lastSeq = new HashMap<>();
    /** Timestamp of the last input that passed the duplicate and time checks. */
    long now;
    boolean started;
    long nextOrderId = 1;

    BigDecimal totalDeposits = Decimals.zeroMoney();
    BigDecimal totalWithdrawals = Decimals.zeroMoney();
    BigDecimal totalRealizedPnl = Decimals.zeroMoney();
    BigDecimal totalFees = Decimals.zeroMoney();
    BigDecimal totalFundingPaid = Decimals.zeroMoney();
    BigDecimal totalLiquidationFees = Decimals.zeroMoney();
    BigDecimal totalDeficitsPaid = Decimals.zeroMoney();

    EngineState()
    {
        accounts.put(FUND_ACCOUNT, new Account(FUND_ACCOUNT));
    }

    EngineState copy()
    {
        final EngineState copy = new EngineState();
        copy.params = params.copy();
        instruments.forEach((id, instrument) -> copy.instruments.put(id, instrument.copy()));
        copy.accounts.clear();
        accounts.forEach((id, account) -> copy.accounts.put(id, account.copy()));
        copy.lastSeq.putAll(lastSeq);
        copy.now = now;
        copy.started = started;
        copy.nextOrderId = nextOrderId;
        copy.totalDeposits = totalDeposits;
        copy.totalWithdrawals = totalWithdrawals;
        copy.totalRealizedPnl = totalRealizedPnl;
        copy.totalFees = totalFees;
        copy.totalFundingPaid = totalFundingPaid;
        copy.totalLiquidationFees = totalLiquidationFees;
        copy.totalDeficitsPaid = totalDeficitsPaid;
        return copy;
    }

    Account account(final long id)
    {
        final Account account = accounts.get(id);
        if (account == null)
        {
            throw new Reject(RejectCode.UNKNOWN_ACCOUNT, "account " + id + " does not exist");
        }
        return account;
    }

    Instrument instrument(final int id)
    {
        final Instrument instrument = instruments.get(id);
        if (instrument == null)
        {
            throw new Reject(RejectCode.UNKNOWN_INSTRUMENT, "instrument " + id + " does not exist");
        }
        return instrument;
    }

    /** Every ladder in evaluation order: accounts in creation order, cross first, then isolated by instrument. */
    List<LadderRef> ladders()
    {
        final List<LadderRef> refs = new ArrayList<>();
        for (final Account account : accounts.values())
        {
            refs.add(LadderRef.cross(account.id));
            for (final Position position : account.positions.values())
            {
                if (position.isolated)
                {
                    refs.add(new LadderRef(account.id, position.instrument));
                }
            }
        }
        return refs;
    }

    /** The ladder that backs the position of {@code account} on {@code instrument}. */
    LadderRef ladderOf(final Account account, final int instrument)
    {
        final Position position = account.positions.get(instrument);
        return position != null && position.isolated ? new LadderRef(account.id, instrument) : LadderRef.cross(account.id);
    }

    Ladder ladder(final LadderRef ref)
    {
        final Account account = accounts.get(ref.account());
        return ref.isCross() ? account.cross : account.positions.get(ref.instrument()).ladder;
    }

    /** The positions of a ladder (flat ones included for an isolated ladder), ascending instrument id. */
    List<Position> positions(final LadderRef ref)
    {
        final Account account = accounts.get(ref.account());
        if (!ref.isCross())
        {
            return List.of(account.positions.get(ref.instrument()));
        }
        final List<Position> cross = new ArrayList<>();
        for (final Position position : account.positions.values())
        {
            if (!position.isolated)
            {
                cross.add(position);
            }
        }
        return cross;
    }

    BigDecimal wallet(final LadderRef ref)
    {
        final Account account = accounts.get(ref.account());
        return ref.isCross() ? account.wallet : account.positions.get(ref.instrument()).isolatedWallet;
    }

    void addToWallet(final LadderRef ref, final BigDecimal amount)
    {
        final Account account = accounts.get(ref.account());
        if (ref.isCross())
        {
            account.wallet = account.wallet.add(amount);
        }
        else
        {
            final Position position = account.positions.get(ref.instrument());
            position.isolatedWallet = position.isolatedWallet.add(amount);
        }
    }

    /** W, E, MMreq, IMreq of a ladder at current marks. */
    LadderFigures figures(final LadderRef ref)
    {
        final BigDecimal wallet = wallet(ref);
        BigDecimal equity = wallet;
        BigDecimal maintenance = Decimals.zeroMoney();
        BigDecimal initial = Decimals.zeroMoney();
        boolean hasPositions = false;
        for (final Position position : positions(ref))
        {
            if (position.isFlat())
            {
                continue;
            }
            hasPositions = true;
            final Instrument instrument = instruments.get(position.instrument);
            final BigDecimal mark = instrument.mark();
            equity = equity.add(MarginMath.unrealized(instrument, position.qty, position.cost, mark));
            maintenance = maintenance.add(MarginMath.maintenance(instrument, position.qty, mark));
            initial = initial.add(MarginMath.initial(instrument, position.qty, mark));
        }
        return new LadderFigures(wallet, equity, maintenance, initial, hasPositions);
    }

    /** A ladder is blocked while any instrument it holds a position on is stale. */
    boolean blocked(final LadderRef ref)
    {
        for (final Position position : positions(ref))
        {
            if (!position.isFlat() && instruments.get(position.instrument).stale)
            {
                return true;
            }
        }
        return false;
    }

    /** Creation order of an account, for sorting. */
    int creationIndex(final long accountId)
    {
        int index = 0;
        for (final Long id : accounts.keySet())
        {
            if (id == accountId)
            {
                return index;
            }
            index++;
        }
        throw new IllegalArgumentException("no account " + accountId);
    }
}
