package io.marginengine.engine.logic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginengine.engine.Context;
import io.marginengine.engine.testkit.EngineModel;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inputs at the edges of the 64-bit range and malformed binary inputs are refused whole, with
 * nothing half-applied (found by review; each case failed before its fix).
 */
class ProcessorRobustnessTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INSTRUMENT = "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":\"BTCUSDT\","
        + "\"priceScale\":2,\"qtyScale\":3,\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\",\"mmr\":\"0.004\"}]}";

    private final EngineModel engine = EngineModel.create(16, 4, 4);
    private long index;

    private List<JsonNode> send(final String json) throws Exception
    {
        return engine.apply(index++, MAPPER.readTree(json));
    }

    private JsonNode query(final long ts, final long account) throws Exception
    {
        return send("{\"type\":\"query\",\"ts\":" + ts + ",\"account\":" + account + "}").get(0);
    }

    @Test
    void cureLevelAboveOneHundredIsRefused() throws Exception
    {
        final List<JsonNode> out = send("{\"type\":\"params\",\"ts\":1,\"cureLevel\":\"10000000000\"}");
        assertEquals("reject", out.get(0).get("type").asText());
        assertEquals("BAD_INPUT", out.get(0).get("code").asText());
    }

    /**
     * The largest wallet is 92233720368.54775807 (2^63 - 1 money units). Deposit that less 1,
     * move 1 to the isolated margin and deposit 2: the cross wallet is at the largest value. With it
     * there, taking 1 back from the isolated margin would overflow it: refused, and both
     * wallets keep their values.
     */
    @Test
    void isolatedMarginBackToAFullWalletIsRefusedWhole() throws Exception
    {
        send(INSTRUMENT);
        send("{\"type\":\"account\",\"ts\":1,\"account\":7}");
        send("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"92233720367.54775807\"}");
        send("{\"type\":\"margin_mode\",\"ts\":3,\"account\":7,\"instrument\":1,\"mode\":\"isolated\"}");
        send("{\"type\":\"isolated_margin\",\"ts\":4,\"account\":7,\"instrument\":1,\"amount\":\"1\"}");
        send("{\"type\":\"deposit\",\"ts\":5,\"account\":7,\"amount\":\"2\"}");
        final List<JsonNode> out = send("{\"type\":\"isolated_margin\",\"ts\":6,\"account\":7,\"instrument\":1,\"amount\":\"-1\"}");
        assertEquals("OVERFLOW", out.get(0).get("code").asText());
        final JsonNode state = query(7, 7);
        assertEquals("92233720368.54775807", state.get("wallet").asText());
        assertEquals("1", state.get("positions").get(0).get("isolatedMargin").asText());
    }

    /** Tallies are 128-bit: 180 billion deposited in total is fine when the wallet never holds more than 60. */
    @Test
    void talliesDoNotLimitWhatAWalletMayCarry() throws Exception
    {
        send("{\"type\":\"account\",\"ts\":1,\"account\":7}");
        send("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"60000000000\"}");
        send("{\"type\":\"withdraw\",\"ts\":3,\"account\":7,\"amount\":\"60000000000\"}");
        send("{\"type\":\"deposit\",\"ts\":4,\"account\":7,\"amount\":\"60000000000\"}");
        send("{\"type\":\"withdraw\",\"ts\":5,\"account\":7,\"amount\":\"60000000000\"}");
        final List<JsonNode> out = send("{\"type\":\"deposit\",\"ts\":6,\"account\":7,\"amount\":\"60000000000\"}");
        assertEquals(0, out.size(), out.toString());
        assertEquals("60000000000", query(7, 7).get("wallet").asText());
    }

    @Test
    void binaryInputsWithABadEnumByteOrCutShortAreRejected()
    {
        final List<String> outputs = new ArrayList<>();
        final JsonOutputWriter writer = new JsonOutputWriter();
        final MarginProcessor processor = new MarginProcessor(new Context().maxAccounts(8), (buffer, offset, length) ->
        {
            final StringBuilder text = new StringBuilder();
            writer.write(buffer, offset, text);
            outputs.add(text.toString());
        });
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        processor.onInput(0, buffer, 0, encoder.encode(INSTRUMENT, buffer, 0));
        processor.onInput(1, buffer, 0, encoder.encode("{\"type\":\"account\",\"ts\":1,\"account\":7}", buffer, 0));
        final int fill = encoder.encode("{\"type\":\"fill\",\"ts\":2,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"1\",\"price\":\"100\"}", buffer, 0);
        // side is the byte after header (8), ts, seq, source (20), account (8), instrument (4)
        buffer.putByte(8 + 20 + 8 + 4, (byte)7);
        processor.onInput(2, buffer, 0, fill);
        processor.onInput(3, buffer, 0, 12);
        assertEquals(2, outputs.size(), outputs.toString());
        assertEquals(true, outputs.get(0).contains("\"cause\":2,\"code\":\"BAD_INPUT\""), outputs.get(0));
        assertEquals(true, outputs.get(1).contains("\"cause\":3,\"code\":\"BAD_INPUT\""), outputs.get(1));
    }
}
