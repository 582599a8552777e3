package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the JSON edge can tell without any state: that a known input type has its required
 * fields, each of the JSON type and range of its SBE field (ids, timestamps and scales are
 * JSON integers; decimals are decimal text or numbers whose mantissa fits 64 bits; enums
 * are one of their names). An input failing here is the engine's {@code InvalidInput}:
 * rejected before the duplicate and timestamp checks, and it does not move time.
 * <p>
 * Everything that needs state or the scale of a field (too many decimals for an
 * instrument's scale, unknown ids, value ranges such as amount &gt; 0) is checked later by
 * the processor, after time has passed.
 */
public final class InputDecoder
{
    private enum Kind
    {
        INT32, INT64, UINT8, DECIMAL, STRING, SIDE, MODE, BOOL, TIERS
    }

    private record Field(String name, Kind kind, boolean required)
    {
    }

    private static final List<Field> HEADER = List.of(
        req("ts", Kind.INT64), opt("seq", Kind.INT64), opt("source", Kind.INT32));

    private static final List<Field> TIER = List.of(
        req("floor", Kind.DECIMAL), req("imr", Kind.DECIMAL), req("mmr", Kind.DECIMAL));

    /** Fields per input type, in SBE schema order. */
    private static final Map<String, List<Field>> FIELDS = Map.ofEntries(
        Map.entry("instrument", List.of(req("instrument", Kind.INT32), req("priceScale", Kind.UINT8),
            req("qtyScale", Kind.UINT8), req("multiplier", Kind.DECIMAL), req("liquidationFeeRate", Kind.DECIMAL),
            opt("staleAfterNs", Kind.INT64), opt("maxMarkMoveRate", Kind.DECIMAL), req("tiers", Kind.TIERS),
            req("symbol", Kind.STRING))),
        Map.entry("params", List.of(opt("callLevel", Kind.DECIMAL), opt("liquidationLevel", Kind.DECIMAL),
            opt("cureLevel", Kind.DECIMAL), opt("callGraceNs", Kind.INT64), opt("partialLiquidation", Kind.BOOL))),
        Map.entry("account", List.of(req("account", Kind.INT64))),
        Map.entry("deposit", List.of(req("account", Kind.INT64), req("amount", Kind.DECIMAL))),
        Map.entry("withdraw", List.of(req("account", Kind.INT64), req("amount", Kind.DECIMAL))),
        Map.entry("margin_mode", List.of(req("account", Kind.INT64), req("instrument", Kind.INT32),
            req("mode", Kind.MODE))),
        Map.entry("isolated_margin", List.of(req("account", Kind.INT64), req("instrument", Kind.INT32),
            req("amount", Kind.DECIMAL))),
        Map.entry("fill", List.of(req("account", Kind.INT64), req("instrument", Kind.INT32),
            req("side", Kind.SIDE), req("qty", Kind.DECIMAL), req("price", Kind.DECIMAL), req("fee", Kind.DECIMAL),
            opt("liquidation", Kind.BOOL), opt("orderId", Kind.INT64))),
        Map.entry("liquidation_expired", List.of(req("orderId", Kind.INT64), req("account", Kind.INT64),
            req("instrument", Kind.INT32), req("qty", Kind.DECIMAL))),
        Map.entry("mark", List.of(req("instrument", Kind.INT32), req("price", Kind.DECIMAL))),
        Map.entry("funding", List.of(req("instrument", Kind.INT32), req("rate", Kind.DECIMAL))),
        Map.entry("clock", List.of()),
        Map.entry("check", List.of(req("account", Kind.INT64), req("instrument", Kind.INT32),
            req("side", Kind.SIDE), req("qty", Kind.DECIMAL), req("price", Kind.DECIMAL))),
        Map.entry("query", List.of(req("account", Kind.INT64))));

    private InputDecoder()
    {
    }

    /**
     * The input's type when it is one of the fourteen input types, else empty (such a line
     * is skipped by the edge, SPEC section 6, and produces no output).
     */
    public static Optional<String> knownType(final JsonNode input)
    {
        if (input == null || !input.isObject())
        {
            return Optional.empty();
        }
        final JsonNode type = input.get("type");
        if (type == null || !type.isTextual() || !FIELDS.containsKey(type.textValue()))
        {
            return Optional.empty();
        }
        return Optional.of(type.textValue());
    }

    /**
     * The reject code the edge gives an input of a known type that it cannot decode, or empty
     * when it decodes. Such an input is rejected without moving time or recording its seq.
     */
    public static Optional<RejectCode> decodeError(final JsonNode input)
    {
        try
        {
            validate(input);
            return Optional.empty();
        }
        catch (final Reject r)
        {
            return Optional.of(r.code);
        }
    }

    /** Throws the decode reject of {@code input}, if any. */
    static void validate(final JsonNode input)
    {
        final String type = knownType(input).orElseThrow(
            () -> new IllegalArgumentException("not an input of a known type: " + input));
        validateFields(input, HEADER, type);
        validateFields(input, FIELDS.get(type), type);
    }

    private static void validateFields(final JsonNode object, final List<Field> fields, final String where)
    {
        for (final Field field : fields)
        {
            final JsonNode node = object.get(field.name());
            if (node == null || node.isNull())
            {
                if (field.required())
                {
                    throw new Reject(RejectCode.BAD_INPUT, where + " has no " + field.name());
                }
                continue;
            }
            validateField(field, node, where);
        }
    }

    private static void validateField(final Field field, final JsonNode node, final String where)
    {
        final Supplier<String> what = () -> where + " field " + field.name() + " " + node;
        switch (field.kind())
        {
            case INT32 -> requireInteger(node, Integer.MIN_VALUE, Integer.MAX_VALUE, what);
            case INT64 -> requireInteger(node, Long.MIN_VALUE + 1, Long.MAX_VALUE, what);
            case UINT8 -> requireInteger(node, 0, 255, what);
            case DECIMAL -> requireDecimal(node, what);
            case STRING -> require(node.isTextual(), () -> what.get() + " is not a string");
            case SIDE -> require(node.isTextual() && ("buy".equals(node.textValue()) ||
                "sell".equals(node.textValue())), () -> what.get() + " is not buy or sell");
            case MODE -> require(node.isTextual() && ("cross".equals(node.textValue()) ||
                "isolated".equals(node.textValue())), () -> what.get() + " is not cross or isolated");
            case BOOL -> require(node.isBoolean(), () -> what.get() + " is not true or false");
            case TIERS ->
            {
                require(node.isArray(), () -> what.get() + " is not a list of tiers");
                for (final JsonNode tier : node)
                {
                    require(tier.isObject(), () -> what.get() + " holds a tier that is not an object");
                    validateFields(tier, TIER, where + " tier");
                }
            }
            default -> throw new IllegalStateException(field.kind().name());
        }
    }

    private static void requireInteger(final JsonNode node, final long min, final long max, final Supplier<String> what)
    {
        if (!(node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= min && node.longValue() <= max))
        {
            throw new Reject(RejectCode.BAD_INPUT, what.get() + " is not an integer in [" + min + ", " + max + "]");
        }
    }

    private static void requireDecimal(final JsonNode node, final Supplier<String> what)
    {
        if (!Decimals.isDecimal(node))
        {
            throw new Reject(RejectCode.BAD_NUMBER, what.get() + " is not a decimal number");
        }
        final BigDecimal v = Decimals.value(node);
        if (!Decimals.fitsWireDecimal(v))
        {
            throw new Reject(RejectCode.OVERFLOW, what.get() + " does not fit a 64-bit decimal mantissa");
        }
        if (Decimals.wireScale(v) > 255)
        {
            throw new Reject(RejectCode.BAD_NUMBER, what.get() + " has more than 255 decimal places");
        }
    }

    private static void require(final boolean condition, final Supplier<String> reason)
    {
        if (!condition)
        {
            throw new Reject(RejectCode.BAD_INPUT, reason.get());
        }
    }

    private static Field req(final String name, final Kind kind)
    {
        return new Field(name, kind, true);
    }

    private static Field opt(final String name, final Kind kind)
    {
        return new Field(name, kind, false);
    }
}
