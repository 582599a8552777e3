package io.marginengine.replay;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code state}: the state after an input is what a {@code query} right after it answered in
 * the worked scenario (scenario 15: queries at inputs 7, 9, 11 of account 1, at 12 of the fund).
 */
class StateCommandTest
{
    private static final String SCENARIO = "15_partial_liquidation_restores";

    @TempDir
    Path dir;

    private Path data;
    private List<String> expected;

    @BeforeEach
    void record()
    {
        data = RecordedRun.record(SCENARIO, dir.resolve("data"));
        expected = RecordedRun.lines(SCENARIO + ".expected.jsonl");
    }

    private String handWorked(final long cause)
    {
        return expected.stream().filter(l -> l.startsWith("{\"type\":\"account_state\"") &&
            MessageText.tree(l).path("cause").asLong() == cause).findFirst().orElseThrow();
    }

    @Test
    void oneAccountAtAnIndexIsWhatTheQueryThereAnswered()
    {
        // a query changes nothing: the state after input 7 (the query) is what it answered
        for (final long at : new long[] {7, 9, 11})
        {
            final Tool tool = Tool.run("state", data, "--at", at, "--account", 1);
            assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
            assertEquals(List.of(handWorked(at)), tool.lines());
        }
    }

    @Test
    void allAccountsInTheOrderTheyWereOpened()
    {
        final Tool tool = Tool.run("state", data, "--at", 12);
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        // the fund is opened first; account 1's state after input 12 is the one queried at 11 (input 12 queries the fund)
        assertEquals(List.of(handWorked(12), handWorked(11).replace("\"ts\":11,\"cause\":11", "\"ts\":12,\"cause\":12")),
            tool.lines());
    }

    @Test
    void atATime()
    {
        final Tool tool = Tool.run("state", data, "--at", "ts=9", "--account", 1);
        assertEquals(List.of(handWorked(9)), tool.lines(), tool::toString);
    }

    @Test
    void anAccountNotYetOpenOrAPointPastTheEndIsAUsageError()
    {
        final Tool notOpen = Tool.run("state", data, "--at", 0, "--account", 1);
        assertEquals(ExitCodes.USAGE, notOpen.exitCode(), notOpen::toString);
        assertTrue(notOpen.err().startsWith("account 1 is not open after input 0"), notOpen::toString);
        final Tool pastEnd = Tool.run("state", data, "--at", 13);
        assertEquals(ExitCodes.USAGE, pastEnd.exitCode(), pastEnd::toString);
        assertTrue(pastEnd.err().contains("is past the end of the journal"), pastEnd::toString);
        assertTrue(pastEnd.err().contains("whose last input is index 12"), pastEnd::toString);
    }
}
