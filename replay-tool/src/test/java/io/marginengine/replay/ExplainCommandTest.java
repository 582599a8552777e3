package io.marginengine.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code explain}: the inputs that touched the account and the figures and reasons of the
 * worked examples (docs/worked-examples.md, scenarios 04, 05 and 15).
 */
class ExplainCommandTest
{
    @TempDir
    Path dir;

    private List<ObjectNode> explain(final String scenario, final long account, final Object... more)
    {
        final Path data = RecordedRun.record(scenario, dir.resolve(scenario));
        final Object[] args = new Object[5 + more.length];
        args[0] = "explain";
        args[1] = data;
        args[2] = "--account";
        args[3] = account;
        args[4] = "--format=jsonl";
        System.arraycopy(more, 0, args, 5, more.length);
        final Tool tool = Tool.run(args);
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        return tool.json();
    }

    private static ObjectNode at(final List<ObjectNode> story, final long index)
    {
        return story.stream().filter(e -> e.path("index").asLong() == index).findFirst()
            .orElseThrow(() -> new AssertionError("no entry for input " + index + " in " + story));
    }

    private static String why(final ObjectNode entry)
    {
        return entry.path("why").toString();
    }

    private static void assertFigures(
        final ObjectNode entry, final String status, final String wallet, final String equity, final String maintenance,
        final String initial)
    {
        assertEquals(status, entry.path("status").asText(), entry::toString);
        assertEquals(wallet, entry.path("wallet").asText(), entry::toString);
        assertEquals(equity, entry.path("equity").asText(), entry::toString);
        assertEquals(maintenance, entry.path("maintenance").asText(), entry::toString);
        assertEquals(initial, entry.path("initial").asText(), entry::toString);
    }

    @Test
    void callAndLiquidationInOneInputThenTwoOrdersThenDone()
    {
        final List<ObjectNode> story = explain("15_partial_liquidation_restores", 1);
        // opened (1), deposit (3), fill (5), mark (6), query (7), fills (8, 10), queries (9, 11);
        // not the fund's deposit (2), the mark before any position (4), the fund's query (12)
        assertEquals(List.of(1L, 3L, 5L, 6L, 7L, 8L, 9L, 10L, 11L),
            story.stream().map(e -> e.path("index").asLong()).collect(Collectors.toList()));

        final ObjectNode call = at(story, 6);
        assertFigures(call, "LIQUIDATING", "3000", "300", "573", "1146");
        assertEquals("1.91", call.path("marginRatio").asText());
        assertTrue(why(call).contains("cross margin called: equity 300 fell below callLevel 1 x maintenance 573 = 573"), call::toString);
        assertTrue(why(call).contains("initial margin 1146 (shortfall 846) by the deadline 900000000006"), call::toString);
        assertTrue(why(call).contains("liquidated: equity 300 fell below liquidationLevel 0.8 x maintenance 573 = 458.4, " +
            "straight from NORMAL"), call::toString);
        assertTrue(why(call).contains("liquidation order 1: sell 16.405 of instrument 2, IOC limited at its bankruptcy price 2850, " +
            "the smallest quantity of the 20 held"), call::toString);

        final ObjectNode firstFill = at(story, 8);
        assertFigures(firstFill, "LIQUIDATING", "539.25", "53.925", "102.99675", "205.9935");
        assertTrue(why(firstFill).contains("still liquidating: equity 53.925 is below cureLevel 1 x initial margin 205.9935"),
            firstFill::toString);
        assertTrue(why(firstFill).contains("liquidation order 2: sell 2.949"), firstFill::toString);

        final ObjectNode done = at(story, 10);
        assertFigures(done, "NORMAL", "124.23723", "37.02723", "18.5079", "37.0158");
        assertTrue(why(done).contains("paid 16.89777 to the insurance fund"), done::toString);
        assertTrue(why(done).contains("liquidation done: equity 37.02723 is back at or above cureLevel 1 x initial margin 37.0158"),
            done::toString);
    }

    @Test
    void liquidationAtTheDeadline()
    {
        final List<ObjectNode> story = explain("05_margin_call_deadline_liquidation", 11);
        final ObjectNode call = at(story, 5);
        assertFigures(call, "MARGIN_CALL", "4000", "1400", "1474", "2948");
        assertTrue(why(call).contains("(shortfall 1548) by the deadline 900000000005 (1970-01-01T00:15:00.000000005Z, 15 min later)"),
            call::toString);
        // the clock one nanosecond before the deadline touches nothing
        assertTrue(story.stream().noneMatch(e -> e.path("index").asLong() == 6), story::toString);
        final ObjectNode deadline = at(story, 7);
        assertFigures(deadline, "LIQUIDATING", "4000", "1400", "1474", "2948");
        assertTrue(why(deadline).contains("the call's deadline 900000000005 (1970-01-01T00:15:00.000000005Z) was reached with " +
            "equity 1400 still below cureLevel 1 x initial margin 2948"), deadline::toString);
        assertTrue(why(deadline).contains("sell 29.173 of instrument 2, IOC limited at its bankruptcy price 2920"), deadline::toString);
    }

    @Test
    void curedByADeposit()
    {
        final List<ObjectNode> story = explain("04_margin_call_cured_by_deposit", 7);
        assertTrue(why(at(story, 4)).contains("called: equity 2000 fell below callLevel 1 x maintenance 2210 = 2210"));
        final ObjectNode notEnough = at(story, 5);
        assertFigures(notEnough, "MARGIN_CALL", "32000", "4000", "2210", "4420");
        assertEquals("[]", why(notEnough));
        final ObjectNode cured = at(story, 7);
        assertFigures(cured, "NORMAL", "32420", "4420", "2210", "4420");
        assertTrue(why(cured).contains("cross margin cured by this deposit: equity 4420 reached cureLevel 1 x initial margin 4420"),
            cured::toString);
    }

    @Test
    void atAPointTellsTheStoryUpToIt()
    {
        final List<ObjectNode> story = explain("15_partial_liquidation_restores", 1, "--at", 6);
        assertEquals(6L, story.get(story.size() - 1).path("index").asLong());
    }

    @Test
    void textSummary()
    {
        final Path data = RecordedRun.record("15_partial_liquidation_restores", dir.resolve("data"));
        final Tool tool = Tool.run("explain", data, "--account", 1);
        assertTrue(tool.out().contains("== summary: 1 margin call(s), 0 cured, 1 liquidation(s) (2 order(s)), 0 ADL close(s)"),
            tool::toString);
        assertTrue(tool.out().contains("        wallet 3000  equity 300  maintenance 573  initial 1146  ratio 1.91  LIQUIDATING"),
            tool::toString);
    }

    @Test
    void anAccountNeverOpenedIsAUsageError()
    {
        final Path data = RecordedRun.record("15_partial_liquidation_restores", dir.resolve("data"));
        final Tool tool = Tool.run("explain", data, "--account", 99);
        assertEquals(ExitCodes.USAGE, tool.exitCode(), tool::toString);
        assertTrue(tool.err().startsWith("account 99 is never opened in the journal"), tool::toString);
    }
}
