package io.marginengine.engine.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginengine.engine.Context;
import io.marginengine.engine.testkit.EngineModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trigger index inside the processor, on numbers worked by hand: where it arms a ladder,
 * that a tick inside the band evaluates nothing, that one just past it evaluates and re-arms the
 * ladder, how a cross account's headroom is split between its positions, and how the slack
 * keeps bounds in place.
 */
class TriggerIndexTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BTC = "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":\"BTCUSDT\",\"priceScale\":2,"
        + "\"qtyScale\":3,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\","
        + "\"mmr\":\"0.004\"},{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}]}";
    private static final String ETH = "{\"type\":\"instrument\",\"ts\":0,\"instrument\":2,\"symbol\":\"ETHUSDT\",\"priceScale\":2,"
        + "\"qtyScale\":2,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.02\","
        + "\"mmr\":\"0.01\"}]}";

    /** Slack 0: the index stores the proven bounds themselves, the figures worked below. */
    private EngineModel engine = engine(0);
    private long index;

    private static EngineModel engine(final int slackPermille)
    {
        return new EngineModel(new Context().maxAccounts(8).maxInstruments(4).maxPositionsPerAccount(4)
            .triggerSlackPermille(slackPermille));
    }

    private List<JsonNode> send(final String json)
    {
        try
        {
            return engine.apply(index++, MAPPER.readTree(json));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalArgumentException(json, ex);
        }
    }

    /** SPEC section 6's account 7: BTC, wallet 30,000, long 8 BTC at 60,000 (the fill sets the first price). */
    private void specAccountSeven()
    {
        send(BTC);
        send("{\"type\":\"account\",\"ts\":1,\"account\":7}");
        send("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"30000\"}");
        send("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"60000\",\"fee\":\"0\"}");
    }

    private TriggerIndex index()
    {
        return engine.processor().triggerIndex();
    }

    /**
     * SPEC section 6's example: account 7, wallet 30,000, long 8 BTC at 60,000. The fill arms the
     * ladder at 60,000: notional 480,000 (tier 1), MM 480,000 x 0.5% - 50 = 2,350, E 30,000,
     * headroom 27,650 USD, slack 4 units: the price may fall floor((2,765,000,000,000 - 4) /
     * 8,000,000) = 345,624 steps, lower 56,543.76. MM only falls with the price, so above it is
     * only the 64-bit ceiling: notional at most ((2^63 - 2 - 30,000 USD) / 1 position) / 2 - 1 =
     * 4,611,684,518,427,387,902 units, at floor(that / 8,000,000) = 576,460,564,803 steps.
     */
    @Test
    void aLongIsArmedAtItsShareOfTheHeadroomAndCrossingIsExact()
    {
        specAccountSeven();
        final int slot = engine.processor().accounts().slotOf(7);
        final int inst = engine.processor().instruments().slotOf(1);
        assertEquals(5_654_376, index().lower(slot, inst));
        assertEquals(576_460_564_803L, index().upper(slot, inst));

        final long arms = index().armCount();
        assertTrue(send("{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"56550\"}").isEmpty());
        assertTrue(send("{\"type\":\"mark\",\"ts\":5,\"instrument\":1,\"price\":\"56543.76\"}").isEmpty());
        assertEquals(arms, index().armCount(), "ticks inside the band evaluate nothing");

        // at 56,543.75: E = 30,000 - 27,650 = 2,350, MM = 2,261.75 - 50 = 2,211.75, headroom 138.25:
        // floor((13,825,000,000 - 4) / 8,000,000) = 1,728 steps, lower 56,526.47
        assertTrue(send("{\"type\":\"mark\",\"ts\":6,\"instrument\":1,\"price\":\"56543.75\"}").isEmpty());
        assertEquals(arms + 1, index().armCount(), "a tick past the trigger evaluates and re-arms the ladder");
        assertEquals(5_652_647, index().lower(slot, inst));

        // at 56,526.46: E = 2,211.68, MM = 2,261.0584 - 50 = 2,211.0584, not called; headroom
        // 0.6216 USD: floor((62,160,000 - 4) / 8,000,000) = 7 steps, lower 56,526.39
        assertTrue(send("{\"type\":\"mark\",\"ts\":7,\"instrument\":1,\"price\":\"56526.46\"}").isEmpty());
        assertEquals(5_652_639, index().lower(slot, inst));

        // the exact call price solves 8P - 450,000 = 0.005 x 8P - 50: P = 56,526.38 (E 2,211.04 < MM 2,211.06)
        final List<JsonNode> called = send("{\"type\":\"mark\",\"ts\":8,\"instrument\":1,\"price\":\"56526.38\"}");
        assertEquals(1, called.size());
        assertEquals("margin_call", called.get(0).get("type").asText());
        assertEquals(2, index().state(slot, inst), "a called ladder is evaluated on every tick of its instruments");
    }

    /**
     * Account 1: wallet 10,000, long 1 BTC at 60,000 (notional in tier 1: MM 300 - 50 = 250) and
     * long 10 ETH at 3,000 (MM 300), marked at their entries: E 10,000, headroom 9,450 USD, split
     * by notional 60,000 : 30,000. BTC: 630,000,000,000 units minus slack 4 over K = 1,000,000:
     * 629,999 steps, lower 53,700.01. ETH (K = 1,000 lots x 10,000 = 10,000,000, slack 3):
     * 314,999,999,997 units, 31,499 steps, lower 2,685.01. With both marks at their lowers the
     * account has lost 6,299.99 + 3,149.90 = 9,449.89 < 9,450: E 550.11 against MM 218.50005 +
     * 268.501 = 487.00105, still NORMAL.
     */
    @Test
    void aCrossAccountsHeadroomIsSplitByNotional()
    {
        send(BTC);
        send(ETH);
        send("{\"type\":\"account\",\"ts\":1,\"account\":1}");
        send("{\"type\":\"deposit\",\"ts\":2,\"account\":1,\"amount\":\"10000\"}");
        send("{\"type\":\"mark\",\"ts\":3,\"instrument\":1,\"price\":\"60000\"}");
        send("{\"type\":\"mark\",\"ts\":3,\"instrument\":2,\"price\":\"3000\"}");
        send("{\"type\":\"fill\",\"ts\":4,\"account\":1,\"instrument\":1,\"side\":\"buy\",\"qty\":\"1\",\"price\":\"60000\",\"fee\":\"0\"}");
        send("{\"type\":\"fill\",\"ts\":5,\"account\":1,\"instrument\":2,\"side\":\"buy\",\"qty\":\"10\",\"price\":\"3000\",\"fee\":\"0\"}");
        final int slot = engine.processor().accounts().slotOf(1);
        final int btc = engine.processor().instruments().slotOf(1);
        final int eth = engine.processor().instruments().slotOf(2);
        assertEquals(5_370_001, index().lower(slot, btc));
        assertEquals(268_501, index().lower(slot, eth));

        final long arms = index().armCount();
        assertTrue(send("{\"type\":\"mark\",\"ts\":6,\"instrument\":1,\"price\":\"53700.01\"}").isEmpty());
        assertTrue(send("{\"type\":\"mark\",\"ts\":7,\"instrument\":2,\"price\":\"2685.01\"}").isEmpty());
        assertEquals(arms, index().armCount(), "both ticks stay inside their bands");
        final JsonNode state = send("{\"type\":\"query\",\"ts\":8,\"account\":1}").get(0);
        assertEquals("NORMAL", state.get("status").asText());
        assertEquals("550.11", state.get("equity").asText());
        assertEquals("487.00105", state.get("maintenance").asText());
    }

    /**
     * The index is derived state: rebuilt from the stores, it arms from the current marks. After
     * the ticks above: E 550.11, MM 487.00105, headroom 63.10895 USD = 6,310,895,000 units, split
     * 5,370,001,000,000 : 2,685,010,000,000 (notionals in units): BTC floor(6,310,895,000 x 5,370,001
     * / 8,055,011) = 4,207,258,371 units, 4,207 steps below 53,700.01: 53,657.94; ETH 2,103,636,628
     * units, 210 steps below 2,685.01: 2,682.91.
     */
    @Test
    void rebuildArmsFromTheCurrentMarks()
    {
        aCrossAccountsHeadroomIsSplitByNotional();
        final int slot = engine.processor().accounts().slotOf(1);
        final int btc = engine.processor().instruments().slotOf(1);
        final int eth = engine.processor().instruments().slotOf(2);
        engine.processor().rebuildTriggerIndex();
        assertEquals(5_365_794, index().lower(slot, btc));
        assertEquals(268_291, index().lower(slot, eth));
    }

    /**
     * A cross ladder with one position already past its share of the 64-bit range can prove
     * nothing for its other positions. Account 9: wallet 1,000,000 USD (10^14 units), long 1 BTC
     * at 60,000 and 1 ETH at 3,000, so n = 2 and limit = floor((2^63 - 2 - 10^14) / 2 / 2) - 1 =
     * 2,305,818,009,213,693,950 units. BTC money per step is 1,000 x 1,000 units, so its band top
     * is floor(limit / 10^6) = 2,305,818,009,213 (23,058,180,092.13); ETH's is 100 x 10,000 per
     * step, the same 2,305,818,009,213.
     * <p>
     * ETH marked at 70,000,000,000: E = 10^14 + (7 x 10^12 - 300,000) x 10^6 =
     * 7,000,099,700,000,000,000, it fits; the ETH notional 7 x 10^18 is past the limit, so the
     * ladder goes on the always lists. BTC then marked at its band top: its uPnL is
     * (2,305,818,009,213 - 6,000,000) x 10^6 = 2,305,812,009,213,000,000 and
     * E = 9,305,911,709,213,000,000 > 2^63 - 1, so the mark must be refused (RULES section 4),
     * although BTC stayed inside the band it had before.
     */
    @Test
    void aPositionPastItsShareOfTheRangeKeepsItsLadderComputedOnEveryTick()
    {
        send(BTC);
        send(ETH);
        send("{\"type\":\"account\",\"ts\":1,\"account\":9}");
        send("{\"type\":\"deposit\",\"ts\":2,\"account\":9,\"amount\":\"1000000\"}");
        send("{\"type\":\"mark\",\"ts\":3,\"instrument\":1,\"price\":\"60000\"}");
        send("{\"type\":\"mark\",\"ts\":3,\"instrument\":2,\"price\":\"3000\"}");
        send("{\"type\":\"fill\",\"ts\":4,\"account\":9,\"instrument\":1,\"side\":\"buy\",\"qty\":\"1\",\"price\":\"60000\",\"fee\":\"0\"}");
        send("{\"type\":\"fill\",\"ts\":5,\"account\":9,\"instrument\":2,\"side\":\"buy\",\"qty\":\"1\",\"price\":\"3000\",\"fee\":\"0\"}");
        final int slot = engine.processor().accounts().slotOf(9);
        final int btc = engine.processor().instruments().slotOf(1);
        final int eth = engine.processor().instruments().slotOf(2);
        assertEquals(2_305_818_009_213L, index().upper(slot, btc));
        assertEquals(2_305_818_009_213L, index().upper(slot, eth));

        assertTrue(send("{\"type\":\"mark\",\"ts\":6,\"instrument\":2,\"price\":\"70000000000\"}").isEmpty());
        assertEquals(2, index().state(slot, btc), "BTC is computed on every tick");
        assertEquals(2, index().state(slot, eth), "ETH is computed on every tick");

        final List<JsonNode> refused = send("{\"type\":\"mark\",\"ts\":7,\"instrument\":1,\"price\":\"23058180092.13\"}");
        assertEquals(1, refused.size());
        assertEquals("reject", refused.get(0).get("type").asText());
        assertEquals("OVERFLOW", refused.get(0).get("code").asText());
        assertEquals(6_000_000, engine.processor().instruments().mark(btc), "a refused mark leaves the price as it was");

        // ETH back at 3,000: the ladder is armed again, as at the start
        assertTrue(send("{\"type\":\"mark\",\"ts\":8,\"instrument\":2,\"price\":\"3000\"}").isEmpty());
        assertEquals(2_305_818_009_213L, index().upper(slot, btc));
        assertEquals(2_305_818_009_213L, index().upper(slot, eth));
    }

    /**
     * Slack 125 thousandths, on SPEC's account 7 again (proven band at 60,000: lower 5,654,376,
     * upper 576,460,564,803, worked above). Stored: lower 5,654,376 + floor(345,624 x 0.125) =
     * 5,654,376 + 43,203 = 5,697,579; upper 576,460,564,803 - floor(576,454,564,803 x 0.125) =
     * 576,460,564,803 - 72,056,820,600 = 504,403,744,203.
     * <p>
     * A deposit of 1,000 only widens the proven band (more headroom, a ceiling 6,250 steps lower
     * but far above the stored one): the ladder is re-armed and nothing moves. A tick to
     * 56,975.78, one step under the stored lower, evaluates the ladder (not called: E 5,806.24 +
     * 1,000) and moves the lower: E = 31,000 - 8 x 3,024.22 = 6,806.24, notional 455,806.24,
     * MM = 2,279.0312 - 50 = 2,229.0312, headroom 4,577.2088 USD = 457,720,880,000 units; the
     * price may fall floor((457,720,880,000 - 4) / 8,000,000) = 57,215 steps: proven 5,640,363,
     * stored 5,640,363 + floor(57,215 x 0.125) = 5,640,363 + 7,151 = 5,647,514. The upper stays.
     */
    @Test
    void theSlackStoresBoundsInsideTheProvenBandAndKeepsThemWhileTheyHold()
    {
        engine = engine(125);
        specAccountSeven();
        final int slot = engine.processor().accounts().slotOf(7);
        final int inst = engine.processor().instruments().slotOf(1);
        assertEquals(5_697_579, index().lower(slot, inst));
        assertEquals(504_403_744_203L, index().upper(slot, inst));

        final long arms = index().armCount();
        assertTrue(send("{\"type\":\"deposit\",\"ts\":4,\"account\":7,\"amount\":\"1000\"}").isEmpty());
        assertEquals(arms + 1, index().armCount(), "the deposit re-arms the ladder");
        assertEquals(5_697_579, index().lower(slot, inst), "a wider proven band leaves the stored lower in place");
        assertEquals(504_403_744_203L, index().upper(slot, inst), "and the stored upper");

        assertTrue(send("{\"type\":\"mark\",\"ts\":5,\"instrument\":1,\"price\":\"56975.79\"}").isEmpty());
        assertEquals(arms + 1, index().armCount(), "a tick on the stored lower evaluates nothing");
        assertTrue(send("{\"type\":\"mark\",\"ts\":6,\"instrument\":1,\"price\":\"56975.78\"}").isEmpty());
        assertEquals(arms + 2, index().armCount(), "a tick past it evaluates and re-arms the ladder");
        assertEquals(5_647_514, index().lower(slot, inst));
        assertEquals(504_403_744_203L, index().upper(slot, inst));
    }
}
