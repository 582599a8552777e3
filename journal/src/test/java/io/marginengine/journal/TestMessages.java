package io.marginengine.journal;

import io.marginengine.journal.codec.JsonInputEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SBE input messages for the journal tests, encoded from JSON Lines with the contract's own
 * {@link JsonInputEncoder}: every input type, of different lengths, each with its own ts.
 */
final class TestMessages
{
    private static final String[] LINES = {
        "{\"type\":\"instrument\",\"ts\":$TS,\"instrument\":1,\"symbol\":\"BTCUSDT\",\"priceScale\":2,\"qtyScale\":3," +
            "\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\"," +
            "\"mmr\":\"0.004\"},{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}]}",
        "{\"type\":\"params\",\"ts\":$TS,\"callLevel\":\"1\",\"callGraceNs\":\"300000000000\"}",
        "{\"type\":\"account\",\"ts\":$TS,\"account\":$N}",
        "{\"type\":\"deposit\",\"ts\":$TS,\"seq\":$N,\"account\":7,\"amount\":\"30000.$N\"}",
        "{\"type\":\"withdraw\",\"ts\":$TS,\"account\":7,\"amount\":\"1.5\"}",
        "{\"type\":\"margin_mode\",\"ts\":$TS,\"account\":7,\"instrument\":1,\"mode\":\"isolated\"}",
        "{\"type\":\"isolated_margin\",\"ts\":$TS,\"account\":7,\"instrument\":1,\"amount\":\"-$N\"}",
        "{\"type\":\"fill\",\"ts\":$TS,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"60000.$N\"," +
            "\"fee\":\"0\",\"liquidation\":true,\"orderId\":$N}",
        "{\"type\":\"liquidation_expired\",\"ts\":$TS,\"orderId\":$N,\"account\":7,\"instrument\":1,\"qty\":\"2\"}",
        "{\"type\":\"mark\",\"ts\":$TS,\"instrument\":1,\"price\":\"56550.$N\"}",
        "{\"type\":\"funding\",\"ts\":$TS,\"instrument\":1,\"rate\":\"0.0001\"}",
        "{\"type\":\"clock\",\"ts\":$TS}",
        "{\"type\":\"check\",\"ts\":$TS,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"1\",\"price\":\"1\"}",
        "{\"type\":\"query\",\"ts\":$TS,\"account\":$N}",
        "{\"type\":\"deposit\",\"ts\":$TS,\"account\":7,\"amount\":\"not a number\"}",
    };

    private TestMessages()
    {
    }

    /**
     * @param count how many messages.
     * @return {@code count} encoded messages, message i of input type i modulo the number of
     * types, with ts 1,700,000,000,000,000,000 + i.
     */
    static List<byte[]> inputs(final int count)
    {
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final String line = LINES[i % LINES.length]
                .replace("$TS", Long.toString(1_700_000_000_000_000_000L + i))
                .replace("$N", Integer.toString(i + 1));
            final int length = encoder.encode(line, buffer, 0);
            if (length <= 0)
            {
                throw new IllegalStateException("test line " + i + " did not encode: " + encoder.errorMessage());
            }
            messages.add(Arrays.copyOf(buffer.byteArray(), length));
        }
        return messages;
    }
}
