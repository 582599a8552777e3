package io.marginengine.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario runner behind scripts/run-scenario.sh and scripts/demo.sh.
 */
class ScenarioMainTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void reportsBadLinesWithTheirNumberSkipsThemAndGoesOn(@TempDir final Path dir) throws Exception
    {
        final Path in = dir.resolve("in.jsonl");
        final Path out = dir.resolve("out.jsonl");
        Files.writeString(in, String.join("\n",
            "{\"type\":\"account\",\"ts\":1,\"account\":7}",
            "this is not json",
            "{\"type\":\"teleport\",\"ts\":2}",
            "",
            "{\"type\":\"deposit\",\"ts\":3,\"account\":8,\"amount\":\"5\"}",
            "{\"type\":\"query\",\"ts\":4,\"account\":7}") + "\n");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ScenarioMain.run(new String[] {in.toString(), out.toString()}, System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, status);
        final String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains(in + ":2: skipped"), errors);
        assertTrue(errors.contains(in + ":3: skipped"), errors);
        final List<JsonNode> outputs = read(out);
        assertEquals(2, outputs.size());
        // inputs are indexed among the inputs read: account 0, deposit 1, query 2
        assertEquals("reject", outputs.get(0).get("type").asText());
        assertEquals("UNKNOWN_ACCOUNT", outputs.get(0).get("code").asText());
        assertEquals(1, outputs.get(0).get("cause").asLong());
        assertEquals("account_state", outputs.get(1).get("type").asText());
        assertEquals(2, outputs.get(1).get("cause").asLong());
    }

    @Test
    void refusesAMissingFileWithASentence(@TempDir final Path dir)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ScenarioMain.run(new String[] {dir.resolve("nope.jsonl").toString()}, System.out,
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"));
    }

    /**
     * The embedded demo's story, with numbers worked by hand from the rulebook:
     * account 1 buys 8 BTC at 60,000 with 30,000 and a fee of 24; at mark 56,600 its equity is
     * 29,976 + 8 x (56,600 - 60,000) = 2,776, below MM = 452,800 x 1% - 1,300 = 3,228: called.
     * Deposits of 2,000 and 2,000 and funding of ceil(0.0001 x 452,800) = 45.28 bring equity to
     * 6,730.72, at least IM = 452,800 x 2% - 2,600 = 6,456: cured. Account 4 (3,600, long 1 at
     * 60,000, funding 5.66) is liquidated at its deadline at bankruptcy price 60,000 - 3,594.34 =
     * 56,405.66; its fill at 56,450 leaves a surplus of 44.34, less than the fee 282.25, so the
     * fund receives 44.34 on top of its 100,000. Account 5 (1,600, long 50 ETH at 2,960) is
     * liquidated at 2,938 (equity 500 below 0.8 x MM 587.6) at bankruptcy price
     * 2,960 - 1,600 / 50 = 2,928; the order expires and the fund, with equity far above the
     * IM of 50 at 2,938 (1,469), takes the 50 over at 2,928.
     */
    @Test
    void demoTellsItsStory(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("demo.jsonl");
        final int status = ScenarioMain.run(new String[] {"--demo", out.toString()}, System.out,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        final List<JsonNode> outputs = read(out);
        assertTrue(has(outputs, "margin_call", 1, "equity", "2776"));
        assertTrue(has(outputs, "margin_call_cured", 1, "equity", "6730.72"));
        assertTrue(has(outputs, "liquidation_order", 4, "price", "56405.66"));
        assertTrue(has(outputs, "account_state", 0, "wallet", "100044.34"));
        assertTrue(has(outputs, "liquidation_order", 5, "price", "2928"));
        assertTrue(outputs.stream().anyMatch(o -> o.get("type").asText().equals("account_state") &&
            o.get("account").asLong() == 0 && o.get("positions").size() == 1 &&
            "50".equals(o.get("positions").get(0).get("qty").asText()) &&
            "2928".equals(o.get("positions").get(0).get("entryPrice").asText())));
    }

    private static boolean has(final List<JsonNode> outputs, final String type, final long account, final String field, final String value)
    {
        return outputs.stream().anyMatch(o -> o.get("type").asText().equals(type) && o.get("account").asLong() == account &&
            value.equals(o.get(field).asText()));
    }

    private static List<JsonNode> read(final Path file) throws Exception
    {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : Files.readAllLines(file))
        {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }
}
