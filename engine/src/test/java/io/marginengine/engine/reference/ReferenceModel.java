package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginengine.engine.testkit.ModelUnderTest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small, on-heap model of the margin engine written straight from SPEC sections 1-4 and
 * docs/RULES.md (the waterfall of section 5a included), on exact decimals and plain collections,
 * for differential tests against the off-heap engine.
 * <p>
 * One input is processed as RULES section 4 says:
 * <ol>
 * <li>a known type that does not decode is rejected (time does not move);</li>
 * <li>a {@code seq} not above its source's last is {@code DUPLICATE}, a {@code ts} below the
 * previous input's is {@code TIME_BACKWARDS} (time does not move, seq not recorded);</li>
 * <li>time passes: instruments go stale, MARGIN_CALL ladders whose deadline is reached are
 * evaluated; these outputs stand whatever happens next;</li>
 * <li>the input's own effect is applied to a copy of the state, ranges are checked, and the
 * ladders are evaluated; any rule broken on the way rejects the input and drops the copy, so
 * a rejected input has exactly the effect of a {@code clock} with its timestamp.</li>
 * </ol>
 */
public final class ReferenceModel implements ModelUnderTest
{
    private static final Set<String> READ_ONLY = Set.of("query", "check", "clock");

    private final Capacity capacity;
    private EngineState state = new EngineState();

    /**
     * @param maxAccounts            accounts the engine can hold, the insurance fund (account 0) included.
     * @param maxInstruments         instruments the engine can hold.
     * @param maxPositionsPerAccount positions one account can hold, flat isolated ones included.
     */
    public ReferenceModel(final int maxAccounts, final int maxInstruments, final int maxPositionsPerAccount)
    {
        this.capacity = new Capacity(maxAccounts, maxInstruments, maxPositionsPerAccount);
    }

    /** A model with room to spare: 1,000 accounts, 100 instruments, 100 positions per account. */
    public ReferenceModel()
    {
        this(1_000, 100, 100);
    }

    @Override
    public List<JsonNode> apply(final long journalIndex, final JsonNode input)
    {
        final Optional<String> knownType = InputDecoder.knownType(input);
        if (knownType.isEmpty())
        {
            return List.of();
        }
        final String type = knownType.get();
        final JsonNode tsNode = input.get("ts");
        final long ts = tsNode != null && tsNode.isIntegralNumber() && tsNode.canConvertToLong() ?
            tsNode.longValue() : state.now;
        final OutputWriter out = new OutputWriter(ts, journalIndex);
        try
        {
            InputDecoder.validate(input);
            admit(input, ts);
        }
        catch (final Reject r)
        {
            out.reject(r.code, type, r.getMessage());
            return out.outputs();
        }

        state.now = ts;
        state.started = true;
        passTime(out);

        // Read-only inputs cannot change state, so they need no working copy (a copy per query
        // would dominate the run time of the differential tests).
        final EngineState work = READ_ONLY.contains(type) ? state : state.copy();
        final OutputWriter effect = out.fork();
        try
        {
            final boolean changesState = applyEffect(type, work, input, effect);
            if (changesState)
            {
                RangeCheck.requireInRange(work);
                LadderEvaluator.evaluateAll(work, effect);
            }
            state = work;
            out.addAll(effect);
        }
        catch (final Reject r)
        {
            out.reject(r.code, type, r.getMessage());
        }
        return out.outputs();
    }

    /** The duplicate and timestamp checks; records the seq of an input that passes them. */
    private void admit(final JsonNode input, final long ts)
    {
        final int source = Fields.has(input, "source") ? input.get("source").intValue() : 0;
        final Long seq = Fields.has(input, "seq") ? input.get("seq").longValue() : null;
        if (seq != null)
        {
            final Long last = state.lastSeq.get(source);
            if (last != null && seq <= last)
            {
                throw new Reject(RejectCode.DUPLICATE,
                    "seq " + seq + " of source " + source + " is not above the last accepted seq " + last);
            }
        }
        if (state.started && ts < state.now)
        {
            throw new Reject(RejectCode.TIME_BACKWARDS, "ts " + ts + " is below the previous input's ts " + state.now);
        }
        if (seq != null)
        {
            state.lastSeq.put(source, seq);
        }
    }

    /** Time passes first: (a) stale instruments in id order, (b) MARGIN_CALL ladders past their deadline. */
    private void passTime(final OutputWriter out)
    {
        for (final Instrument instrument : state.instruments.values())
        {
            if (instrument.staleAfterNs > 0 && !instrument.stale &&
                state.now - instrument.lastMarkTs >= instrument.staleAfterNs)
            {
                instrument.stale = true;
                out.priceStale(instrument.id);
            }
        }
        LadderEvaluator.evaluateDue(state, out);
    }

    private boolean applyEffect(final String type, final EngineState work, final JsonNode input, final OutputWriter out)
    {
        return switch (type)
        {
            case "instrument" -> MarketInputs.instrument(work, input, capacity);
            case "params" -> MarketInputs.params(work, input);
            case "mark" -> MarketInputs.mark(work, input, out);
            case "funding" -> MarketInputs.funding(work, input, out);
            case "account" -> AccountInputs.account(work, input, capacity);
            case "deposit" -> AccountInputs.deposit(work, input, out);
            case "withdraw" -> AccountInputs.withdraw(work, input, out);
            case "margin_mode" -> AccountInputs.marginMode(work, input, out, capacity);
            case "isolated_margin" -> AccountInputs.isolatedMargin(work, input, out);
            case "query" -> AccountInputs.query(work, input, out);
            case "fill" -> TradeInputs.fill(work, input, out, capacity);
            case "liquidation_expired" -> TradeInputs.liquidationExpired(work, input, out, capacity);
            case "check" -> TradeInputs.check(work, input, out, capacity);
            case "clock" -> false;
            default -> throw new IllegalStateException("no handler for " + type);
        };
    }

    /** Account ids in creation order, the insurance fund (0) first. */
    public List<Long> accountIds()
    {
        return new ArrayList<>(state.accounts.keySet());
    }

    /** The cross wallet WB of {@code account} (for account 0: the insurance fund's balance). */
    public BigDecimal crossWallet(final long account)
    {
        return state.accounts.get(account).wallet;
    }

    /** The isolated wallets IWB of {@code account} by instrument id. */
    public Map<Integer, BigDecimal> isolatedWallets(final long account)
    {
        final Map<Integer, BigDecimal> wallets = new TreeMap<>();
        for (final Position position : state.accounts.get(account).positions.values())
        {
            if (position.isolated)
            {
                wallets.put(position.instrument, position.isolatedWallet);
            }
        }
        return wallets;
    }

    /** The non-zero positions of {@code account}: signed quantity by instrument id, cross and isolated. */
    public Map<Integer, BigDecimal> positions(final long account)
    {
        final Map<Integer, BigDecimal> positions = new TreeMap<>();
        for (final Position position : state.accounts.get(account).positions.values())
        {
            if (!position.isFlat())
            {
                positions.put(position.instrument, position.qty);
            }
        }
        return positions;
    }

    /** The insurance fund's balance: the cross wallet of account 0. */
    public BigDecimal fundBalance()
    {
        return crossWallet(EngineState.FUND_ACCOUNT);
    }

    /** Money that entered or left the wallets since the start. */
    public MoneyTotals totals()
    {
        return new MoneyTotals(state.totalDeposits, state.totalWithdrawals, state.totalRealizedPnl, state.totalFees,
            state.totalFundingPaid, state.totalLiquidationFees, state.totalDeficitsPaid);
    }

    /** Every ladder in evaluation order with its status, equity and requirements at current marks. */
    public List<LadderSnapshot> ladders()
    {
        final List<LadderSnapshot> snapshots = new ArrayList<>();
        for (final LadderRef ref : state.ladders())
        {
            final LadderFigures figures = state.figures(ref);
            final Ladder ladder = state.ladder(ref);
            snapshots.add(new LadderSnapshot(ref.account(), ref.instrument(), ladder.status.name(), figures.wallet(),
                figures.equity(), figures.maintenance(), figures.initial(), figures.hasPositions(), ladder.order != null));
        }
        return snapshots;
    }

    /** The current {@code callLevel}. */
    public BigDecimal callLevel()
    {
        return state.params.callLevel;
    }

    /** The current {@code cureLevel}. */
    public BigDecimal cureLevel()
    {
        return state.params.cureLevel;
    }
}
