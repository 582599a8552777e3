package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds output objects as RULES section 7 says: {@code type}, {@code ts}, {@code cause},
 * then the fields of the SBE message in schema order; decimals as canonical strings.
 */
final class OutputWriter
{
    private final long ts;
    private final long cause;
    private final List<JsonNode> outputs = new ArrayList<>();

    OutputWriter(final long ts, final long cause)
    {
        this.ts = ts;
        this.cause = cause;
    }

    /** A fresh writer for the same input, whose outputs are kept only if the input is accepted. */
    OutputWriter fork()
    {
        return new OutputWriter(ts, cause);
    }

    void addAll(final OutputWriter other)
    {
        outputs.addAll(other.outputs);
    }

    List<JsonNode> outputs()
    {
        return outputs;
    }

    ObjectNode begin(final String type)
    {
        final ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("type", type);
        node.put("ts", ts);
        node.put("cause", cause);
        outputs.add(node);
        return node;
    }

    void reject(final RejectCode code, final String inputType, final String reason)
    {
        final ObjectNode node = begin("reject");
        node.put("code", code.name());
        node.put("input", inputType);
        node.put("reason", reason);
    }

    void marginCall(final LadderRef ref, final LadderFigures figures, final BigDecimal shortfall, final long deadline)
    {
        final ObjectNode node = begin("margin_call");
        ladder(node, ref);
        node.put("equity", Decimals.text(figures.equity()));
        node.put("maintenance", Decimals.text(figures.maintenance()));
        node.put("initial", Decimals.text(figures.initial()));
        node.put("shortfall", Decimals.text(shortfall));
        node.put("deadline", deadline);
    }

    void marginCallCured(final LadderRef ref, final LadderFigures figures)
    {
        final ObjectNode node = begin("margin_call_cured");
        ladder(node, ref);
        node.put("equity", Decimals.text(figures.equity()));
        node.put("initial", Decimals.text(figures.initial()));
    }

    void liquidationOrder(final long account, final LiquidationOrder order, final boolean isolated)
    {
        final ObjectNode node = begin("liquidation_order");
        node.put("orderId", order.orderId());
        node.put("account", account);
        node.put("instrument", order.instrument());
        node.put("side", order.sell() ? "sell" : "buy");
        node.put("qty", Decimals.text(order.remaining()));
        node.put("price", Decimals.text(order.price()));
        node.put("isolated", isolated);
    }

    void liquidationDone(final LadderRef ref)
    {
        ladder(begin("liquidation_done"), ref);
    }

    /**
     * {@code insurance_fund}: the fund's balance moved by {@code delta} (positive: into the fund)
     * to {@code balance}; {@code account} is the other party (0 when there is none, as for a
     * deposit); {@code shortfall} is the deficit the fund could not pay, null when there is none.
     */
    void insuranceFund(final long account, final BigDecimal delta, final BigDecimal balance, final BigDecimal shortfall)
    {
        final ObjectNode node = begin("insurance_fund");
        node.put("account", account);
        node.put("delta", Decimals.text(delta));
        node.put("balance", Decimals.text(balance));
        if (shortfall != null)
        {
            node.put("shortfall", Decimals.text(shortfall));
        }
    }

    /**
     * {@code adl}: {@code account} was deleveraged, closing {@code qty} on its {@code sell} or buy
     * side at {@code price}; {@code rank} is null for a candidate whose ladder equity is not above
     * zero (it ranks last and has no rank to report).
     */
    void adl(final long account, final int instrument, final boolean sell, final BigDecimal qty,
        final BigDecimal price, final BigDecimal rank)
    {
        final ObjectNode node = begin("adl");
        node.put("account", account);
        node.put("instrument", instrument);
        node.put("side", sell ? "sell" : "buy");
        node.put("qty", Decimals.text(qty));
        node.put("price", Decimals.text(price));
        if (rank != null)
        {
            node.put("rank", Decimals.text(rank));
        }
    }

    void priceStale(final int instrument)
    {
        begin("price_stale").put("instrument", instrument);
    }

    void priceResumed(final int instrument)
    {
        begin("price_resumed").put("instrument", instrument);
    }

    void checkResult(final long account, final int instrument, final RejectCode code, final String reason)
    {
        final ObjectNode node = begin("check_result");
        node.put("account", account);
        node.put("instrument", instrument);
        node.put("accepted", code == RejectCode.ACCEPTED);
        node.put("code", code.name());
        node.put("reason", reason);
    }

    private static void ladder(final ObjectNode node, final LadderRef ref)
    {
        node.put("account", ref.account());
        if (!ref.isCross())
        {
            node.put("instrument", ref.instrument().intValue());
        }
    }

    static String lower(final Enum<?> e)
    {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
