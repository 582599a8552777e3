package io.marginengine.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.journal.codec.MessageTypes;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The margin decisions of one run, per account and ladder, for a {@code what-if} to compare:
 * margin calls, cures, liquidations (a ladder going into LIQUIDATING: its first order) and
 * their ends, plus the inputs the run refused. Only the outputs that carry a decision are
 * decoded to text; the rest are counted and passed over.
 */
public final class DecisionLog implements OutputSink
{
    /** Ladder key of the cross part; isolated ladders are keyed by instrument id. */
    public static final int CROSS = -1;

    /** What was decided. */
    public enum Kind
    {
        /** {@code margin_call}. */
        MARGIN_CALL("margin call", "margin calls"),
        /** {@code margin_call_cured}. */
        CURED("cure", "cures"),
        /** The first {@code liquidation_order} of a ladder not yet liquidating. */
        LIQUIDATION("liquidation", "liquidations"),
        /** {@code liquidation_done}. */
        LIQUIDATION_DONE("liquidation done", "liquidations done");

        private final String words;
        private final String plural;

        Kind(final String words, final String plural)
        {
            this.words = words;
            this.plural = plural;
        }

        /** @return the kind in words, plural. */
        public String plural()
        {
            return plural;
        }

        /** @return the kind in words. */
        public String words()
        {
            return words;
        }
    }

    /**
     * One decision.
     *
     * @param account the account.
     * @param ladder  {@link #CROSS} or the instrument of an isolated position.
     * @param kind    what was decided.
     * @param cause   the journal index of the input that caused it.
     * @param ts      that input's ts.
     * @param detail  the figures that go with it, in words.
     */
    public record Decision(long account, int ladder, Kind kind, long cause, long ts, String detail)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageText text = new MessageText();
    private final Map<Long, Map<String, List<Decision>>> byAccount = new TreeMap<>();
    private final Set<String> liquidating = new HashSet<>();
    private final Map<Long, String> refused = new LinkedHashMap<>();
    private long lastInput;

    /**
     * Names the input whose outputs follow (a refused input is recorded under it).
     *
     * @param journalIndex the input's journal index.
     */
    public void input(final long journalIndex)
    {
        lastInput = journalIndex;
    }

    @Override
    public void onOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final String type = MessageTypes.typeName(header.templateId());
        switch (type)
        {
            case "margin_call", "margin_call_cured", "liquidation_order", "liquidation_done", "reject" ->
                record(type, MessageText.tree(text.text(buffer, offset, length)));
            default ->
            {
            }
        }
    }

    private void record(final String type, final ObjectNode o)
    {
        if ("reject".equals(type))
        {
            refused.put(lastInput, o.path("input").asText() + " " + o.path("code").asText() + ": " + o.path("reason").asText());
            return;
        }
        final long account = o.path("account").asLong();
        final boolean isolatedOrder = "liquidation_order".equals(type) && o.path("isolated").asBoolean();
        final int ladder = "liquidation_order".equals(type) ? (isolatedOrder ? o.path("instrument").asInt() : CROSS) :
            o.has("instrument") ? o.path("instrument").asInt() : CROSS;
        final String key = account + "/" + ladder;
        final long cause = o.path("cause").asLong();
        final long ts = o.path("ts").asLong();
        switch (type)
        {
            case "margin_call" -> add(new Decision(account, ladder, Kind.MARGIN_CALL, cause, ts, "equity " +
                o.path("equity").asText() + ", maintenance " + o.path("maintenance").asText() + ", initial " +
                o.path("initial").asText() + ", shortfall " + o.path("shortfall").asText() + ", deadline " + o.path("deadline").asLong()));
            case "margin_call_cured" -> add(new Decision(account, ladder, Kind.CURED, cause, ts, "equity " +
                o.path("equity").asText() + ", initial " + o.path("initial").asText()));
            case "liquidation_order" ->
            {
                if (liquidating.add(key))
                {
                    add(new Decision(account, ladder, Kind.LIQUIDATION, cause, ts, "first order " + o.path("side").asText() +
                        " " + o.path("qty").asText() + " of instrument " + o.path("instrument").asInt() + " at " + o.path("price").asText()));
                }
            }
            default ->
            {
                liquidating.remove(key);
                add(new Decision(account, ladder, Kind.LIQUIDATION_DONE, cause, ts, ""));
            }
        }
    }

    private void add(final Decision d)
    {
        byAccount.computeIfAbsent(d.account(), a -> new LinkedHashMap<>())
            .computeIfAbsent(d.ladder() + "/" + d.kind(), k -> new ArrayList<>()).add(d);
    }

    /** @return decisions by account, then by ladder and kind, each list in journal order. */
    public Map<Long, Map<String, List<Decision>>> byAccount()
    {
        return byAccount;
    }

    /** @return the journal indexes of the refused inputs, with the refusal in words. */
    public Map<Long, String> refused()
    {
        return refused;
    }

    /**
     * @param kind a kind.
     * @return how many decisions of that kind the run made.
     */
    public long count(final Kind kind)
    {
        long n = 0;
        for (final Map<String, List<Decision>> ladders : byAccount.values())
        {
            for (final List<Decision> list : ladders.values())
            {
                if (!list.isEmpty() && list.get(0).kind() == kind)
                {
                    n += list.size();
                }
            }
        }
        return n;
    }
}
