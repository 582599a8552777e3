package io.marginengine.engine.scenarios;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.marginengine.engine.testkit.ModelUnderTest;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every worked scenario (test resources {@code scenarios/NAME.in.jsonl}) through every model of
 * {@link ScenarioModels#all()} and compares what comes out, line by line, with the outputs computed by
 * hand in {@code NAME.expected.jsonl} (the arithmetic is in docs/worked-examples.md).
 * <p>
 * Comparison: JSON equality after the model's output has been written as text and read back (so the
 * check is on the JSON Lines contract, not on which Java node class a model used). One exception: an
 * expected {@code "reason":"*"} accepts any non-blank text, since reasons are sentences for people;
 * {@code code}, {@code input} and {@code accepted} are compared exactly. Every output must also start
 * with {@code type}, {@code ts}, {@code cause} (docs/RULES.md section 7).
 */
class WorkedScenarioTest
{
    static final String ANY_REASON = "*";

    // ------------------------------------------------------------------ running the models

    @TestFactory
    Stream<DynamicNode> everyModelReproducesTheHandComputedOutputs()
    {
        final List<Scenario> scenarios = Scenario.all();
        final List<Named<Supplier<ModelUnderTest>>> models = ScenarioModels.all();
        return models.stream().map(model -> DynamicContainer.dynamicContainer(
            model.getName(),
            scenarios.stream().map(scenario -> DynamicTest.dynamicTest(
                scenario.name(), () -> run(model.getName(), model.getPayload().get(), scenario)))));
    }

    static void run(final String modelName, final ModelUnderTest model, final Scenario scenario)
    {
        final List<JsonNode> actual = new ArrayList<>();
        for (int i = 0; i < scenario.inputs().size(); i++)
        {
            final JsonNode input = scenario.inputs().get(i);
            final List<JsonNode> outputs;
            try
            {
                outputs = model.apply(i, input.deepCopy());
            }
            catch (final RuntimeException | AssertionError e)
            {
                throw new AssertionError("scenario " + scenario.name() + ", model " + modelName +
                    ": the model threw on input line " + (i + 1) + " (journal index " + i + "): " + input, e);
            }
            if (outputs != null)
            {
                outputs.forEach(o -> actual.add(asJsonLine(o)));
            }
        }
        final String diff = diff(scenario, actual);
        if (!diff.isEmpty())
        {
            fail("scenario " + scenario.name() + ", model " + modelName +
                ": outputs differ from the hand-computed expectation (docs/worked-examples.md)\n" + diff);
        }
    }

    /** The output as a reader of the JSON Lines file would see it. */
    static JsonNode asJsonLine(final JsonNode output)
    {
        try
        {
            return Scenario.MAPPER.readTree(Scenario.MAPPER.writeValueAsString(output));
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalStateException("output cannot be written as JSON: " + output, e);
        }
    }

    /** Empty when the outputs match; else one paragraph per differing line, naming both JSON objects. */
    static String diff(final Scenario scenario, final List<JsonNode> actual)
    {
        final List<JsonNode> expected = scenario.expected();
        final StringBuilder out = new StringBuilder();
        final int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++)
        {
            final JsonNode e = i < expected.size() ? expected.get(i) : null;
            final JsonNode a = i < actual.size() ? actual.get(i) : null;
            final String where = "  output line " + (i + 1) + " (" + scenario.name() + Scenario.EXPECTED_SUFFIX +
                " line " + (i + 1) + ")";
            if (a == null)
            {
                out.append(where).append(": missing\n    expected: ").append(e).append('\n');
            }
            else if (e == null)
            {
                out.append("  output line ").append(i + 1).append(": unexpected extra output\n    actual:   ")
                    .append(a).append('\n');
            }
            else
            {
                final String problem = mismatch(e, a);
                if (problem != null)
                {
                    out.append(where).append(": ").append(problem)
                        .append("\n    expected: ").append(e)
                        .append("\n    actual:   ").append(a).append('\n');
                }
            }
        }
        if (out.length() > 0 && expected.size() != actual.size())
        {
            out.append("  (").append(expected.size()).append(" outputs expected, ").append(actual.size())
                .append(" produced)\n");
        }
        return out.toString();
    }

    /** Null when {@code actual} matches {@code expected} under the rules above, else what is wrong. */
    static String mismatch(final JsonNode expected, final JsonNode actual)
    {
        if (!actual.isObject())
        {
            return "not a JSON object";
        }
        final List<String> head = new ArrayList<>(3);
        for (Iterator<String> names = actual.fieldNames(); names.hasNext() && head.size() < 3; )
        {
            head.add(names.next());
        }
        if (!head.equals(List.of("type", "ts", "cause")))
        {
            return "fields must start with type, ts, cause (RULES.md section 7), starts with " + head;
        }
        JsonNode comparable = actual;
        final JsonNode expectedReason = expected.get("reason");
        if (expectedReason != null && ANY_REASON.equals(expectedReason.asText()))
        {
            final JsonNode reason = actual.get("reason");
            if (reason == null || !reason.isTextual() || reason.asText().isBlank())
            {
                return "reason must be a non-empty sentence";
            }
            final ObjectNode copy = actual.deepCopy();
            copy.set("reason", TextNode.valueOf(ANY_REASON));
            comparable = copy;
        }
        return expected.equals(comparable) ? null : "differs";
    }

    // ------------------------------------------------------------------ the files themselves

    static final Pattern INPUT_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** Canonical output text: shortest exact form, no trailing zeros, no "-0", no bare dot. */
    static final Pattern CANONICAL_DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

    static final Set<String> COMMON_INPUT_FIELDS = Set.of("type", "ts", "seq", "source");
    static final Map<String, Set<String>> INPUT_REQUIRED = Map.ofEntries(
        Map.entry("instrument", Set.of("instrument", "symbol", "priceScale", "qtyScale", "multiplier",
            "liquidationFeeRate", "tiers")),
        Map.entry("params", Set.of()),
        Map.entry("account", Set.of("account")),
        Map.entry("deposit", Set.of("account", "amount")),
        Map.entry("withdraw", Set.of("account", "amount")),
        Map.entry("margin_mode", Set.of("account", "instrument", "mode")),
        Map.entry("isolated_margin", Set.of("account", "instrument", "amount")),
        Map.entry("fill", Set.of("account", "instrument", "side", "qty", "price", "fee")),
        Map.entry("liquidation_expired", Set.of("orderId", "account", "instrument", "qty")),
        Map.entry("mark", Set.of("instrument", "price")),
        Map.entry("funding", Set.of("instrument", "rate")),
        Map.entry("clock", Set.of()),
        Map.entry("check", Set.of("account", "instrument", "side", "qty", "price")),
        Map.entry("query", Set.of("account")));
    static final Map<String, Set<String>> INPUT_OPTIONAL = Map.of(
        "instrument", Set.of("staleAfterNs", "maxMarkMoveRate"),
        "params", Set.of("callLevel", "liquidationLevel", "cureLevel", "callGraceNs", "partialLiquidation"),
        "fill", Set.of("liquidation", "orderId"));
    static final Set<String> INPUT_DECIMALS = Set.of("amount", "qty", "price", "fee", "rate", "multiplier",
        "liquidationFeeRate", "maxMarkMoveRate", "callLevel", "liquidationLevel", "cureLevel");
    static final Set<String> TIER_FIELDS = Set.of("floor", "imr", "mmr");

    static final Set<String> COMMON_OUTPUT_FIELDS = Set.of("type", "ts", "cause");
    static final Map<String, Set<String>> OUTPUT_REQUIRED = Map.ofEntries(
        Map.entry("margin_call", Set.of("account", "equity", "maintenance", "initial", "shortfall", "deadline")),
        Map.entry("margin_call_cured", Set.of("account", "equity", "initial")),
        Map.entry("liquidation_order", Set.of("orderId", "account", "instrument", "side", "qty", "price", "isolated")),
        Map.entry("liquidation_done", Set.of("account")),
        Map.entry("adl", Set.of("account", "instrument", "side", "qty", "price", "rank")),
        Map.entry("insurance_fund", Set.of("account", "delta", "balance")),
        Map.entry("price_stale", Set.of("instrument")),
        Map.entry("price_resumed", Set.of("instrument")),
        Map.entry("check_result", Set.of("account", "instrument", "accepted", "code", "reason")),
        Map.entry("account_state", Set.of("account", "status", "wallet", "equity", "maintenance", "initial",
            "marginRatio", "positions")),
        Map.entry("reject", Set.of("code", "input", "reason")));
    static final Map<String, Set<String>> OUTPUT_OPTIONAL = Map.of(
        "margin_call", Set.of("instrument"),
        "margin_call_cured", Set.of("instrument"),
        "liquidation_done", Set.of("instrument"),
        "insurance_fund", Set.of("shortfall"));
    static final Set<String> POSITION_FIELDS = Set.of("instrument", "qty", "entryPrice", "mark", "upnl",
        "maintenance", "initial", "isolated", "isolatedMargin", "liquidationPrice", "bankruptcyPrice", "status");
    static final Set<String> OUTPUT_DECIMALS = Set.of("equity", "maintenance", "initial", "shortfall", "qty",
        "price", "rank", "delta", "balance", "wallet", "marginRatio", "entryPrice", "mark", "upnl",
        "isolatedMargin", "liquidationPrice", "bankruptcyPrice");
    static final Set<String> NULLABLE_DECIMALS = Set.of("liquidationPrice", "bankruptcyPrice");
    static final Set<String> STATUSES = Set.of("NORMAL", "MARGIN_CALL", "LIQUIDATING");
    static final Set<String> CODES = Set.of("BAD_INPUT", "BAD_NUMBER", "OVERFLOW", "TIME_BACKWARDS", "DUPLICATE",
        "UNKNOWN_ACCOUNT", "UNKNOWN_INSTRUMENT", "ALREADY_EXISTS", "CAPACITY", "INSUFFICIENT_MARGIN",
        "INSUFFICIENT_FUNDS", "NOT_ALLOWED", "PRICE_GUARD", "ACCEPTED");

    @Test
    void scenarioFilesAreWellFormed()
    {
        final List<String> problems = new ArrayList<>();
        final List<String> names = Scenario.names();
        if (names.size() < 10)
        {
            problems.add("expected at least 10 scenarios, found " + names.size());
        }
        try (Stream<java.nio.file.Path> files = Files.list(Scenario.directory()))
        {
            files.map(p -> p.getFileName().toString())
                .filter(f -> f.endsWith(Scenario.EXPECTED_SUFFIX))
                .map(f -> f.substring(0, f.length() - Scenario.EXPECTED_SUFFIX.length()))
                .filter(n -> !names.contains(n))
                .forEach(n -> problems.add(n + Scenario.EXPECTED_SUFFIX + " has no " + n + Scenario.IN_SUFFIX));
        }
        catch (final java.io.IOException e)
        {
            throw new java.io.UncheckedIOException(e);
        }
        for (final String name : names)
        {
            if (!Files.exists(Scenario.directory().resolve(name + Scenario.EXPECTED_SUFFIX)))
            {
                problems.add(name + Scenario.IN_SUFFIX + " has no " + name + Scenario.EXPECTED_SUFFIX);
                continue;
            }
            final Scenario scenario;
            try
            {
                scenario = Scenario.load(name);
            }
            catch (final RuntimeException e)
            {
                problems.add(e.getMessage());
                continue;
            }
            checkInputs(scenario, problems);
            checkExpected(scenario, problems);
        }
        assertTrue(problems.isEmpty(), () -> "scenario files are not well formed:\n  " + String.join("\n  ", problems));
    }

    static void checkInputs(final Scenario scenario, final List<String> problems)
    {
        for (int i = 0; i < scenario.inputs().size(); i++)
        {
            final JsonNode in = scenario.inputs().get(i);
            final String where = scenario.name() + Scenario.IN_SUFFIX + " line " + (i + 1) + ": ";
            final String type = firstFieldType(in);
            if (type == null)
            {
                problems.add(where + "field \"type\" (text) must come first");
                continue;
            }
            if (!INPUT_REQUIRED.containsKey(type))
            {
                problems.add(where + "unknown input type " + type);
                continue;
            }
            if (!in.path("ts").isIntegralNumber())
            {
                problems.add(where + "ts must be an integer");
            }
            checkFields(in, COMMON_INPUT_FIELDS, INPUT_REQUIRED.get(type), INPUT_OPTIONAL.getOrDefault(type, Set.of()),
                where, problems);
            in.fields().forEachRemaining(f ->
            {
                if (INPUT_DECIMALS.contains(f.getKey()))
                {
                    checkInputDecimal(f.getValue(), where + f.getKey(), problems);
                }
            });
            if ("instrument".equals(type))
            {
                final JsonNode tiers = in.path("tiers");
                if (!tiers.isArray() || tiers.isEmpty())
                {
                    problems.add(where + "tiers must be a non-empty list");
                }
                for (final JsonNode tier : tiers)
                {
                    checkFields(tier, Set.of(), TIER_FIELDS, Set.of(), where + "tier ", problems);
                    TIER_FIELDS.forEach(f -> checkInputDecimal(tier.path(f), where + "tier " + f, problems));
                }
            }
        }
    }

    static void checkExpected(final Scenario scenario, final List<String> problems)
    {
        long lastCause = -1;
        for (int i = 0; i < scenario.expected().size(); i++)
        {
            final JsonNode out = scenario.expected().get(i);
            final String where = scenario.name() + Scenario.EXPECTED_SUFFIX + " line " + (i + 1) + ": ";
            final List<String> head = new ArrayList<>(3);
            for (Iterator<String> names = out.fieldNames(); names.hasNext() && head.size() < 3; )
            {
                head.add(names.next());
            }
            if (!head.equals(List.of("type", "ts", "cause")))
            {
                problems.add(where + "must start with type, ts, cause; starts with " + head);
                continue;
            }
            final String type = out.get("type").asText();
            if (!OUTPUT_REQUIRED.containsKey(type))
            {
                problems.add(where + "unknown output type " + type);
                continue;
            }
            final JsonNode cause = out.get("cause");
            if (!cause.isIntegralNumber() || cause.asLong() < 0 || cause.asLong() >= scenario.inputs().size())
            {
                problems.add(where + "cause " + cause + " names no line of " + scenario.name() + Scenario.IN_SUFFIX +
                    " (0.." + (scenario.inputs().size() - 1) + ")");
                continue;
            }
            final JsonNode causingInput = scenario.inputs().get(cause.asInt());
            if (!out.get("ts").isIntegralNumber() || out.get("ts").asLong() != causingInput.path("ts").asLong())
            {
                problems.add(where + "ts " + out.get("ts") + " is not the ts of its cause (input line " +
                    (cause.asInt() + 1) + ", ts " + causingInput.path("ts") + ")");
            }
            if (cause.asLong() < lastCause)
            {
                problems.add(where + "cause " + cause + " goes back (previous output's cause " + lastCause + ")");
            }
            lastCause = cause.asLong();
            checkFields(out, COMMON_OUTPUT_FIELDS, OUTPUT_REQUIRED.get(type), OUTPUT_OPTIONAL.getOrDefault(type, Set.of()),
                where, problems);
            checkOutputValues(out, where, problems);
            if ("account_state".equals(type))
            {
                final JsonNode status = out.path("status");
                if (!STATUSES.contains(status.asText()))
                {
                    problems.add(where + "status " + status);
                }
                final JsonNode ratio = out.path("marginRatio");
                if (!"infinite".equals(ratio.asText()))
                {
                    checkCanonical(ratio, where + "marginRatio", problems);
                }
                final JsonNode positions = out.path("positions");
                if (!positions.isArray())
                {
                    problems.add(where + "positions must be a list");
                }
                long lastInstrument = Long.MIN_VALUE;
                for (final JsonNode position : positions)
                {
                    checkFields(position, Set.of(), POSITION_FIELDS, Set.of(), where + "position ", problems);
                    checkOutputValues(position, where + "position ", problems);
                    if (!STATUSES.contains(position.path("status").asText()))
                    {
                        problems.add(where + "position status " + position.path("status"));
                    }
                    if (position.path("instrument").asLong() <= lastInstrument)
                    {
                        problems.add(where + "positions must be in ascending instrument id");
                    }
                    lastInstrument = position.path("instrument").asLong();
                }
            }
            if (out.has("code") && !CODES.contains(out.get("code").asText()))
            {
                problems.add(where + "unknown code " + out.get("code"));
            }
            if ("reject".equals(type) && !INPUT_REQUIRED.containsKey(out.path("input").asText()))
            {
                problems.add(where + "input must name an input type, is " + out.path("input"));
            }
            if ("reject".equals(type) && !causingInput.path("type").asText().equals(out.path("input").asText()))
            {
                problems.add(where + "input " + out.path("input") + " is not the type of its cause " +
                    causingInput.path("type"));
            }
            if (out.has("reason") && !ANY_REASON.equals(out.get("reason").asText()))
            {
                problems.add(where + "write the reason as \"*\" (any sentence is accepted)");
            }
        }
    }

    static void checkOutputValues(final JsonNode node, final String where, final List<String> problems)
    {
        node.fields().forEachRemaining(f ->
        {
            final String field = f.getKey();
            final JsonNode value = f.getValue();
            if (!OUTPUT_DECIMALS.contains(field) || "marginRatio".equals(field))
            {
                return;
            }
            if (value.isNull() && NULLABLE_DECIMALS.contains(field))
            {
                return;
            }
            checkCanonical(value, where + field, problems);
        });
    }

    static void checkFields(
        final JsonNode node,
        final Set<String> common,
        final Set<String> required,
        final Set<String> optional,
        final String where,
        final List<String> problems)
    {
        for (final String field : required)
        {
            if (!node.has(field))
            {
                problems.add(where + "missing field " + field);
            }
        }
        node.fieldNames().forEachRemaining(field ->
        {
            if (!common.contains(field) && !required.contains(field) && !optional.contains(field))
            {
                problems.add(where + "unexpected field " + field);
            }
        });
    }

    static void checkInputDecimal(final JsonNode value, final String where, final List<String> problems)
    {
        if (!value.isTextual() || !INPUT_DECIMAL.matcher(value.asText()).matches())
        {
            problems.add(where + " must be a decimal string, is " + value);
        }
    }

    static void checkCanonical(final JsonNode value, final String where, final List<String> problems)
    {
        if (!value.isTextual() || !CANONICAL_DECIMAL.matcher(value.asText()).matches() || "-0".equals(value.asText()))
        {
            problems.add(where + " must be a canonical decimal string, is " + value);
        }
    }

    static String firstFieldType(final JsonNode node)
    {
        final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        if (!fields.hasNext())
        {
            return null;
        }
        final Map.Entry<String, JsonNode> first = fields.next();
        return "type".equals(first.getKey()) && first.getValue().isTextual() ? first.getValue().asText() : null;
    }

    // ------------------------------------------------------------------ the comparison itself

    /**
     * The runner itself, with a stand-in model that answers each input with the expected lines naming
     * it as cause: it must pass every scenario, and a model that stays silent must fail with a diff.
     */
    @Test
    void runnerPassesAModelThatAnswersAsExpectedAndFailsOneThatDoesNot()
    {
        for (final Scenario scenario : Scenario.all())
        {
            final ModelUnderTest echo = (journalIndex, input) -> scenario.expected().stream()
                .filter(e -> e.get("cause").asLong() == journalIndex)
                .<JsonNode>map(JsonNode::deepCopy)
                .toList();
            run("echo", echo, scenario);

            if (!scenario.expected().isEmpty())
            {
                final ModelUnderTest silent = (journalIndex, input) -> List.of();
                final AssertionError error = org.junit.jupiter.api.Assertions.assertThrows(
                    AssertionError.class, () -> run("silent", silent, scenario));
                assertTrue(error.getMessage().contains(scenario.name()) && error.getMessage().contains("missing"),
                    error.getMessage());
            }
        }
    }

    /** The comparison must catch what it is there to catch, with no model needed. */
    @Test
    void comparisonAcceptsAnyReasonButNothingElseLoose()
    {
        final Scenario scenario = Scenario.load("12_rejects_change_nothing");
        final List<JsonNode> same = new ArrayList<>();
        for (final JsonNode e : scenario.expected())
        {
            final ObjectNode copy = e.deepCopy();
            if (copy.has("reason"))
            {
                copy.put("reason", "some sentence a person reads");
            }
            same.add(copy);
        }
        assertTrue(diff(scenario, same).isEmpty(), () -> diff(scenario, same));

        final List<JsonNode> blankReason = new ArrayList<>(same);
        blankReason.set(0, ((ObjectNode)same.get(0).deepCopy()).put("reason", " "));
        assertTrue(diff(scenario, blankReason).contains("output line 1"));

        final List<JsonNode> wrongCode = new ArrayList<>(same);
        wrongCode.set(1, ((ObjectNode)same.get(1).deepCopy()).put("code", "BAD_INPUT"));
        final String d = diff(scenario, wrongCode);
        assertTrue(d.contains("output line 2") && d.contains("12_rejects_change_nothing") &&
            d.contains("UNKNOWN_INSTRUMENT") && d.contains("BAD_INPUT"), d);

        final List<JsonNode> missing = new ArrayList<>(same.subList(0, same.size() - 1));
        assertTrue(diff(scenario, missing).contains("missing"));

        final List<JsonNode> canonicalOnly = new ArrayList<>(same);
        final int last = same.size() - 1;
        canonicalOnly.set(last, ((ObjectNode)same.get(last).deepCopy()).put("wallet", "1200.00000000"));
        assertTrue(diff(scenario, canonicalOnly).contains("wallet"), "non-canonical decimal text must not match");
    }
}
