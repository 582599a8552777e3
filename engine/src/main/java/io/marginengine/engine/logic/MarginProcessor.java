package io.marginengine.engine.logic;

import io.marginengine.engine.Context;
import io.marginengine.engine.Surveillance;
import io.marginengine.engine.egress.OutputPublisher;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.snapshot.StateDigest;
import io.marginengine.engine.snapshot.StateImage;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.journal.sbe.AccountDecoder;
import io.marginengine.journal.sbe.CheckDecoder;
import io.marginengine.journal.sbe.ClockDecoder;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.FundingDecoder;
import io.marginengine.journal.sbe.InstrumentDecoder;
import io.marginengine.journal.sbe.InvalidInputDecoder;
import io.marginengine.journal.sbe.IsolatedMarginDecoder;
import io.marginengine.journal.sbe.LiquidationExpiredDecoder;
import io.marginengine.journal.sbe.MarginModeChangeDecoder;
import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.ParamsDecoder;
import io.marginengine.journal.sbe.QueryDecoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.WithdrawDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;

/**
 * The single-threaded business-logic processor: takes one input at a time (an SBE message
 * and its journal index), applies SPEC sections 1 to 4 to the off-heap state, and publishes
 * the outputs. It reads no clock and no randomness; {@code now} is the input's {@code ts}.
 * <p>
 * For every input, in order (docs/RULES.md section 4): a decode error, a duplicate
 * {@code seq} or a {@code ts} going back is refused without effect; otherwise time passes
 * to {@code ts} (stale prices, due margin calls), then the input takes effect or is refused
 * with a {@code reject} naming the reason. A refused input changes nothing else.
 * <p>
 * Not thread safe: exactly one thread calls {@link #onInput}.
 */
public final class MarginProcessor
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final InstrumentDecoder instrumentDecoder = new InstrumentDecoder();
    private final ParamsDecoder paramsDecoder = new ParamsDecoder();
    private final AccountDecoder accountDecoder = new AccountDecoder();
    private final DepositDecoder depositDecoder = new DepositDecoder();
    private final WithdrawDecoder withdrawDecoder = new WithdrawDecoder();
    private final MarginModeChangeDecoder marginModeDecoder = new MarginModeChangeDecoder();
    private final IsolatedMarginDecoder isolatedMarginDecoder = new IsolatedMarginDecoder();
    private final FillDecoder fillDecoder = new FillDecoder();
    private final LiquidationExpiredDecoder expiredDecoder = new LiquidationExpiredDecoder();
    private final MarkDecoder markDecoder = new MarkDecoder();
    private final FundingDecoder fundingDecoder = new FundingDecoder();
    private final ClockDecoder clockDecoder = new ClockDecoder();
    private final CheckDecoder checkDecoder = new CheckDecoder();
    private final QueryDecoder queryDecoder = new QueryDecoder();
    private final InvalidInputDecoder invalidDecoder = new InvalidInputDecoder();
    private final org.agrona.concurrent.UnsafeBuffer reasonView = new org.agrona.concurrent.UnsafeBuffer(0, 0);

    private final InstrumentStore instruments;
    private final AccountStore accounts;
    private final RiskParams params = new RiskParams();
    private final Totals totals = new Totals();
    private final Rejection rejection = new Rejection();
    private final OutputPublisher publisher;
    private final MarginCalculator calculator;
    private final CallLadder ladder;
    private final DeadlineQueue deadlines;
    private final Liquidator liquidator;
    private final LadderSweep sweep;
    private final TriggerIndex triggers;
    private final Lookups lookups;
    private final InputNumbers numbers;
    private final InstrumentRegistrar registrar;
    private final PositionKeeper positions;
    private final InsuranceFund fund;
    private final FundingPayer funding;
    private final Deleverager deleverager;
    private final WalletKeeper wallets;
    private final PriceKeeper prices;
    private final PreTradeCheck preTrade;
    private final AccountReporter reporter;
    private final ParamsKeeper paramsKeeper;
    private final Long2LongHashMap lastSeqBySource;
    private final int maxSources;

    /** Every input begins with ts (8), seq (8) and source (4). */
    private static final int COMMON_PREFIX = 2 * Long.BYTES + Integer.BYTES;

    private long lastTs = Long.MIN_VALUE;
    private long inputs;
    private long rejects;
    private final long[] rejectsByCode = new long[RejectCode.values().length];
    private long lastJournalIndex = NO_INPUT;
    private final long[] sourceKeys;
    private int sourceKeyCount;
    private final LongLongConsumer collectSource = this::collectSource;

    /** {@link #lastJournalIndex()} of a processor that has applied no input. */
    public static final long NO_INPUT = -1;

    /**
     * Allocates all state for the capacities of the context and opens the insurance fund.
     *
     * @param context configuration; concluded here if it was not.
     * @param sink    where outputs go.
     */
    public MarginProcessor(final Context context, final OutputSink sink)
    {
        if (!context.isConcluded())
        {
            context.conclude();
        }
        instruments = new InstrumentStore(context.maxInstruments());
        accounts = new AccountStore(context.maxAccounts(), context.maxPositionsPerAccount(), context.maxInstruments());
        publisher = new OutputPublisher(sink, context.maxPositionsPerAccount());
        calculator = new MarginCalculator(instruments, accounts);
        final PriceLevels levels = new PriceLevels(instruments, calculator);
        deadlines = new DeadlineQueue(2 * context.maxAccounts() + 1024);
        final int fundSlot = accounts.add(context.insuranceFundAccount());
        fund = new InsuranceFund(accounts, calculator, publisher, totals, fundSlot);
        liquidator = new Liquidator(accounts, instruments, calculator, levels, params, publisher);
        triggers = context.surveillance() == Surveillance.INDEXED ?
            new TriggerIndex(accounts, instruments, calculator, params, fundSlot, context.maxAccounts(), context.maxInstruments(),
                context.triggerSlackPermille()) :
            null;
        ladder = new CallLadder(accounts, instruments, calculator, params, publisher, deadlines, liquidator, fundSlot, triggers);
        sweep = new LadderSweep(accounts, instruments, calculator, ladder, triggers, fundSlot);
        lookups = new Lookups(accounts, instruments, rejection);
        numbers = new InputNumbers(rejection);
        registrar = new InstrumentRegistrar(instruments, numbers, rejection);
        positions = new PositionKeeper(accounts, instruments, calculator, lookups, numbers, rejection, sweep, ladder,
            totals, fund);
        funding = new FundingPayer(accounts, instruments, calculator, lookups, numbers, rejection, sweep, totals, fund,
            context.maxAccounts());
        deleverager = new Deleverager(accounts, instruments, calculator, lookups, numbers, rejection, positions, fund,
            ladder, publisher, totals, context.maxAccounts());
        wallets = new WalletKeeper(accounts, calculator, lookups, numbers, rejection, ladder, totals, fund);
        prices = new PriceKeeper(instruments, lookups, numbers, rejection, sweep, publisher);
        preTrade = new PreTradeCheck(accounts, instruments, calculator, lookups, numbers, rejection, positions, publisher);
        reporter = new AccountReporter(accounts, instruments, calculator, levels, publisher);
        paramsKeeper = new ParamsKeeper(params, numbers, rejection, sweep);
        maxSources = context.maxSources();
        lastSeqBySource = new Long2LongHashMap(Math.max(16, maxSources * 2), 0.65f, Long.MIN_VALUE);
        sourceKeys = new long[maxSources];
    }

    /**
     * Processes one input.
     *
     * @param journalIndex the input's index in the journal; outputs name it as their cause.
     * @param buffer       holds the SBE message header and body.
     * @param offset       where the header starts.
     * @param length       header plus body length.
     */
    public void onInput(final long journalIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        inputs++;
        lastJournalIndex = journalIndex;
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final long ts = length >= MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES ? buffer.getLong(body) : Long.MIN_VALUE;
        // an input whose ts could not be read is answered at the current time
        publisher.cause(ts == Long.MIN_VALUE ? Math.max(lastTs, 0) : ts, journalIndex);
        try
        {
            if (templateId == InvalidInputDecoder.TEMPLATE_ID)
            {
                refuseInvalid(buffer, body);
            }
            if (templateId < InstrumentDecoder.TEMPLATE_ID || templateId > QueryDecoder.TEMPLATE_ID)
            {
                rejection.reason().append("unknown input type ").append(templateId);
                throw rejection.reject(RejectCode.BAD_INPUT);
            }
            if (length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() || header.blockLength() < COMMON_PREFIX)
            {
                rejection.reason().append("input of ").append(length).append(" bytes is shorter than its declared block of ")
                    .append(header.blockLength()).append(" bytes");
                throw rejection.reject(RejectCode.BAD_INPUT);
            }
            admit(buffer, body, ts);
            prices.detectStale(ts);
            expireDeadlines(ts);
            dispatch(templateId, buffer, body, ts);
        }
        catch (final Rejection r)
        {
            refused(r.code(), templateId);
        }
        catch (final ArithmeticOverflowException ex)
        {
            rejection.reason().append("input refused: its arithmetic would leave the 64-bit range");
            refused(RejectCode.OVERFLOW, templateId);
        }
    }

    private void refused(final RejectCode code, final int templateId)
    {
        rejects++;
        rejectsByCode[code.ordinal()]++;
        final int inputType = templateId == InvalidInputDecoder.TEMPLATE_ID ? invalidDecoder.inputType() : templateId;
        publisher.reject(code, inputType, rejection.sentence());
    }

    private void refuseInvalid(final DirectBuffer buffer, final int body)
    {
        invalidDecoder.wrap(buffer, body, header.blockLength(), header.version());
        final short codeRaw = invalidDecoder.codeRaw();
        final RejectCode code = codeRaw >= 0 && codeRaw < RejectCode.ACCEPTED.value() ? RejectCode.get(codeRaw) : RejectCode.BAD_INPUT;
        invalidDecoder.wrapReason(reasonView);
        rejection.reason().append(reasonView, 0, reasonView.capacity());
        throw rejection.reject(code);
    }

    /**
     * Duplicate and time checks; on success records the seq and moves time.
     */
    private void admit(final DirectBuffer buffer, final int body, final long ts)
    {
        final long seq = buffer.getLong(body + Long.BYTES);
        final int source = buffer.getInt(body + 2 * Long.BYTES);
        final boolean hasSeq = seq != ClockDecoder.seqNullValue();
        if (hasSeq)
        {
            final long last = lastSeqBySource.get(source);
            if (last != Long.MIN_VALUE && seq <= last)
            {
                rejection.reason().append("duplicate: seq ").append(seq).append(" from source ").append(source)
                    .append(" is not above the last accepted seq ").append(last);
                throw rejection.reject(RejectCode.DUPLICATE);
            }
            if (last == Long.MIN_VALUE && lastSeqBySource.size() >= maxSources)
            {
                rejection.reason().append("source ").append(source).append(" refused: the engine tracks at most ")
                    .append(maxSources).append(" sources");
                throw rejection.reject(RejectCode.CAPACITY);
            }
        }
        if (ts < 0)
        {
            rejection.reason().append("ts ").append(ts).append(" must not be negative");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (ts < lastTs)
        {
            rejection.reason().append("ts ").append(ts).append(" goes back before the previous input's ts ").append(lastTs);
            throw rejection.reject(RejectCode.TIME_BACKWARDS);
        }
        if (hasSeq)
        {
            lastSeqBySource.put(source, seq);
        }
        lastTs = ts;
    }

    private void expireDeadlines(final long now)
    {
        while (!deadlines.isEmpty() && deadlines.peekDeadline() <= now)
        {
            deadlines.pop();
            final int slot = deadlines.poppedSlot;
            final int instrumentId = deadlines.poppedInstrument;
            if (ladder.isValid(deadlines.poppedDeadline, slot, instrumentId))
            {
                final int isolated = instrumentId == OutputPublisher.CROSS ?
                    AccountStore.MISSING : accounts.findPosition(slot, instrumentId);
                ladder.evaluate(slot, isolated, now);
            }
        }
    }

    private void dispatch(final int templateId, final DirectBuffer buffer, final int body, final long ts)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (templateId)
        {
            case InstrumentDecoder.TEMPLATE_ID:
                registrar.define(instrumentDecoder.wrap(buffer, body, blockLength, version), ts);
                prices.guardsChanged();
                break;
            case ParamsDecoder.TEMPLATE_ID:
                paramsKeeper.apply(paramsDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case AccountDecoder.TEMPLATE_ID:
                openAccount(accountDecoder.wrap(buffer, body, blockLength, version));
                break;
            case DepositDecoder.TEMPLATE_ID:
                wallets.deposit(depositDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case WithdrawDecoder.TEMPLATE_ID:
                wallets.withdraw(withdrawDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case MarginModeChangeDecoder.TEMPLATE_ID:
                positions.marginMode(marginModeDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case IsolatedMarginDecoder.TEMPLATE_ID:
                wallets.isolatedMargin(isolatedMarginDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case FillDecoder.TEMPLATE_ID:
                positions.fill(fillDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case LiquidationExpiredDecoder.TEMPLATE_ID:
                deleverager.expired(expiredDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case MarkDecoder.TEMPLATE_ID:
                prices.mark(markDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case FundingDecoder.TEMPLATE_ID:
                funding.funding(fundingDecoder.wrap(buffer, body, blockLength, version), ts);
                break;
            case ClockDecoder.TEMPLATE_ID:
                break;
            case CheckDecoder.TEMPLATE_ID:
                preTrade.check(checkDecoder.wrap(buffer, body, blockLength, version));
                break;
            case QueryDecoder.TEMPLATE_ID:
                reporter.report(lookups.account(queryDecoder.wrap(buffer, body, blockLength, version).account(), "query"));
                break;
            default:
                rejection.reason().append("unknown input type ").append(templateId);
                throw rejection.reject(RejectCode.BAD_INPUT);
        }
    }

    private void openAccount(final AccountDecoder in)
    {
        final long id = in.account();
        if (id < 0)
        {
            rejection.reason().append("account id ").append(id).append(" must not be negative");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (accounts.slotOf(id) != AccountStore.MISSING)
        {
            rejection.reason().append("account ").append(id).append(" already exists");
            throw rejection.reject(RejectCode.ALREADY_EXISTS);
        }
        if (accounts.isFull())
        {
            rejection.reason().append("account ").append(id).append(" refused: the engine holds its maximum of ")
                .append(accounts.count()).append(" accounts");
            throw rejection.reject(RejectCode.CAPACITY);
        }
        accounts.add(id);
    }

    /** @return inputs processed, refused ones included. */
    public long inputs()
    {
        return inputs;
    }

    /** @return inputs refused. */
    public long rejects()
    {
        return rejects;
    }

    /**
     * @param code a reject code.
     * @return inputs refused with it.
     */
    public long rejects(final RejectCode code)
    {
        return rejectsByCode[code.ordinal()];
    }

    /** @return margin calls issued. */
    public long marginCalls()
    {
        return ladder.marginCalls();
    }

    /** @return ladders that went into liquidation. */
    public long liquidations()
    {
        return ladder.liquidations();
    }

    /** @return the money tallies. */
    public Totals totals()
    {
        return totals;
    }

    /** @return the account store, read-only use outside the processor thread is not safe. */
    public AccountStore accounts()
    {
        return accounts;
    }

    /** @return the instrument store. */
    public InstrumentStore instruments()
    {
        return instruments;
    }

    /** @return the margin formulas, for read-only inspection between inputs. */
    public MarginCalculator calculator()
    {
        return calculator;
    }

    /** @return the trigger index, or null with {@link Surveillance#PLAIN}. */
    public TriggerIndex triggerIndex()
    {
        return triggers;
    }

    /**
     * Rebuilds the derived surveillance state (the trigger index) from the stores: call it after
     * the stores are restored from a snapshot, before the next input. Nothing with
     * {@link Surveillance#PLAIN}.
     */
    public void rebuildTriggerIndex()
    {
        if (triggers != null)
        {
            triggers.rebuild();
        }
    }

    /** @return the current risk parameters. */
    public RiskParams params()
    {
        return params;
    }

    /**
     * The journal index of the last input applied: the point a snapshot of the state covers.
     *
     * @return the index, or {@link #NO_INPUT}.
     */
    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }

    /** @return the ts of the last input that passed the duplicate and time checks, or Long.MIN_VALUE. */
    public long lastTs()
    {
        return lastTs;
    }

    /** @return outputs published since the first input: the output queue sequence of the next output. */
    public long outputsPublished()
    {
        return publisher.published();
    }

    /** Section mark of the processor's own fields in a state image: "PROCESSR" in ASCII, little-endian. */
    public static final long IMAGE_SECTION = 0x52535345434F5250L;

    /**
     * Bytes {@link #copyStateTo} needs at most: with every account, instrument, position and
     * source slot in use, and the deadline heap at its current size. Size a snapshot image
     * with it once, at start.
     *
     * @return the bound.
     */
    public long maxStateLength()
    {
        return processorSectionLength(maxSources, deadlines.capacity()) + instruments.maxImageLength() +
            accounts.maxImageLength();
    }

    private long processorSectionLength(final int sources, final int deadlineEntries)
    {
        return (10L + rejectsByCode.length + 5 + 10 + 1 + 2L * sources) * Long.BYTES + DeadlineQueue.imageLength(deadlineEntries);
    }

    /**
     * Writes the whole state, in its canonical form, to a state image (emptied first); allocates
     * nothing. Sections, each a run of little-endian longs or records:
     * <pre>
     *   processor   "PROCESSR", last journal index, last ts, inputs, rejects, outputs published,
     *               margin calls, liquidations, last order id,
     *               n, rejects by code[n] (RejectCode order),
     *               callLevel, liquidationLevel, cureLevel, callGraceNs, partialLiquidation (1/0),
     *               money tallies: deposits, withdrawals, realized, fees, funding (high, low each),
     *               m, m x (source, last seq) in ascending source,
     *               d, d x (deadline, account slot &lt;&lt; 32 | instrument id) in heap array order
     *   instruments InstrumentStore#writeTo: used records whole, in slot order
     *   accounts    AccountStore#writeTo: used records, positions in use only, in slot order
     * </pre>
     * What is not written is scratch (decoders, the calculator's results, the refusal being
     * built, per-input work arrays) or derived from what is (the id indexes, rebuilt on
     * restore). docs/RECOVERY.md lists every field and which it is.
     *
     * @param image where the state goes; needs {@link #maxStateLength()} bytes of capacity.
     */
    public void copyStateTo(final StateImage image)
    {
        image.clear();
        image.putLong(IMAGE_SECTION).putLong(lastJournalIndex).putLong(lastTs).putLong(inputs).putLong(rejects)
            .putLong(publisher.published()).putLong(ladder.marginCalls()).putLong(ladder.liquidations())
            .putLong(liquidator.lastOrderId());
        image.putLong(rejectsByCode.length);
        for (final long count : rejectsByCode)
        {
            image.putLong(count);
        }
        image.putLong(params.callLevel).putLong(params.liquidationLevel).putLong(params.cureLevel)
            .putLong(params.callGraceNs).putLong(params.partialLiquidation ? 1 : 0);
        totals.writeTo(image);
        writeSources(image);
        deadlines.writeTo(image);
        instruments.writeTo(image);
        accounts.writeTo(image);
    }

    private void collectSource(final long source, final long lastSeq)
    {
        sourceKeys[sourceKeyCount++] = source;
    }

    private void writeSources(final StateImage image)
    {
        sourceKeyCount = 0;
        lastSeqBySource.forEachLong(collectSource);
        java.util.Arrays.sort(sourceKeys, 0, sourceKeyCount);
        image.putLong(sourceKeyCount);
        for (int i = 0; i < sourceKeyCount; i++)
        {
            image.putLong(sourceKeys[i]).putLong(lastSeqBySource.get(sourceKeys[i]));
        }
    }

    /**
     * Replaces the whole state by the one in a state image written by {@link #copyStateTo},
     * on this processor's thread, before it takes the next input. Derived indexes are rebuilt
     * from the restored records. The processor may have run before: nothing of its previous
     * state survives.
     *
     * @param image the state, read from its front.
     * @throws IllegalStateException with a sentence when the image is malformed or does not
     *                               fit this processor's capacities; the processor must then
     *                               not be used.
     */
    public void restoreState(final StateImage image)
    {
        image.rewind();
        image.expectLong("the processor section mark", IMAGE_SECTION);
        lastJournalIndex = image.getLong("the last journal index", NO_INPUT, Long.MAX_VALUE);
        lastTs = image.getLong("the last ts");
        inputs = image.getLong("the input count", 0, Long.MAX_VALUE);
        rejects = image.getLong("the reject count", 0, Long.MAX_VALUE);
        publisher.published(image.getLong("the output count", 0, Long.MAX_VALUE));
        final long marginCalls = image.getLong("the margin call count", 0, Long.MAX_VALUE);
        ladder.counters(marginCalls, image.getLong("the liquidation count", 0, Long.MAX_VALUE));
        liquidator.lastOrderId(image.getLong("the last order id", 0, Long.MAX_VALUE));
        image.expectLong("the number of reject codes", rejectsByCode.length);
        for (int i = 0; i < rejectsByCode.length; i++)
        {
            rejectsByCode[i] = image.getLong("a reject count", 0, Long.MAX_VALUE);
        }
        params.callLevel = image.getLong("callLevel");
        params.liquidationLevel = image.getLong("liquidationLevel");
        params.cureLevel = image.getLong("cureLevel");
        params.callGraceNs = image.getLong("callGraceNs");
        params.partialLiquidation = image.getLong("partialLiquidation", 0, 1) == 1;
        totals.readFrom(image);
        readSources(image);
        deadlines.readFrom(image);
        instruments.readFrom(image);
        accounts.readFrom(image);
        image.expectEnd();
        // the trigger index and the earliest stale time are derived from the stores
        prices.guardsChanged();
        rebuildTriggerIndex();
    }

    private void readSources(final StateImage image)
    {
        final int n = (int)image.getLong("the source count (maxSources " + maxSources + ")", 0, maxSources);
        lastSeqBySource.clear();
        for (int i = 0; i < n; i++)
        {
            final long source = image.getLong("a source id");
            lastSeqBySource.put(source, image.getLong("the last seq of source " + source));
        }
    }

    /**
     * The digest of the whole state at {@link #lastJournalIndex()}: XXH3 128-bit over the
     * image {@link #copyStateTo} writes. Allocates an image of the state's size; call it
     * between inputs, never per input.
     *
     * @return the digest.
     */
    public StateDigest stateDigest()
    {
        final StateImage image = new StateImage(processorSectionLength(lastSeqBySource.size(), deadlines.size()) +
            instruments.maxImageLength() + accounts.imageLength());
        copyStateTo(image);
        return StateDigest.of(image);
    }
}
