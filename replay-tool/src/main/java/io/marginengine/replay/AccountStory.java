package io.marginengine.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.MarginCalculator;
import io.marginengine.engine.logic.RiskParams;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.LadderDescriptor;
import org.agrona.DirectBuffer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows one account through a replay and writes its story: every input that touched it
 * (named it, changed its cross figures or status, or caused an output about it), its figures
 * after each, and in plain words why it was called, cured or liquidated.
 * <p>
 * Fed by the replay: {@link #before} and {@link #after} around each input, and as the
 * processor's {@link OutputSink} in between.
 */
public final class AccountStory implements OutputSink
{
    /** Key of the cross ladder in per-ladder maps; isolated ladders use their instrument id. */
    private static final int CROSS = -1;
    private static final BigDecimal RATE_ONE = BigDecimal.valueOf(MarginCalculator.RATE_ONE);

    /**
     * An account's cross figures after an input.
     *
     * @param wallet      cross wallet balance, money at scale 8.
     * @param equity      cross equity.
     * @param maintenance cross maintenance requirement.
     * @param initial     cross initial requirement.
     * @param status      cross ladder status ({@link LadderDescriptor}).
     * @param positions   positions held.
     */
    public record Figures(long wallet, long equity, long maintenance, long initial, int status, int positions)
    {
        /** @return MM / E rounded up at 8 decimals, as account_state's marginRatio; "infinite" when E <= 0. */
        public String marginRatio()
        {
            if (equity <= 0)
            {
                return "infinite";
            }
            return plain(BigDecimal.valueOf(maintenance).divide(BigDecimal.valueOf(equity), 8, RoundingMode.CEILING));
        }

        /** @return the status as account_state writes it. */
        public String statusName()
        {
            return AccountView.statusName(status);
        }
    }

    /**
     * One input that touched the account.
     *
     * @param index   its journal index.
     * @param ts      its ts.
     * @param input   the input as its JSON line.
     * @param after   the account's cross figures after it.
     * @param outputs the outputs it caused about the account, as JSON lines.
     * @param why     the decisions it led to, in sentences.
     */
    public record Entry(long index, long ts, String input, Figures after, List<String> outputs, List<String> why)
    {
    }

    private final long accountId;
    private final AccountView view;
    private final MessageText text = new MessageText();
    private final List<Entry> entries = new ArrayList<>();
    private final List<ObjectNode> current = new ArrayList<>();
    private final List<String> currentText = new ArrayList<>();
    private final Map<Integer, Long> deadlines = new HashMap<>();
    private final Map<Integer, Integer> statusBefore = new HashMap<>();
    private boolean namesAccount;
    private Figures before;
    private int calls;
    private int cures;
    private int liquidations;
    private int orders;
    private int adls;
    private boolean opened;

    /**
     * @param accountId the account to follow.
     * @param view      reads the replaying processor.
     */
    public AccountStory(final long accountId, final AccountView view)
    {
        this.accountId = accountId;
        this.view = view;
    }

    /**
     * Before an input takes effect.
     *
     * @param buffer holds the input.
     * @param offset where its header starts.
     * @param length its length.
     */
    public void before(final DirectBuffer buffer, final int offset, final int length)
    {
        current.clear();
        currentText.clear();
        namesAccount = InputAccounts.accountOf(buffer, offset, length) == accountId;
        final int slot = view.slotOf(accountId);
        before = slot == AccountStore.MISSING ? null : figures(slot);
        statusBefore.clear();
        if (slot != AccountStore.MISSING)
        {
            statusBefore.put(CROSS, before.status());
            view.isolatedStatuses(slot, statusBefore);
        }
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        final String line = text.text(buffer, offset, length);
        final ObjectNode node = MessageText.tree(line);
        final JsonNode account = node.get("account");
        final boolean aboutAccount = account != null && account.asLong() == accountId;
        final boolean answerToIt = namesAccount && "reject".equals(node.path("type").asText());
        if (aboutAccount || answerToIt)
        {
            current.add(node);
            currentText.add(line);
        }
    }

    /**
     * After an input took effect: records it when it touched the account.
     *
     * @param index  its journal index.
     * @param ts     its ts.
     * @param buffer holds the input.
     * @param offset where its header starts.
     * @param length its length.
     */
    public void after(final long index, final long ts, final DirectBuffer buffer, final int offset, final int length)
    {
        final int slot = view.slotOf(accountId);
        if (slot == AccountStore.MISSING)
        {
            return;
        }
        final Figures after = figures(slot);
        final boolean changed = before == null || !before.equals(after);
        if (!namesAccount && !changed && current.isEmpty())
        {
            return;
        }
        opened = true;
        final List<String> why = new ArrayList<>();
        final String inputType = MessageText.tree(text.text(buffer, offset, length)).path("type").asText();
        for (final ObjectNode output : current)
        {
            explain(output, inputType, ts, slot, after, why);
        }
        entries.add(new Entry(index, ts, text.text(buffer, offset, length), after, List.copyOf(currentText), why));
    }

    private Figures figures(final int slot)
    {
        view.cross(slot);
        return new Figures(view.wallet, view.equity, view.maintenance, view.initial, view.status, view.positions);
    }

    private void explain(
        final ObjectNode output, final String inputType, final long ts, final int slot, final Figures cross, final List<String> why)
    {
        final String type = output.path("type").asText();
        final int ladder = output.has("instrument") && !"liquidation_order".equals(type) && !"adl".equals(type) &&
            !"check_result".equals(type) ? output.get("instrument").asInt() : CROSS;
        final RiskParams params = view.processor().params();
        switch (type)
        {
            case "margin_call":
                calls++;
                deadlines.put(ladder, output.path("deadline").asLong());
                why.add(marginCall(output, ladder, params));
                break;
            case "margin_call_cured":
                cures++;
                why.add(ladderName(ladder) + " cured by this " + inputType + ": equity " + dec(output, "equity") +
                    " reached cureLevel " + rate(params.cureLevel) + " x initial margin " + dec(output, "initial") +
                    "; back to NORMAL");
                break;
            case "liquidation_order":
                why.add(liquidationOrder(output, ts, slot, cross, params));
                break;
            case "liquidation_done":
                why.add(liquidationDone(ladder, slot, params));
                break;
            case "adl":
                adls++;
                why.add("auto-deleveraged as the counterparty of a liquidation the market could not fill: closed " +
                    output.path("side").asText() + " " + dec(output, "qty") + " of instrument " + output.path("instrument").asInt() +
                    " at " + dec(output, "price") + " (rank " + dec(output, "rank") + ", highest ranked first)");
                break;
            case "insurance_fund":
                why.add(insuranceFund(output));
                break;
            case "reject":
                why.add("this " + output.path("input").asText() + " was refused (" + output.path("code").asText() + "): " +
                    output.path("reason").asText());
                break;
            case "check_result":
                why.add("pre-trade check " + (output.path("accepted").asBoolean() ? "accepted" : "refused") +
                    (output.has("reason") ? ": " + output.path("reason").asText() : ""));
                break;
            default:
                break;
        }
    }

    private String marginCall(final ObjectNode output, final int ladder, final RiskParams params)
    {
        final BigDecimal maintenance = new BigDecimal(output.path("maintenance").asText());
        final long deadline = output.path("deadline").asLong();
        return ladderName(ladder) + " called: equity " + dec(output, "equity") + " fell below callLevel " +
            rate(params.callLevel) + " x maintenance " + plain(maintenance) + " = " + plain(times(maintenance, params.callLevel)) +
            "; to cure it equity must reach cureLevel " + rate(params.cureLevel) + " x initial margin " + dec(output, "initial") +
            " (shortfall " + dec(output, "shortfall") + ") by the deadline " + deadline + " (" + Point.instant(deadline) +
            ", " + grace(params.callGraceNs) + " later); until then reduce-only";
    }

    private String liquidationOrder(
        final ObjectNode output, final long ts, final int slot, final Figures cross, final RiskParams params)
    {
        orders++;
        final boolean isolated = output.path("isolated").asBoolean();
        final int instrument = output.path("instrument").asInt();
        final int ladder = isolated ? instrument : CROSS;
        final long equity;
        final long maintenance;
        final long initial;
        if (isolated && view.isolated(slot, instrument))
        {
            equity = view.equity;
            maintenance = view.maintenance;
            initial = view.initial;
        }
        else
        {
            equity = cross.equity();
            maintenance = cross.maintenance();
            initial = cross.initial();
        }
        final String order = "liquidation order " + output.path("orderId").asLong() + ": " + output.path("side").asText() +
            " " + dec(output, "qty") + " of instrument " + instrument + ", IOC limited at its bankruptcy price " +
            dec(output, "price") + ", " + sizing(output, slot, instrument, params);
        final int was = statusBefore.getOrDefault(ladder, LadderDescriptor.NORMAL);
        if (was == LadderDescriptor.LIQUIDATING)
        {
            return ladderName(ladder) + " still liquidating: equity " + money(equity) + " is below cureLevel " +
                rate(params.cureLevel) + " x initial margin " + money(initial) + " after the previous order ended; next " + order;
        }
        liquidations++;
        final Long deadline = deadlines.get(ladder);
        final String reason;
        if (deadline != null && ts >= deadline && was == LadderDescriptor.MARGIN_CALL)
        {
            reason = "the call's deadline " + deadline + " (" + Point.instant(deadline) + ") was reached with equity " +
                money(equity) + " still below cureLevel " + rate(params.cureLevel) + " x initial margin " + money(initial);
        }
        else
        {
            reason = "equity " + money(equity) + " fell below liquidationLevel " + rate(params.liquidationLevel) +
                " x maintenance " + money(maintenance) + " = " +
                plain(times(BigDecimal.valueOf(maintenance, MarginCalculator.MONEY_SCALE), params.liquidationLevel)) +
                (was == LadderDescriptor.NORMAL ? ", straight from NORMAL: called and liquidated by the same input" : "");
        }
        return ladderName(ladder) + " liquidated: " + reason + "; " + order;
    }

    private String sizing(final ObjectNode output, final int slot, final int instrument, final RiskParams params)
    {
        final BigDecimal qty = new BigDecimal(output.path("qty").asText());
        final long held = Math.abs(view.positionQty(slot, instrument));
        final String stateLine = view.accountState(slot, 0, 0);
        final ObjectNode state = MessageText.tree(stateLine);
        for (final JsonNode position : state.path("positions"))
        {
            if (position.path("instrument").asInt() == instrument)
            {
                final BigDecimal whole = new BigDecimal(position.path("qty").asText()).abs();
                if (qty.compareTo(whole) == 0)
                {
                    return "the whole position" + (params.partialLiquidation ? " (no smaller quantity restores the initial level)" :
                        " (partialLiquidation is off)");
                }
                return "the smallest quantity of the " + plain(whole) + " held that, closed at the mark with its fee, " +
                    "restores equity to the initial level";
            }
        }
        return held == 0 ? "the position is flat" : "part of the position";
    }

    private String liquidationDone(final int ladder, final int slot, final RiskParams params)
    {
        final boolean flat;
        final long equity;
        final long initial;
        if (ladder != CROSS && view.isolated(slot, ladder))
        {
            flat = view.positionQty(slot, ladder) == 0;
            equity = view.equity;
            initial = view.initial;
        }
        else
        {
            view.cross(slot);
            flat = view.openPositions(slot) == 0;
            equity = view.equity;
            initial = view.initial;
        }
        deadlines.remove(ladder);
        return ladderName(ladder) + " liquidation done: " + (flat ? "no position left" : "equity " + money(equity) +
            " is back at or above cureLevel " + rate(params.cureLevel) + " x initial margin " + money(initial)) + "; back to NORMAL";
    }

    private String insuranceFund(final ObjectNode output)
    {
        final BigDecimal delta = new BigDecimal(output.path("delta").asText());
        final String shortfall = output.has("shortfall") ? "; it could not pay " + dec(output, "shortfall") + " (shortfall)" : "";
        if (delta.signum() > 0)
        {
            return "paid " + plain(delta) + " to the insurance fund (liquidation fee out of the surplus over the " +
                "bankruptcy price, or the fund's own movement); fund balance " + dec(output, "balance") + shortfall;
        }
        if (delta.signum() < 0)
        {
            return "the insurance fund paid " + plain(delta.negate()) + " into the wallet, left negative after " +
                "settlement; fund balance " + dec(output, "balance") + shortfall;
        }
        return "the insurance fund could not pay the deficit" + shortfall;
    }

    private static String ladderName(final int ladder)
    {
        return ladder == CROSS ? "cross margin" : "isolated position on instrument " + ladder;
    }

    private static String grace(final long ns)
    {
        if (ns % 60_000_000_000L == 0)
        {
            return ns / 60_000_000_000L + " min";
        }
        return plain(BigDecimal.valueOf(ns, 9)) + " s";
    }

    private static BigDecimal times(final BigDecimal amount, final long rate)
    {
        return amount.multiply(BigDecimal.valueOf(rate)).divide(RATE_ONE);
    }

    private static String dec(final ObjectNode node, final String field)
    {
        return node.path(field).asText();
    }

    private static String rate(final long rate)
    {
        return plain(BigDecimal.valueOf(rate, MarginCalculator.RATE_SCALE));
    }

    /**
     * @param money money at scale 8.
     * @return its canonical decimal text.
     */
    static String money(final long money)
    {
        return plain(BigDecimal.valueOf(money, MarginCalculator.MONEY_SCALE));
    }

    private static String plain(final BigDecimal value)
    {
        final BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** @return the inputs that touched the account, in journal order. */
    public List<Entry> entries()
    {
        return entries;
    }

    /** @return whether the account was open at any point of the replay. */
    public boolean opened()
    {
        return opened;
    }

    /** @return margin calls issued to the account (cross and isolated). */
    public int calls()
    {
        return calls;
    }

    /** @return calls cured. */
    public int cures()
    {
        return cures;
    }

    /** @return liquidations begun (ladders that went into LIQUIDATING). */
    public int liquidations()
    {
        return liquidations;
    }

    /** @return liquidation orders issued. */
    public int orders()
    {
        return orders;
    }

    /** @return ADL closes against the account. */
    public int adls()
    {
        return adls;
    }
}
