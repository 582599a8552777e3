package io.marginengine.engine;

import java.util.List;

/**
 * A small scenario for the engine process and its counters, with its tallies worked out by
 * hand.
 * <p>
 * Account 7 deposits 30,000 and buys 8 BTC at 60,000 (worked example 04): at mark 56,500 its
 * equity is 30,000 + 8 x (56,500 - 60,000) = 2,000, below MM = 452,000 x 0.5% - 50 = 2,210:
 * one margin call. Then four refusals, one of each kind: account 7 again (ALREADY_EXISTS), a
 * withdrawal from account 99 that was never opened (UNKNOWN_ACCOUNT), a clock repeating seq 1
 * of source 1 (DUPLICATE), a deposit at ts 3 after ts 6 (TIME_BACKWARDS). A query ends it.
 * Outputs: the call, four rejects, one account_state.
 */
public final class SmallScenario
{
    /** The inputs, one JSON object a line. */
    public static final List<String> LINES = List.of(
        "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":\"BTCUSDT\",\"priceScale\":2,\"qtyScale\":3," +
            "\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[{\"floor\":\"0\",\"imr\":\"0.008\",\"mmr\":\"0.004\"}," +
            "{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}]}",
        "{\"type\":\"account\",\"ts\":1,\"account\":7}",
        "{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"30000\"}",
        "{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"8\",\"price\":\"60000\",\"fee\":\"0\"}",
        "{\"type\":\"mark\",\"ts\":4,\"instrument\":1,\"price\":\"56500\"}",
        "{\"type\":\"account\",\"ts\":5,\"account\":7}",
        "{\"type\":\"withdraw\",\"ts\":5,\"account\":99,\"amount\":\"1\"}",
        "{\"type\":\"clock\",\"ts\":6,\"seq\":1,\"source\":1}",
        "{\"type\":\"clock\",\"ts\":6,\"seq\":1,\"source\":1}",
        "{\"type\":\"deposit\",\"ts\":3,\"account\":7,\"amount\":\"1\"}",
        "{\"type\":\"query\",\"ts\":7,\"account\":7}");

    /** Inputs. */
    public static final int INPUTS = 11;
    /** Rejects: ALREADY_EXISTS, UNKNOWN_ACCOUNT, DUPLICATE, TIME_BACKWARDS, one each. */
    public static final int REJECTS = 4;
    /** Margin calls. */
    public static final int MARGIN_CALLS = 1;
    /** Outputs: margin_call, four rejects, account_state. */
    public static final int OUTPUTS = 6;
    /** The outputs' types, in order. */
    public static final List<String> OUTPUT_TYPES = List.of(
        "margin_call", "reject", "reject", "reject", "reject", "account_state");

    private SmallScenario()
    {
    }
}
