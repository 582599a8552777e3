package io.marginengine.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dump}: each filter gives the journal indexes of the scenario's input lines that
 * match it (line n of the scenario file is journal index n - 1), each with the line's values.
 */
class DumpCommandTest
{
    private static final String SCENARIO = "19_expiry_adl_two_counterparties";

    @TempDir
    Path dir;

    private Path data;
    private List<ObjectNode> inputs;

    @BeforeEach
    void record()
    {
        data = RecordedRun.record(SCENARIO, dir.resolve("data"));
        inputs = RecordedRun.lines(SCENARIO + ".in.jsonl").stream().map(MessageText::tree).collect(Collectors.toList());
    }

    @Test
    void byAccount()
    {
        checkFilter(in -> in.path("account").asLong(-1) == 2, "--account", 2);
    }

    @Test
    void byTypeAndIndexRange()
    {
        final List<Long> expected = indexes(in -> in.path("type").asText().matches("mark|fill"), 8, 12);
        assertEquals(List.of(8L, 9L, 10L, 11L, 12L), expected);
        assertEquals(expected, dumpedIndexes("--type", "mark,fill", "--from", 8, "--to", 12));
    }

    @Test
    void byInstrumentAndType()
    {
        checkFilter(in -> in.path("instrument").asInt(-1) == 2 && "liquidation_expired".equals(in.path("type").asText()),
            "--instrument", 2, "--type", "liquidation_expired");
    }

    @Test
    void byTimeRange()
    {
        final List<Long> expected = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++)
        {
            final long ts = inputs.get(i).path("ts").asLong();
            if (ts >= 10 && ts <= 13)
            {
                expected.add((long)i);
            }
        }
        assertEquals(expected, dumpedIndexes("--from", "ts=10", "--to", "1970-01-01T00:00:00.000000013Z"));
    }

    @Test
    void textLinesShowIndexTimeAndInput()
    {
        final Tool tool = Tool.run("dump", data, "--type", "liquidation_expired");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        assertEquals(1, tool.lines().size(), tool::toString);
        final String line = tool.lines().get(0);
        assertTrue(line.startsWith("      16  1970-01-01T00:00:00.000000016Z"), line);
        assertTrue(line.endsWith("{\"type\":\"liquidation_expired\",\"ts\":16,\"orderId\":1,\"account\":1,\"instrument\":2,\"qty\":\"10\"}"), line);
    }

    @Test
    void scenarioFormatIsTheInputLines()
    {
        final Tool tool = Tool.run("dump", data, "--format", "scenario", "--account", 3);
        final List<ObjectNode> expected = inputs.stream().filter(in -> in.path("account").asLong(-1) == 3).collect(Collectors.toList());
        assertEquals(expected.size(), tool.json().size(), tool::toString);
        for (int i = 0; i < expected.size(); i++)
        {
            assertHolds(expected.get(i), tool.json().get(i));
            assertFalse(tool.json().get(i).has("index"));
        }
    }

    @Test
    void outputQueueFilteredByType()
    {
        final Tool tool = Tool.run("dump", data, "--output-queue", "--type", "adl", "--format", "jsonl");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        final List<String> expected = RecordedRun.lines(SCENARIO + ".expected.jsonl").stream()
            .filter(l -> l.startsWith("{\"type\":\"adl\"")).collect(Collectors.toList());
        assertEquals(2, expected.size());
        final List<String> dumped = tool.json().stream().map(o ->
        {
            o.remove("index");
            o.remove("receiveTime");
            return MessageText.line(o);
        }).collect(Collectors.toList());
        assertEquals(expected, dumped);
    }

    @Test
    void anUnknownTypeIsAUsageError()
    {
        final Tool tool = Tool.run("dump", data, "--type", "fills");
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().startsWith("--type fills is not a type of the event contract"), tool::toString);
    }

    private void checkFilter(final Predicate<ObjectNode> filter, final Object... args)
    {
        final List<Long> expected = indexes(filter, 0, Long.MAX_VALUE);
        assertFalse(expected.isEmpty());
        final List<Object> all = new ArrayList<>(List.of(args));
        all.add("--format");
        all.add("jsonl");
        final Tool tool = run(all.toArray());
        assertEquals(expected, tool.json().stream().map(o -> o.path("index").asLong()).collect(Collectors.toList()), tool::toString);
        for (final ObjectNode dumped : tool.json())
        {
            assertHolds(inputs.get((int)dumped.path("index").asLong()), dumped);
        }
    }

    private List<Long> indexes(final Predicate<ObjectNode> filter, final long from, final long to)
    {
        final List<Long> expected = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++)
        {
            if (i >= from && i <= to && filter.test(inputs.get(i)))
            {
                expected.add((long)i);
            }
        }
        return expected;
    }

    private List<Long> dumpedIndexes(final Object... args)
    {
        final List<Object> all = new ArrayList<>(List.of(args));
        all.add("--format");
        all.add("jsonl");
        return run(all.toArray()).json().stream().map(o -> o.path("index").asLong()).collect(Collectors.toList());
    }

    private Tool run(final Object... args)
    {
        final List<Object> all = new ArrayList<>(List.of("dump", data));
        all.addAll(List.of(args));
        final Tool tool = Tool.run(all.toArray());
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        return tool;
    }

    /** Every field of the scenario line is in the dumped line with the same value (decimals by value). */
    private static void assertHolds(final ObjectNode input, final ObjectNode dumped)
    {
        for (final Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> field = it.next();
            final JsonNode value = dumped.get(field.getKey());
            assertTrue(value != null, () -> "dumped " + dumped + " lacks " + field.getKey());
            if (field.getValue().isTextual() && field.getValue().asText().matches("-?[0-9.]+"))
            {
                assertEquals(0, new BigDecimal(field.getValue().asText()).compareTo(new BigDecimal(value.asText())),
                    () -> field.getKey() + " of " + dumped);
            }
            else if (!field.getValue().isArray())
            {
                assertEquals(field.getValue().asText(), value.asText(), () -> field.getKey() + " of " + dumped);
            }
        }
    }
}
