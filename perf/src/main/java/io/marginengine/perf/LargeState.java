package io.marginengine.perf;

import io.marginengine.engine.Context;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds a processor holding many accounts, for the snapshot measurements: four instruments
 * with a mark each, then every account opened, funded with 10,000 and given {@code positions}
 * small positions (alternately long and short, at the mark, so no price moves and no ladder
 * is called). Outputs are only counted.
 */
final class LargeState
{
    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[1024]);
    private MarginProcessor processor;
    private long index;
    long outputs;

    private LargeState()
    {
    }

    /**
     * @param accounts     accounts besides the insurance fund.
     * @param positions    positions each account holds, 0 to 4.
     * @param maxPositions positions per account the stores are sized for.
     * @return the processor holding that state.
     */
    static MarginProcessor build(final int accounts, final int positions, final int maxPositions)
    {
        final LargeState state = new LargeState();
        state.processor = new MarginProcessor(new Context().maxAccounts(accounts + 1).maxInstruments(4)
            .maxPositionsPerAccount(maxPositions), (buffer, offset, length) -> state.outputs++);
        for (int i = 1; i <= 4; i++)
        {
            state.send("{\"type\":\"instrument\",\"ts\":0,\"instrument\":" + i + ",\"symbol\":\"I" + i + "\",\"priceScale\":2,"
                + "\"qtyScale\":3,\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\",\"mmr\":\"0.004\"},"
                + "{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}]}");
            state.send("{\"type\":\"mark\",\"ts\":0,\"instrument\":" + i + ",\"price\":\"60000\"}");
        }
        for (int a = 1; a <= accounts; a++)
        {
            state.send("{\"type\":\"account\",\"ts\":1,\"account\":" + a + "}");
            state.send("{\"type\":\"deposit\",\"ts\":1,\"account\":" + a + ",\"amount\":\"10000\"}");
            for (int i = 1; i <= positions; i++)
            {
                state.send("{\"type\":\"fill\",\"ts\":1,\"account\":" + a + ",\"instrument\":" + i + ",\"side\":\""
                    + ((a + i) % 2 == 0 ? "buy" : "sell") + "\",\"qty\":\"0.001\",\"price\":\"60000\",\"fee\":\"0\"}");
            }
        }
        if (state.processor.accounts().count() != accounts + 1)
        {
            throw new IllegalStateException("built " + state.processor.accounts().count() + " accounts, expected " + (accounts + 1));
        }
        return state.processor;
    }

    private void send(final String json)
    {
        final int length = encoder.encode(json, scratch, 0);
        if (length < 0)
        {
            throw new IllegalStateException(encoder.errorMessage() + ": " + json);
        }
        processor.onInput(index++, scratch, 0, length);
    }
}
