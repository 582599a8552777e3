package io.marginengine.engine.logic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginengine.engine.Context;
import io.marginengine.engine.testkit.EngineModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stale guard (SPEC section 4, RULES section 4) where {@link PriceKeeper} skips its loop:
 * an instrument goes stale at the first input whose ts is at least its last mark (or its
 * definition) plus {@code staleAfterNs}, however the earliest such time was last worked out.
 * Each case below is one the skip could miss: a mark that moves the time later, a mark that
 * brings a stale instrument back, and an instrument defined while nothing else can go stale.
 */
class StaleDetectionTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long S = 1_000_000_000L;

    private final EngineModel engine = new EngineModel(new Context().maxAccounts(4).maxInstruments(4).maxPositionsPerAccount(2));
    private long index;

    private List<JsonNode> send(final String json)
    {
        try
        {
            return engine.apply(index++, MAPPER.readTree(json));
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalArgumentException(json, ex);
        }
    }

    private List<JsonNode> clock(final long ts)
    {
        return send("{\"type\":\"clock\",\"ts\":" + ts + "}");
    }

    private static String instrument(final int id, final long ts, final long staleAfterNs)
    {
        return "{\"type\":\"instrument\",\"ts\":" + ts + ",\"instrument\":" + id + ",\"symbol\":\"I" + id +
            "\",\"priceScale\":2,\"qtyScale\":1,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.01\",\"staleAfterNs\":" +
            staleAfterNs + ",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.1\",\"mmr\":\"0.05\"}]}";
    }

    private static void assertStale(final List<JsonNode> outputs, final String type, final int instrument)
    {
        assertEquals(1, outputs.size(), outputs.toString());
        assertEquals(type, outputs.get(0).get("type").asText());
        assertEquals(instrument, outputs.get(0).get("instrument").intValue());
    }

    @Test
    void goesStaleAtTheFirstInputAtOrPastItsLastMarkPlusStaleAfter()
    {
        assertTrue(send(instrument(1, 0, 5 * S)).isEmpty());
        // defined at 0: stale from 5 s; a mark at 3 s moves that to 8 s
        assertTrue(send("{\"type\":\"mark\",\"ts\":" + 3 * S + ",\"instrument\":1,\"price\":\"100\"}").isEmpty());
        assertTrue(clock(5 * S).isEmpty(), "5 s after the definition but 2 s after the mark");
        assertTrue(clock(8 * S - 1).isEmpty());
        assertStale(clock(8 * S), "price_stale", 1);
        assertTrue(clock(9 * S).isEmpty(), "stale once");

        // back at 10 s: stale again from 15 s
        assertStale(send("{\"type\":\"mark\",\"ts\":" + 10 * S + ",\"instrument\":1,\"price\":\"101\"}"), "price_resumed", 1);
        assertTrue(clock(15 * S - 1).isEmpty());
        assertStale(clock(15 * S), "price_stale", 1);

        // defined at 16 s while the only other instrument is stale: stale from 17 s
        assertTrue(send(instrument(2, 16 * S, S)).isEmpty());
        assertTrue(clock(17 * S - 1).isEmpty());
        assertStale(clock(17 * S), "price_stale", 2);
    }

    @Test
    void anInstrumentWithoutTheGuardNeverGoesStale()
    {
        assertTrue(send(instrument(1, 0, 0)).isEmpty());
        assertTrue(clock(Long.MAX_VALUE - 1).isEmpty());
        assertTrue(send(instrument(2, Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEmpty());
        assertTrue(clock(Long.MAX_VALUE).isEmpty(), "a guard that ends past the last representable ts never fires");
    }
}
