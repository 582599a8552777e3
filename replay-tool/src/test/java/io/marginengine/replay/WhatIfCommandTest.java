package io.marginengine.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code what-if}: differences worked by hand from the worked examples.
 */
class WhatIfCommandTest
{
    @TempDir
    Path dir;

    private Tool whatIf(final String scenario, final String params, final Object... more) throws IOException
    {
        final Path data = RecordedRun.record(scenario, dir.resolve(scenario));
        final Path file = Files.writeString(dir.resolve("params.json"), params);
        final Object[] args = new Object[4 + more.length];
        args[0] = "what-if";
        args[1] = data;
        args[2] = "--params";
        args[3] = file;
        System.arraycopy(more, 0, args, 4, more.length);
        return Tool.run(args);
    }

    /**
     * Scenario 05 with callLevel 1.02: at the mark 2950 (input 4) E 1500 < 1.02 x 1475 = 1504.5,
     * so the call comes one input early (E 1500, MM 1475, IM 2950, shortfall 1450, deadline
     * 4 + 900e9); its deadline is then reached by the clock at 900000000004 (input 6), not 7.
     */
    @Test
    void aHigherCallLevelCallsAndLiquidatesEarlier() throws IOException
    {
        final Tool tool = whatIf("05_margin_call_deadline_liquidation", "{\"callLevel\": \"1.02\"}", "--format", "jsonl");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        final List<ObjectNode> changes = tool.json();
        assertEquals(2, changes.size(), tool::toString);
        final ObjectNode call = changes.get(0);
        assertEquals(11, call.path("account").asLong());
        assertEquals("margin_call", call.path("decision").asText());
        assertEquals("moves", call.path("change").asText());
        assertEquals(5, call.path("recorded").path("cause").asLong());
        assertEquals(4, call.path("changed").path("cause").asLong());
        assertEquals("equity 1500, maintenance 1475, initial 2950, shortfall 1450, deadline 900000000004",
            call.path("changed").path("detail").asText());
        final ObjectNode liquidation = changes.get(1);
        assertEquals("liquidation", liquidation.path("decision").asText());
        assertEquals("moves", liquidation.path("change").asText());
        assertEquals(7, liquidation.path("recorded").path("cause").asLong());
        assertEquals(6, liquidation.path("changed").path("cause").asLong());
        assertEquals(900000000004L, liquidation.path("changed").path("ts").asLong());
    }

    /** A shorter grace period keeps the call at input 5 with another deadline, and liquidates at input 6. */
    @Test
    void aShorterGracePeriodLiquidatesEarlier() throws IOException
    {
        final Tool tool = whatIf("05_margin_call_deadline_liquidation", "{\"callGraceNs\": 899999999999}", "--format", "jsonl");
        final List<ObjectNode> changes = tool.json();
        assertEquals(2, changes.size(), tool::toString);
        assertEquals("differs", changes.get(0).path("change").asText());
        assertEquals(5, changes.get(0).path("changed").path("cause").asLong());
        assertTrue(changes.get(0).path("changed").path("detail").asText().endsWith("deadline 900000000004"), tool::toString);
        assertEquals("moves", changes.get(1).path("change").asText());
        assertEquals(6, changes.get(1).path("changed").path("cause").asLong());
    }

    /**
     * Scenario 04 with BTCUSDT's second tier removed: at the mark 56,500 N = 452,000 stays in
     * tier 0, MM = 0.004 x 452,000 = 1,808 <= E 2,000: no call, so no cure either.
     */
    @Test
    void changedTiersRemoveACallAndItsCure() throws IOException
    {
        final Tool tool = whatIf("04_margin_call_cured_by_deposit",
            "{\"instruments\": {\"1\": {\"tiers\": [{\"floor\": \"0\", \"imr\": \"0.008\", \"mmr\": \"0.004\"}]}}}");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        assertTrue(tool.out().contains("account 7\n  margin call (cross) disappears: it was at input 4 (ts 4"), tool::toString);
        assertTrue(tool.out().contains("  cure (cross) disappears: it was at input 7 (ts 7"), tool::toString);
        assertTrue(tool.out().contains("margin calls        1           0\n"), tool::toString);
        assertTrue(tool.out().contains("1 account(s) with different margin calls, cures or liquidations"), tool::toString);
    }

    @Test
    void unchangedOutcomeSaysSo() throws IOException
    {
        final Tool tool = whatIf("04_margin_call_cured_by_deposit", "{\"liquidationLevel\": \"0.7\"}");
        assertEquals(ExitCodes.OK, tool.exitCode(), tool::toString);
        assertTrue(tool.out().contains("no margin call, cure or liquidation would have been different"), tool::toString);
    }

    @Test
    void badParamsFilesAreUsageErrors() throws IOException
    {
        final Tool unknownKey = whatIf("04_margin_call_cured_by_deposit", "{\"callLevle\": \"1.1\"}");
        assertEquals(ExitCodes.USAGE, unknownKey.exitCode(), unknownKey::toString);
        assertTrue(unknownKey.err().contains(": key 'callLevle' is unknown: expected one of"), unknownKey::toString);

        final Tool refused = whatIf("04_margin_call_cured_by_deposit", "{\"callLevel\": \"0.5\"}");
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused::toString);
        assertTrue(refused.err().contains("the engine refuses these parameters: params BAD_INPUT: params refused: " +
            "liquidationLevel 0.8 and callLevel 0.5 must satisfy 0 < liquidationLevel <= callLevel"), refused::toString);

        final Tool badTiers = whatIf("04_margin_call_cured_by_deposit",
            "{\"instruments\": {\"1\": {\"tiers\": [{\"floor\": \"0\", \"imr\": \"0.004\", \"mmr\": \"0.008\"}]}}}");
        assertEquals(ExitCodes.USAGE, badTiers.exitCode(), badTiers::toString);
        assertTrue(badTiers.err().contains("the engine refuses input 0 as changed by it"), badTiers::toString);

        final Tool undefined = whatIf("04_margin_call_cured_by_deposit", "{\"instruments\": {\"9\": {\"liquidationFeeRate\": \"0.001\"}}}");
        assertEquals(ExitCodes.USAGE, undefined.exitCode(), undefined::toString);
        assertTrue(undefined.err().contains("changes instrument(s) [9], which no instrument input of the journal defines"),
            undefined::toString);

        final Tool notJson = whatIf("04_margin_call_cured_by_deposit", "callLevel=1.1");
        assertEquals(ExitCodes.USAGE, notJson.exitCode(), notJson::toString);
        assertTrue(notJson.err().contains("is not JSON"), notJson::toString);
    }
}
