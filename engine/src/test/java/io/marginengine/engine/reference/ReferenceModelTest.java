package io.marginengine.engine.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worked examples for the reference model. Every expected number is worked by hand from SPEC
 * and docs/RULES.md in the comments beside it, never taken from a run of the model.
 */
class ReferenceModelTest
{
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Feeds inputs one by one with consecutive journal indexes. */
    private static final class Driver
    {
        final ReferenceModel model;
        long index;

        Driver(final ReferenceModel model)
        {
            this.model = model;
        }

        Driver()
        {
            this(new ReferenceModel());
        }

        List<String> send(final String input)
        {
            final List<String> lines = new ArrayList<>();
            for (final JsonNode output : model.apply(index++, parse(input)))
            {
                final ObjectNode copy = output.deepCopy();
                copy.remove("reason");
                lines.add(copy.toString());
            }
            return lines;
        }

        /** Sends and expects no output at all. */
        void quiet(final String input)
        {
            assertEquals(List.of(), send(input), input);
        }
    }

    private static JsonNode parse(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final JsonProcessingException e)
        {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Normalizes expected lines written by hand (spacing) to the compact form. */
    private static List<String> lines(final String... expected)
    {
        final List<String> result = new ArrayList<>();
        for (final String line : expected)
        {
            result.add(parse(line).toString());
        }
        return result;
    }

    private static void assertOutputs(final List<String> actual, final String... expected)
    {
        assertEquals(lines(expected), actual);
    }

    private static String rejectCode(final List<String> outputs)
    {
        assertEquals(1, outputs.size(), outputs.toString());
        final JsonNode reject = parse(outputs.get(0));
        assertEquals("reject", reject.get("type").textValue(), outputs.toString());
        return reject.get("code").textValue();
    }

    /** BTCUSDT-like: priceScale 2, qtyScale 3, Binance-like tiers 0 / 50,000 / 250,000. */
    private static final String BTC_TIERS = "{\"type\":\"instrument\",\"ts\":0,\"instrument\":1,\"symbol\":\"BTCUSDT\"," +
        "\"priceScale\":2,\"qtyScale\":3,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[" +
        "{\"floor\":\"0\",\"imr\":\"0.008\",\"mmr\":\"0.004\"}," +
        "{\"floor\":\"50000\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}," +
        "{\"floor\":\"250000\",\"imr\":\"0.02\",\"mmr\":\"0.01\"}]}";

    /**
     * Simple numbers: priceScale 2, qtyScale 0, one tier imr 10%, mmr 5%, liquidation fee 1%.
     */
    private static final String SIMPLE = "{\"type\":\"instrument\",\"ts\":0,\"instrument\":2,\"symbol\":\"SIMPLE\"," +
        "\"priceScale\":2,\"qtyScale\":0,\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.01\",\"tiers\":[" +
        "{\"floor\":\"0\",\"imr\":\"0.1\",\"mmr\":\"0.05\"}]}";

    @Nested
    class Tiers
    {
        @Test
        void binanceTierTableGivesCum0And50And1300()
        {
            // cum[1] = 0 + 50,000 x (0.005 - 0.004) = 50
            // cum[2] = 50 + 250,000 x (0.01 - 0.005) = 1,300
            // cumIm[1] = 50,000 x (0.01 - 0.008) = 100; cumIm[2] = 100 + 250,000 x (0.02 - 0.01) = 2,600
            final List<BigDecimal[]> rows = List.of(
                new BigDecimal[]{new BigDecimal("0"), new BigDecimal("0.008"), new BigDecimal("0.004")},
                new BigDecimal[]{new BigDecimal("50000"), new BigDecimal("0.01"), new BigDecimal("0.005")},
                new BigDecimal[]{new BigDecimal("250000"), new BigDecimal("0.02"), new BigDecimal("0.01")});
            final List<Tier> tiers = Instrument.withCumulative(rows);
            assertEquals(0, tiers.get(0).cum().compareTo(BigDecimal.ZERO));
            assertEquals(0, tiers.get(1).cum().compareTo(new BigDecimal("50")));
            assertEquals(0, tiers.get(2).cum().compareTo(new BigDecimal("1300")));
            assertEquals(0, tiers.get(1).cumIm().compareTo(new BigDecimal("100")));
            assertEquals(0, tiers.get(2).cumIm().compareTo(new BigDecimal("2600")));
        }

        @Test
        void requirementsFollowTheTierOfTheNotionalAtMark()
        {
            final Driver d = new Driver();
            d.quiet(BTC_TIERS);
            d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
            d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"100000\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"1\"," +
                "\"price\":\"40000\",\"fee\":\"0\"}");
            // No mark yet: mark = last fill price 40,000. N = 40,000 (tier 0):
            // MM = 40,000 x 0.004 = 160, IM = 40,000 x 0.008 = 320; E = 100,000; ratio 160/100,000 = 0.0016.
            // LP = (100,000 - 40,000) / (1 x 0.004 - 1) = -60,240.9... <= 0: none. BP = (100,000 - 40,000)/-1 < 0: none.
            assertOutputs(d.send("{\"type\":\"query\",\"ts\":4,\"account\":7}"),
                "{\"type\":\"account_state\",\"ts\":4,\"cause\":4,\"account\":7,\"status\":\"NORMAL\"," +
                    "\"wallet\":\"100000\",\"equity\":\"100000\",\"maintenance\":\"160\",\"initial\":\"320\"," +
                    "\"marginRatio\":\"0.0016\",\"positions\":[{\"instrument\":1,\"qty\":\"1\",\"entryPrice\":\"40000\"," +
                    "\"mark\":\"40000\",\"upnl\":\"0\",\"maintenance\":\"160\",\"initial\":\"320\",\"isolated\":false,\"isolatedMargin\":\"0\"," +
                    "\"liquidationPrice\":null,\"bankruptcyPrice\":null,\"status\":\"NORMAL\"}]}");

            d.quiet("{\"type\":\"mark\",\"ts\":5,\"instrument\":1,\"price\":\"60000\"}");
            // N = 60,000 (tier 1): MM = 60,000 x 0.005 - 50 = 250, IM = 60,000 x 0.01 - 100 = 500.
            // uPnL = 1 x (60,000 - 40,000) = 20,000; E = 120,000; ratio = ceil(250 / 120,000) = 0.00208334.
            final JsonNode tier1 = parse(d.send("{\"type\":\"query\",\"ts\":6,\"account\":7}").get(0));
            assertEquals("120000", tier1.get("equity").textValue());
            assertEquals("250", tier1.get("maintenance").textValue());
            assertEquals("500", tier1.get("initial").textValue());
            assertEquals("0.00208334", tier1.get("marginRatio").textValue());
            assertEquals("20000", tier1.get("positions").get(0).get("upnl").textValue());

            d.quiet("{\"type\":\"mark\",\"ts\":7,\"instrument\":1,\"price\":\"300000\"}");
            // N = 300,000 (tier 2): MM = 300,000 x 0.01 - 1,300 = 1,700, IM = 300,000 x 0.02 - 2,600 = 3,400.
            final JsonNode tier2 = parse(d.send("{\"type\":\"query\",\"ts\":8,\"account\":7}").get(0));
            assertEquals("1700", tier2.get("maintenance").textValue());
            assertEquals("3400", tier2.get("initial").textValue());

            d.quiet("{\"type\":\"mark\",\"ts\":9,\"instrument\":1,\"price\":\"50000\"}");
            // Exactly on the floor: tier 1, MM = 50,000 x 0.005 - 50 = 200 = 50,000 x 0.004 (continuous).
            final JsonNode floor = parse(d.send("{\"type\":\"query\",\"ts\":10,\"account\":7}").get(0));
            assertEquals("200", floor.get("maintenance").textValue());
            assertEquals("400", floor.get("initial").textValue());
        }
    }

    @Nested
    class LiquidationPrice
    {
        @Test
        void binanceFaqExampleLong()
        {
            final Driver d = new Driver();
            d.quiet(BTC_TIERS);
            d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
            d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"500\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.02\"," +
                "\"price\":\"50000\",\"fee\":\"0\"}");
            // N = 0.02 x 50,000 = 1,000 (tier 0). MM = 4, IM = 8. E = 500. ratio = 4/500 = 0.008.
            // LP = (500 - 0 + 0 + 0 - 1,000) / (0.02 x 0.004 - 0.02) = -500 / -0.01992 = 25,100.4016... -> 25,100.40
            //   (N at LP = 502.01 is in tier 0, so tier 0 stands).
            // BP = (500 - 1,000) / -0.02 = 25,000 (exact; rounded up to the tick: 25,000.00).
            assertOutputs(d.send("{\"type\":\"query\",\"ts\":4,\"account\":7}"),
                "{\"type\":\"account_state\",\"ts\":4,\"cause\":4,\"account\":7,\"status\":\"NORMAL\"," +
                    "\"wallet\":\"500\",\"equity\":\"500\",\"maintenance\":\"4\",\"initial\":\"8\"," +
                    "\"marginRatio\":\"0.008\",\"positions\":[{\"instrument\":1,\"qty\":\"0.02\",\"entryPrice\":\"50000\"," +
                    "\"mark\":\"50000\",\"upnl\":\"0\",\"maintenance\":\"4\",\"initial\":\"8\",\"isolated\":false,\"isolatedMargin\":\"0\"," +
                    "\"liquidationPrice\":\"25100.4\",\"bankruptcyPrice\":\"25000\",\"status\":\"NORMAL\"}]}");
        }

        @Test
        void mirroredShort()
        {
            final Driver d = new Driver();
            d.quiet(BTC_TIERS);
            d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
            d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"500\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"0.02\"," +
                "\"price\":\"50000\",\"fee\":\"0\"}");
            // side -1, Q = 0.02, C x m = -1,000:
            // LP = (500 + 1,000) / (0.02 x 0.004 + 0.02) = 1,500 / 0.02008 = 74,701.1952... -> 74,701.20
            // BP = (500 + 1,000) / 0.02 = 75,000 (a short loses its 500 when the price rises by 25,000).
            final JsonNode position = parse(d.send("{\"type\":\"query\",\"ts\":4,\"account\":7}").get(0))
                .get("positions").get(0);
            assertEquals("-0.02", position.get("qty").textValue());
            assertEquals("50000", position.get("entryPrice").textValue());
            assertEquals("74701.2", position.get("liquidationPrice").textValue());
            assertEquals("75000", position.get("bankruptcyPrice").textValue());
        }

        @Test
        void isolatedPositionUsesItsOwnMargin()
        {
            final Driver d = new Driver();
            d.quiet(BTC_TIERS);
            d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
            d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"10000\"}");
            d.quiet("{\"type\":\"margin_mode\",\"ts\":3,\"account\":7,\"instrument\":1,\"mode\":\"isolated\"}");
            d.quiet("{\"type\":\"isolated_margin\",\"ts\":4,\"account\":7,\"instrument\":1,\"amount\":\"500\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":5,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.02\"," +
                "\"price\":\"50000\",\"fee\":\"1\"}");
            // The fee comes out of IWB: 500 - 1 = 499. Cross wallet 10,000 - 500 = 9,500, no cross positions.
            // LP = (499 - 1,000) / (0.02 x 0.004 - 0.02) = -501 / -0.01992 = 25,150.6024... -> 25,150.60
            // BP = (499 - 1,000) / -0.02 = 25,050
            assertOutputs(d.send("{\"type\":\"query\",\"ts\":6,\"account\":7}"),
                "{\"type\":\"account_state\",\"ts\":6,\"cause\":6,\"account\":7,\"status\":\"NORMAL\"," +
                    "\"wallet\":\"9500\",\"equity\":\"9500\",\"maintenance\":\"0\",\"initial\":\"0\"," +
                    "\"marginRatio\":\"0\",\"positions\":[{\"instrument\":1,\"qty\":\"0.02\",\"entryPrice\":\"50000\"," +
                    "\"mark\":\"50000\",\"upnl\":\"0\",\"maintenance\":\"4\",\"initial\":\"8\",\"isolated\":true," +
                    "\"isolatedMargin\":\"499\",\"liquidationPrice\":\"25150.6\",\"bankruptcyPrice\":\"25050\"," +
                    "\"status\":\"NORMAL\"}]}");
            // Back to cross is refused while the position is open.
            assertEquals("NOT_ALLOWED", rejectCode(
                d.send("{\"type\":\"margin_mode\",\"ts\":7,\"account\":7,\"instrument\":1,\"mode\":\"cross\"}")));
            // Close it: sell 0.02 at 50,000, realized 0, fee 0 -> flat isolated position keeps IWB 499.
            d.quiet("{\"type\":\"fill\",\"ts\":8,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"0.02\"," +
                "\"price\":\"50000\",\"fee\":\"0\"}");
            d.quiet("{\"type\":\"margin_mode\",\"ts\":9,\"account\":7,\"instrument\":1,\"mode\":\"cross\"}");
            // IWB returns: 9,500 + 499 = 9,999; the flat isolated position is gone.
            final JsonNode state = parse(d.send("{\"type\":\"query\",\"ts\":10,\"account\":7}").get(0));
            assertEquals("9999", state.get("wallet").textValue());
            assertEquals(0, state.get("positions").size());
        }
    }

    /** Account 7 long 10 SIMPLE at 1,000 with wallet 1,000: N = 10,000, MM = 500, IM = 1,000. */
    private static Driver simpleLong()
    {
        final Driver d = new Driver();
        d.quiet(SIMPLE);
        d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
        d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"1000\"}");
        d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":2,\"side\":\"buy\",\"qty\":\"10\"," +
            "\"price\":\"1000\",\"fee\":\"0\"}");
        return d;
    }

    @Nested
    class Ladder
    {
        @Test
        void marginCallThenCure()
        {
            final Driver d = simpleLong();
            // Mark 950: uPnL = 10 x -50 = -500, E = 500; N = 9,500, MM = 475: 500 >= 475, not called.
            d.quiet("{\"type\":\"mark\",\"ts\":4,\"instrument\":2,\"price\":\"950\"}");
            // Mark 940: E = 1,000 - 600 = 400; N = 9,400, MM = 470, IM = 940. 400 < 470: called.
            // 400 >= 0.8 x 470 = 376: not liquidating. shortfall = 940 - 400 = 540; deadline = 5 + 900e9.
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":5,\"instrument\":2,\"price\":\"940\"}"),
                "{\"type\":\"margin_call\",\"ts\":5,\"cause\":5,\"account\":7,\"equity\":\"400\"," +
                    "\"maintenance\":\"470\",\"initial\":\"940\",\"shortfall\":\"540\",\"deadline\":900000000005}");
            // Withdrawals are refused while called (the wallet covers it, the status does not).
            assertEquals("NOT_ALLOWED", rejectCode(d.send("{\"type\":\"withdraw\",\"ts\":6,\"account\":7,\"amount\":\"1\"}")));
            // 539 is one short: E = 939 < 940, still called, no output.
            d.quiet("{\"type\":\"deposit\",\"ts\":7,\"account\":7,\"amount\":\"539\"}");
            // One more: E = 940 >= cureLevel x IM = 940: cured.
            assertOutputs(d.send("{\"type\":\"deposit\",\"ts\":8,\"account\":7,\"amount\":\"1\"}"),
                "{\"type\":\"margin_call_cured\",\"ts\":8,\"cause\":8,\"account\":7,\"equity\":\"940\",\"initial\":\"940\"}");
            assertEquals("NORMAL", parse(d.send("{\"type\":\"query\",\"ts\":9,\"account\":7}").get(0))
                .get("status").textValue());
        }

        @Test
        void deadlineEscalatesToLiquidationAndAPartialOrderCures()
        {
            final Driver d = simpleLong();
            d.send("{\"type\":\"mark\",\"ts\":4,\"instrument\":2,\"price\":\"940\"}");  // called, deadline 900e9 + 4
            d.quiet("{\"type\":\"clock\",\"ts\":900000000003}");                  // one ns early: nothing
            // Deadline reached. Order size: closing k at 940 realizes -60k and pays fee ceil(0.01 x 940k) = 9.4k:
            //   E'(k) = 1,000 - 69.4k + (10 - k) x -60 = 400 - 9.4k,  IM'(k) = 0.1 x 940 x (10 - k) = 940 - 94k.
            //   cured iff 400 - 9.4k >= 940 - 94k iff k >= 6.38: k = 7 (k = 6: 343.6 < 376; k = 7: 334.2 >= 282).
            //   Binary search: P(10) true; lo 1 hi 10: P(5) false -> lo 6; P(8) true -> hi 8; P(7) true -> hi 7;
            //   P(6) false -> lo 7.
            // Limit: BP = (C x m - W) / Q = (10,000 - 1,000) / 10 = 900, sell rounded up: 900.
            assertOutputs(d.send("{\"type\":\"clock\",\"ts\":900000000004}"),
                "{\"type\":\"liquidation_order\",\"ts\":900000000004,\"cause\":6,\"orderId\":1,\"account\":7," +
                    "\"instrument\":2,\"side\":\"sell\",\"qty\":\"7\",\"price\":\"900\",\"isolated\":false}");
            // Fill 7 at 940: Cr = 7,000, realized = 7 x 940 - 7,000 = -420: W = 580.
            // Surplus over the limit = 7 x (940 - 900) = 280; liquidation fee = min(ceil(0.01 x 6,580), 280) = 65.8
            // to the fund (insurance_fund: from account 7, +65.8, balance 0 + 65.8).
            // W = 514.2. Left: 3 at cost 3,000; E = 514.2 - 180 = 334.2 >= IM = 282: done.
            assertOutputs(d.send("{\"type\":\"fill\",\"ts\":900000000005,\"account\":7,\"instrument\":2," +
                    "\"side\":\"sell\",\"qty\":\"7\",\"price\":\"940\",\"fee\":\"0\",\"liquidation\":true,\"orderId\":1}"),
                "{\"type\":\"insurance_fund\",\"ts\":900000000005,\"cause\":7,\"account\":7,\"delta\":\"65.8\"," +
                    "\"balance\":\"65.8\"}",
                "{\"type\":\"liquidation_done\",\"ts\":900000000005,\"cause\":7,\"account\":7}");
            final JsonNode state = parse(d.send("{\"type\":\"query\",\"ts\":900000000006,\"account\":7}").get(0));
            assertEquals("514.2", state.get("wallet").textValue());
            assertEquals("334.2", state.get("equity").textValue());
            assertEquals("141", state.get("maintenance").textValue());   // 2,820 x 0.05
            assertEquals("282", state.get("initial").textValue());
            assertEquals("NORMAL", state.get("status").textValue());
            assertEquals(0, d.model.fundBalance().compareTo(new BigDecimal("65.8")));
        }

        @Test
        void fallBelowLiquidationLevelCallsAndLiquidatesInOneInput()
        {
            final Driver d = simpleLong();
            // Mark 900: E = 1,000 - 1,000 = 0; MM = 450, IM = 900. 0 < 450 called, 0 < 0.8 x 450 = 360 liquidate.
            // Order: E'(k) = 1,000 - 109k - 100 (10 - k) = -9k, never >= 0 = IM'(10): P(10) false, whole position.
            // BP = (10,000 - 1,000) / 10 = 900.
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":4,\"instrument\":2,\"price\":\"900\"}"),
                "{\"type\":\"margin_call\",\"ts\":4,\"cause\":4,\"account\":7,\"equity\":\"0\"," +
                    "\"maintenance\":\"450\",\"initial\":\"900\",\"shortfall\":\"900\",\"deadline\":900000000004}",
                "{\"type\":\"liquidation_order\",\"ts\":4,\"cause\":4,\"orderId\":1,\"account\":7," +
                    "\"instrument\":2,\"side\":\"sell\",\"qty\":\"10\",\"price\":\"900\",\"isolated\":false}");
            // A partial fill leaves the order outstanding: no new order.
            d.quiet("{\"type\":\"fill\",\"ts\":5,\"account\":7,\"instrument\":2,\"side\":\"sell\",\"qty\":\"4\"," +
                "\"price\":\"900\",\"fee\":\"0\",\"liquidation\":true,\"orderId\":1}");
            // The rest expires (RULES section 5a). W = 1,000 - 400 = 600 (no surplus, no fee), 6 left at cost
            // 6,000. Takeover test: the fund (balance 0) long 6 at 900, mark 900: E = 0 < IM = 540, no.
            // ADL: no opposite position, so the fund takes the 6 whatever its balance. Account 7 closes 6 at
            // 900: realized 5,400 - 6,000 = -600, W = 0 (flat, not negative: no deficit) -> done.
            assertOutputs(d.send("{\"type\":\"liquidation_expired\",\"ts\":6,\"orderId\":1,\"account\":7," +
                    "\"instrument\":2,\"qty\":\"6\"}"),
                "{\"type\":\"liquidation_done\",\"ts\":6,\"cause\":6,\"account\":7}");
            // A fill for the old order is refused as bad input (RULES section 3).
            assertEquals("BAD_INPUT", rejectCode(d.send("{\"type\":\"fill\",\"ts\":7,\"account\":7,\"instrument\":2," +
                "\"side\":\"sell\",\"qty\":\"1\",\"price\":\"900\",\"fee\":\"0\",\"liquidation\":true,\"orderId\":1}")));
            // The fund holds the 6 at 900 (cost 5,400); its balance did not move.
            final JsonNode fund = parse(d.send("{\"type\":\"query\",\"ts\":8,\"account\":0}").get(0));
            assertEquals("0", fund.get("wallet").textValue());
            assertEquals("6", fund.get("positions").get(0).get("qty").textValue());
            assertEquals("900", fund.get("positions").get(0).get("entryPrice").textValue());
        }

        @Test
        void stalePriceBlocksLiquidationButNotTheCall()
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE.replace("\"instrument\":2,", "\"instrument\":2,\"staleAfterNs\":1000,"));
            d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
            d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"1000\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":2,\"side\":\"buy\",\"qty\":\"10\"," +
                "\"price\":\"1000\",\"fee\":\"0\"}");
            d.quiet("{\"type\":\"mark\",\"ts\":500,\"instrument\":2,\"price\":\"1000\"}");
            // Last mark at 500: stale from 1,500 on.
            d.quiet("{\"type\":\"clock\",\"ts\":1499}");
            assertOutputs(d.send("{\"type\":\"clock\",\"ts\":1500}"),
                "{\"type\":\"price_stale\",\"ts\":1500,\"cause\":6,\"instrument\":2}");
            // Buy 1 more at 1,000 paying a fee of 700: 11 long at cost 11,000, mark still 1,000 (a mark exists).
            // W = 1,000 - 700 = 300 = E; N = 11,000, MM = 550, IM = 1,100. 300 < 550: called; 300 < 0.8 x 550 = 440
            // would liquidate, but the ladder holds a stale instrument: the call only. shortfall = 1,100 - 300 = 800.
            assertOutputs(d.send("{\"type\":\"fill\",\"ts\":1600,\"account\":7,\"instrument\":2,\"side\":\"buy\"," +
                    "\"qty\":\"1\",\"price\":\"1000\",\"fee\":\"700\"}"),
                "{\"type\":\"margin_call\",\"ts\":1600,\"cause\":7,\"account\":7,\"equity\":\"300\"," +
                    "\"maintenance\":\"550\",\"initial\":\"1100\",\"shortfall\":\"800\",\"deadline\":900000001600}");
            // Past the deadline, still stale: nothing.
            d.quiet("{\"type\":\"clock\",\"ts\":900000001600}");
            // A fresh mark resumes the price first, then the ladder is evaluated and liquidates. Order size:
            //   closing k at 1,000 realizes 0 and pays ceil(0.01 x 1,000k) = 10k: E'(k) = 300 - 10k,
            //   IM'(k) = 100 x (11 - k); cured iff 90k >= 800 iff k >= 8.9: k = 9
            //   (search: P(11) true; P(6) false -> lo 7; P(9) true -> hi 9; P(8) false -> lo 9).
            // Limit: BP = (11,000 - 300) / 11 = 972.7272... rounded up to the tick: 972.73.
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":900000001700,\"instrument\":2,\"price\":\"1000\"}"),
                "{\"type\":\"price_resumed\",\"ts\":900000001700,\"cause\":9,\"instrument\":2}",
                "{\"type\":\"liquidation_order\",\"ts\":900000001700,\"cause\":9,\"orderId\":1,\"account\":7," +
                    "\"instrument\":2,\"side\":\"sell\",\"qty\":\"9\",\"price\":\"972.73\",\"isolated\":false}");
        }
    }

    /** Opens {@code account} with {@code wallet} in its cross wallet (inputs at ts {@code ts} and {@code ts + 1}). */
    private static void open(final Driver d, final long ts, final long account, final String wallet)
    {
        d.quiet("{\"type\":\"account\",\"ts\":" + ts + ",\"account\":" + account + "}");
        d.quiet("{\"type\":\"deposit\",\"ts\":" + (ts + 1) + ",\"account\":" + account + ",\"amount\":\"" + wallet + "\"}");
    }

    /** A fill of SIMPLE (instrument 2) without fee. */
    private static String fill(final long ts, final long account, final String side, final String qty, final String price)
    {
        return "{\"type\":\"fill\",\"ts\":" + ts + ",\"account\":" + account + ",\"instrument\":2,\"side\":\"" + side +
            "\",\"qty\":\"" + qty + "\",\"price\":\"" + price + "\",\"fee\":\"0\"}";
    }

    /** A liquidation fill of SIMPLE against order {@code orderId}. */
    private static String liquidationFill(
        final long ts, final long account, final String side, final String qty, final String price, final long orderId)
    {
        return fill(ts, account, side, qty, price).replace("}", ",\"liquidation\":true,\"orderId\":" + orderId + "}");
    }

    private static String expired(final long ts, final long orderId, final long account, final String qty)
    {
        return "{\"type\":\"liquidation_expired\",\"ts\":" + ts + ",\"orderId\":" + orderId + ",\"account\":" + account +
            ",\"instrument\":2,\"qty\":\"" + qty + "\"}";
    }

    private static JsonNode query(final Driver d, final long ts, final long account)
    {
        return parse(d.send("{\"type\":\"query\",\"ts\":" + ts + ",\"account\":" + account + "}").get(0));
    }

    /**
     * RULES section 5a, worked on SIMPLE (imr 10%, mmr 5%, liquidation fee 1%, multiplier 1).
     * The usual start: account 7 long 10 at 1,000 with wallet 1,000; a mark of 900 takes its
     * equity to 0 (MM 450, IM 900), which calls and liquidates it in one input with an order to
     * sell all 10 at the bankruptcy price BP = (10,000 - 1,000) / 10 = 900.
     */
    @Nested
    class InsuranceFundAndAdl
    {
        private static final String CALL_AT_900 =
            "{\"type\":\"margin_call\",\"ts\":10,\"cause\":%d,\"account\":7,\"equity\":\"0\",\"maintenance\":\"450\"," +
            "\"initial\":\"900\",\"shortfall\":\"900\",\"deadline\":900000000010}";
        private static final String ORDER_AT_900 =
            "{\"type\":\"liquidation_order\",\"ts\":10,\"cause\":%d,\"orderId\":1,\"account\":7,\"instrument\":2," +
            "\"side\":\"sell\",\"qty\":\"10\",\"price\":\"900\",\"isolated\":false}";

        /** SIMPLE, the fund holding {@code fund} (none when null), account 7 long 10 at 1,000 with wallet 1,000. */
        private Driver longSeven(final String fund)
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE);
            if (fund != null)
            {
                // A deposit to account 0 is the fund's: insurance_fund {account 0, delta, balance}.
                assertOutputs(d.send("{\"type\":\"deposit\",\"ts\":1,\"account\":0,\"amount\":\"" + fund + "\"}"),
                    "{\"type\":\"insurance_fund\",\"ts\":1,\"cause\":1,\"account\":0,\"delta\":\"" + fund +
                        "\",\"balance\":\"" + fund + "\"}");
            }
            open(d, 2, 7, "1000");
            d.quiet(fill(4, 7, "buy", "10", "1000"));
            return d;
        }

        /** Mark 900 (input at ts 10): account 7 is called and liquidated (order 1: sell 10 at 900). */
        private void markTo900(final Driver d)
        {
            final long cause = d.index;
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":10,\"instrument\":2,\"price\":\"900\"}"),
                String.format(CALL_AT_900, cause), String.format(ORDER_AT_900, cause));
        }

        @Test
        void fillBetterThanBankruptcyPaysTheFeeCappedByTheSurplus()
        {
            final Driver d = longSeven(null);
            markTo900(d);
            // Fill 10 at 905 against the limit 900: realized 10 x (905 - 1,000) = -950, W = 50.
            // surplus = floor$(10 x (905 - 900) x 1) = 50; fee = min(ceil$(0.01 x N(10, 905) = 90.5), 50) = 50:
            // the fee is capped by the surplus. W = 0, fund 0 + 50 = 50 (insurance_fund names account 7).
            // Flat with W = 0: no deficit. LIQUIDATING, no order, no positions: done.
            assertOutputs(d.send(liquidationFill(11, 7, "sell", "10", "905", 1)),
                "{\"type\":\"insurance_fund\",\"ts\":11,\"cause\":5,\"account\":7,\"delta\":\"50\",\"balance\":\"50\"}",
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":5,\"account\":7}");
            assertEquals("0", query(d, 12, 7).get("wallet").textValue());
            assertEquals(0, d.model.fundBalance().compareTo(new BigDecimal("50")));
            assertEquals(0, d.model.totals().liquidationFees().compareTo(new BigDecimal("50")));
        }

        @Test
        void fillAtTheLimitPaysNoFeeAndEmitsNoFundEvent()
        {
            final Driver d = longSeven(null);
            markTo900(d);
            // Fill 10 at exactly 900: realized -1,000, W = 0; surplus 0, fee min(90, 0) = 0: no event.
            assertOutputs(d.send(liquidationFill(11, 7, "sell", "10", "900", 1)),
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":5,\"account\":7}");
        }

        @Test
        void fillWorseThanBankruptcyIsPaidByTheFund()
        {
            final Driver d = longSeven("500");
            markTo900(d);
            // Fill 10 at 880, below the limit 900: realized 10 x (880 - 1,000) = -1,200, W = -200.
            // surplus = max(0, floor$(10 x (880 - 900))) = 0: no fee. Flat with W = -200: the fund pays
            // min(200, 500) = 200 into it: insurance_fund {account 7, delta -200, balance 300}, W = 0.
            assertOutputs(d.send(liquidationFill(11, 7, "sell", "10", "880", 1)),
                "{\"type\":\"insurance_fund\",\"ts\":11,\"cause\":6,\"account\":7,\"delta\":\"-200\",\"balance\":\"300\"}",
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":6,\"account\":7}");
            assertEquals("0", query(d, 12, 7).get("wallet").textValue());
            assertEquals(0, d.model.totals().deficitsPaid().compareTo(new BigDecimal("200")));
        }

        @Test
        void aFundTooSmallPaysWhatItHasAndReportsTheShortfall()
        {
            final Driver d = longSeven("150");
            markTo900(d);
            // As above, W = -200 after the fill; the fund pays min(200, 150) = 150 and reports 200 - 150 = 50.
            assertOutputs(d.send(liquidationFill(11, 7, "sell", "10", "880", 1)),
                "{\"type\":\"insurance_fund\",\"ts\":11,\"cause\":6,\"account\":7,\"delta\":\"-150\",\"balance\":\"0\"," +
                    "\"shortfall\":\"50\"}",
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":6,\"account\":7}");
            assertEquals("-50", query(d, 12, 7).get("wallet").textValue());
        }

        @Test
        void anEmptyFundReportsTheWholeDeficitWithDeltaZero()
        {
            final Driver d = longSeven(null);
            markTo900(d);
            assertOutputs(d.send(liquidationFill(11, 7, "sell", "10", "880", 1)),
                "{\"type\":\"insurance_fund\",\"ts\":11,\"cause\":5,\"account\":7,\"delta\":\"0\",\"balance\":\"0\"," +
                    "\"shortfall\":\"200\"}",
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":5,\"account\":7}");
        }

        @Test
        void anOrdinaryFillThatLeavesALadderFlatAndNegativeIsCoveredToo()
        {
            final Driver d = longSeven("100");
            // Mark 950: E = 1,000 - 500 = 500 >= MM 475: NORMAL.
            d.quiet("{\"type\":\"mark\",\"ts\":10,\"instrument\":2,\"price\":\"950\"}");
            // The account closes at 880 itself, fee 5: realized 10 x (880 - 1,000) = -1,200, W = 1,000 - 1,200 - 5
            // = -205, flat. Not a liquidation fill, but the ladder is just as flat and negative: the fund pays
            // min(205, 100) = 100 and reports 105 short (the model's choice, see InsuranceFund).
            assertOutputs(d.send("{\"type\":\"fill\",\"ts\":11,\"account\":7,\"instrument\":2,\"side\":\"sell\"," +
                    "\"qty\":\"10\",\"price\":\"880\",\"fee\":\"5\"}"),
                "{\"type\":\"insurance_fund\",\"ts\":11,\"cause\":6,\"account\":7,\"delta\":\"-100\",\"balance\":\"0\"," +
                    "\"shortfall\":\"105\"}");
            assertEquals("-105", query(d, 12, 7).get("wallet").textValue());
        }

        @Test
        void expiryAfterAPartialFillIsTakenOverByTheFund()
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE);
            d.send("{\"type\":\"deposit\",\"ts\":1,\"account\":0,\"amount\":\"10000\"}");
            open(d, 2, 7, "1000");
            d.quiet(fill(4, 7, "buy", "10", "1000"));
            // Mark 890: uPnL = 10 x (890 - 1,000) = -1,100, E = -100; N = 8,900, MM = 445, IM = 890.
            // Called and liquidating; shortfall 890 - (-100) = 990. P(10): closing all at 890 leaves
            // E' = 1,000 - 1,100 - fee 89 = -189 < 0 = IM': whole position. BP = 9,000 / 10 = 900.
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":10,\"instrument\":2,\"price\":\"890\"}"),
                "{\"type\":\"margin_call\",\"ts\":10,\"cause\":5,\"account\":7,\"equity\":\"-100\",\"maintenance\":\"445\"," +
                    "\"initial\":\"890\",\"shortfall\":\"990\",\"deadline\":900000000010}",
                "{\"type\":\"liquidation_order\",\"ts\":10,\"cause\":5,\"orderId\":1,\"account\":7,\"instrument\":2," +
                    "\"side\":\"sell\",\"qty\":\"10\",\"price\":\"900\",\"isolated\":false}");
            // Partly filled: 4 at 895 (worse than the limit: surplus 0, no fee). Realized 4 x (895 - 1,000) = -420,
            // W = 580; 6 left at cost 6,000, not flat: no deficit rule; the order stays out (6 remaining).
            d.quiet(liquidationFill(11, 7, "sell", "4", "895", 1));
            // The 6 expire. Takeover test: the fund long 6 at 900 (cost 5,400), mark 890: uPnL = 5,340 - 5,400 = -60,
            // E = 10,000 - 60 = 9,940 >= IM = 0.1 x 5,340 = 534: the fund takes over.
            // Account 7 closes 6 at 900: realized 5,400 - 6,000 = -600, W = -20, flat: the fund pays 20
            // (insurance_fund {account 7, delta -20, balance 9,980}). The fund's own netting realizes nothing.
            // Then account 7: LIQUIDATING, no order, no positions: done.
            assertOutputs(d.send(expired(12, 1, 7, "6")),
                "{\"type\":\"insurance_fund\",\"ts\":12,\"cause\":7,\"account\":7,\"delta\":\"-20\",\"balance\":\"9980\"}",
                "{\"type\":\"liquidation_done\",\"ts\":12,\"cause\":7,\"account\":7}");
            final JsonNode fund = query(d, 13, 0);
            assertEquals("9980", fund.get("wallet").textValue());
            assertEquals("9920", fund.get("equity").textValue());                // 9,980 - 60
            assertEquals("NORMAL", fund.get("status").textValue());
            assertEquals("6", fund.get("positions").get(0).get("qty").textValue());
            assertEquals("900", fund.get("positions").get(0).get("entryPrice").textValue());
            assertEquals("0", query(d, 14, 7).get("wallet").textValue());
            // Realized PnL in total: -420 - 600 = -1,020 (the fund realized nothing).
            assertEquals(0, d.model.totals().realizedPnl().compareTo(new BigDecimal("-1020")));
        }

        @Test
        void expiryWithAnEmptyFundDeleveragesOppositePositionsInRankOrder()
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE);
            d.quiet("{\"type\":\"mark\",\"ts\":1,\"instrument\":2,\"price\":\"1000\"}");
            open(d, 2, 7, "1000");
            open(d, 4, 8, "1000");
            open(d, 6, 9, "1000");
            open(d, 8, 10, "1000");
            d.quiet(fill(20, 7, "buy", "10", "1000"));     // long 10, C 10,000
            d.quiet(fill(21, 8, "sell", "1", "1000"));     // short 1, C -1,000
            d.quiet(fill(22, 9, "sell", "8", "950"));      // short 8, C -7,600: at mark 1,000 E = 600 >= MM 400
            d.quiet(fill(23, 10, "sell", "3", "850"));     // short 3, C -2,550: at mark 1,000 E = 550 >= MM 150
            // Mark 900: account 7 called and liquidated as usual; the shorts gain or lose but stay above MM.
            final long cause = d.index;
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":10000,\"instrument\":2,\"price\":\"900\"}"),
                String.format(CALL_AT_900, cause).replace("\"ts\":10,", "\"ts\":10000,")
                    .replace("900000000010", "900000010000"),
                String.format(ORDER_AT_900, cause).replace("\"ts\":10,", "\"ts\":10000,"));
            // The order expires whole. Takeover test: the fund (balance 0) long 10 at 900, mark 900: E = 0 < IM 900.
            // ADL against the shorts, ranked at mark 900 from each one's own ladder:
            //   9:  uPnL = -7,200 + 7,600 = 400 > 0, E = 1,400, N = 7,200, |C x m| = 7,600:
            //       rank = (400 / 7,600) x (7,200 / 1,400) = 2,880,000 / 10,640,000 = 0.270676691... -> 0.27067669
            //   8:  uPnL = -900 + 1,000 = 100 > 0, E = 1,100, N = 900, |C x m| = 1,000:
            //       rank = (100 / 1,000) x (900 / 1,100) = 90,000 / 1,100,000 = 0.0818181... -> 0.08181818
            //   10: uPnL = -2,700 + 2,550 = -150 <= 0, E = 850, N = 2,700, |C x m| = 2,550:
            //       rank = (-150 / 2,550) / (2,700 / 850) = -127,500 / 6,885,000 = -0.0185185185... -> -0.01851851
            //       (truncated toward zero)
            // So 9, 8, 10 (not account-id order). Each takes min(rest, |q|) at L = 900:
            //   9 buys 8: realized -7,200 + 7,600 = 400, W9 = 1,400, flat. 7 sells 8: Cr = 8,000, realized -800, W7 = 200.
            //   8 buys 1: realized -900 + 1,000 = 100, W8 = 1,100, flat. 7 sells 1: Cr = 1,000, realized -100, W7 = 100.
            //   10 buys 1: Cr = ceil(-2,550 / 3) = -850, realized -900 + 850 = -50, W10 = 950, short 2 left (C -1,700).
            //   7 sells its last 1: realized -100, W7 = 0.
            // No deficit (W7 = 0). Evaluation in the global order: 7 done; 8, 9 flat; 10: E = 950 - 100 = 850 >= MM 90.
            assertOutputs(d.send(expired(10001, 1, 7, "10")),
                "{\"type\":\"adl\",\"ts\":10001,\"cause\":15,\"account\":9,\"instrument\":2,\"side\":\"buy\",\"qty\":\"8\"," +
                    "\"price\":\"900\",\"rank\":\"0.27067669\"}",
                "{\"type\":\"adl\",\"ts\":10001,\"cause\":15,\"account\":8,\"instrument\":2,\"side\":\"buy\",\"qty\":\"1\"," +
                    "\"price\":\"900\",\"rank\":\"0.08181818\"}",
                "{\"type\":\"adl\",\"ts\":10001,\"cause\":15,\"account\":10,\"instrument\":2,\"side\":\"buy\",\"qty\":\"1\"," +
                    "\"price\":\"900\",\"rank\":\"-0.01851851\"}",
                "{\"type\":\"liquidation_done\",\"ts\":10001,\"cause\":15,\"account\":7}");
            assertEquals("0", query(d, 10002, 7).get("wallet").textValue());
            assertEquals("1100", query(d, 10003, 8).get("wallet").textValue());
            assertEquals("1400", query(d, 10004, 9).get("wallet").textValue());
            final JsonNode ten = query(d, 10005, 10);
            assertEquals("950", ten.get("wallet").textValue());
            assertEquals("-2", ten.get("positions").get(0).get("qty").textValue());
            // Nothing reached the fund: no position, balance 0.
            assertEquals(0, query(d, 10006, 0).get("positions").size());
            // Realized: 7: -1,000; 9: +400; 8: +100; 10: -50. Total -550.
            assertEquals(0, d.model.totals().realizedPnl().compareTo(new BigDecimal("-550")));
        }

        @Test
        void isolatedLiquidationLeavesTheCrossPartUntouched()
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE);
            d.send("{\"type\":\"deposit\",\"ts\":1,\"account\":0,\"amount\":\"50\"}");
            open(d, 2, 7, "5000");
            d.quiet("{\"type\":\"margin_mode\",\"ts\":4,\"account\":7,\"instrument\":2,\"mode\":\"isolated\"}");
            d.quiet("{\"type\":\"isolated_margin\",\"ts\":5,\"account\":7,\"instrument\":2,\"amount\":\"1000\"}");
            d.quiet(fill(6, 7, "buy", "10", "1000"));
            // Cross: W = 4,000, no positions. Isolated: IWB = 1,000, long 10 at 1,000. Mark 900: isolated E = 0,
            // MM 450, IM 900: the isolated ladder is called and liquidated (BP = (10,000 - 1,000) / 10 = 900).
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":10,\"instrument\":2,\"price\":\"900\"}"),
                "{\"type\":\"margin_call\",\"ts\":10,\"cause\":7,\"account\":7,\"instrument\":2,\"equity\":\"0\"," +
                    "\"maintenance\":\"450\",\"initial\":\"900\",\"shortfall\":\"900\",\"deadline\":900000000010}",
                "{\"type\":\"liquidation_order\",\"ts\":10,\"cause\":7,\"orderId\":1,\"account\":7,\"instrument\":2," +
                    "\"side\":\"sell\",\"qty\":\"10\",\"price\":\"900\",\"isolated\":true}");
            // Filled at 880: realized -1,200, IWB = -200; no fee (no surplus). The isolated ladder is flat with a
            // negative wallet: the fund pays min(200, 50) = 50 into IWB and reports 150 short. The cross wallet
            // (4,000) is not touched: the isolated position's loss stops at its own margin.
            assertOutputs(d.send(liquidationFill(11, 7, "sell", "10", "880", 1)),
                "{\"type\":\"insurance_fund\",\"ts\":11,\"cause\":8,\"account\":7,\"delta\":\"-50\",\"balance\":\"0\"," +
                    "\"shortfall\":\"150\"}",
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":8,\"account\":7,\"instrument\":2}");
            final JsonNode state = query(d, 12, 7);
            assertEquals("4000", state.get("wallet").textValue());
            assertEquals("4000", state.get("equity").textValue());
            assertEquals("NORMAL", state.get("status").textValue());
            final JsonNode isolated = state.get("positions").get(0);
            assertEquals("0", isolated.get("qty").textValue());
            assertEquals("-150", isolated.get("isolatedMargin").textValue());
            assertEquals("NORMAL", isolated.get("status").textValue());
        }

        @Test
        void everyOtherChangeOfTheFundBalanceIsReportedToo()
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE);
            d.send("{\"type\":\"deposit\",\"ts\":1,\"account\":0,\"amount\":\"10000\"}");
            d.quiet("{\"type\":\"mark\",\"ts\":2,\"instrument\":2,\"price\":\"1000\"}");
            open(d, 3, 7, "1000");
            open(d, 5, 8, "1000");
            d.quiet(fill(7, 7, "buy", "10", "1000"));
            d.quiet(fill(8, 8, "sell", "10", "1000"));
            // Mark 1,100: account 8 (short 10 at 1,000) has E = 1,000 - 1,000 = 0, MM 550, IM 1,100: called and
            // liquidated. P(10): closing all at 1,100 leaves -1,000 realized and a fee of 110: E' < 0, whole.
            // Short BP = (W - C x m) / Q = (1,000 + 10,000) / 10 = 1,100, a buy rounded down: 1,100.
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":10,\"instrument\":2,\"price\":\"1100\"}"),
                "{\"type\":\"margin_call\",\"ts\":10,\"cause\":9,\"account\":8,\"equity\":\"0\",\"maintenance\":\"550\"," +
                    "\"initial\":\"1100\",\"shortfall\":\"1100\",\"deadline\":900000000010}",
                "{\"type\":\"liquidation_order\",\"ts\":10,\"cause\":9,\"orderId\":1,\"account\":8,\"instrument\":2," +
                    "\"side\":\"buy\",\"qty\":\"10\",\"price\":\"1100\",\"isolated\":false}");
            // Expired: the fund short 10 at 1,100, mark 1,100: E = 10,000 >= IM 1,100: takeover. Account 8 closes
            // at 1,100: realized -1,000, W8 = 0: done. The fund's balance does not move: no insurance_fund.
            assertOutputs(d.send(expired(11, 1, 8, "10")),
                "{\"type\":\"liquidation_done\",\"ts\":11,\"cause\":10,\"account\":8}");
            // Funding at rate 0.001 on N = 11,000: the long (7) pays 11, the fund's short pays ceil$(-11) = -11,
            // i.e. receives 11: insurance_fund {account 0 (no counterparty), delta 11, balance 10,011}.
            assertOutputs(d.send("{\"type\":\"funding\",\"ts\":12,\"instrument\":2,\"rate\":\"0.001\"}"),
                "{\"type\":\"insurance_fund\",\"ts\":12,\"cause\":11,\"account\":0,\"delta\":\"11\",\"balance\":\"10011\"}");
            // Mark 900: account 7 (long 10 at 1,000, W = 1,000 - 11 = 989): E = -11, MM 450, IM 900: called
            // (shortfall 911) and liquidated. BP = (10,000 - 989) / 10 = 901.1, a sell rounded up: 901.1.
            // The fund (short 10 at 1,100, uPnL +2,000) is never evaluated.
            assertOutputs(d.send("{\"type\":\"mark\",\"ts\":13,\"instrument\":2,\"price\":\"900\"}"),
                "{\"type\":\"margin_call\",\"ts\":13,\"cause\":12,\"account\":7,\"equity\":\"-11\",\"maintenance\":\"450\"," +
                    "\"initial\":\"900\",\"shortfall\":\"911\",\"deadline\":900000000013}",
                "{\"type\":\"liquidation_order\",\"ts\":13,\"cause\":12,\"orderId\":2,\"account\":7,\"instrument\":2," +
                    "\"side\":\"sell\",\"qty\":\"10\",\"price\":\"901.1\",\"isolated\":false}");
            // Expired: the fund nets +10 at 901.1 into its short 10 at cost -11,000: it closes it, realizing
            // -9,011 + 11,000 = 1,989, and is flat: E = 10,011 + 1,989 = 12,000 >= IM 0: takeover. Account 7
            // closes 10 at 901.1: realized 9,011 - 10,000 = -989, W7 = 0. The fund's balance moves by the PnL it
            // realized: insurance_fund {account 7 (the other party), delta 1,989, balance 12,000}.
            assertOutputs(d.send(expired(14, 2, 7, "10")),
                "{\"type\":\"insurance_fund\",\"ts\":14,\"cause\":13,\"account\":7,\"delta\":\"1989\",\"balance\":\"12000\"}",
                "{\"type\":\"liquidation_done\",\"ts\":14,\"cause\":13,\"account\":7}");
            // A withdrawal from the fund is reported as well.
            assertOutputs(d.send("{\"type\":\"withdraw\",\"ts\":15,\"account\":0,\"amount\":\"2000\"}"),
                "{\"type\":\"insurance_fund\",\"ts\":15,\"cause\":14,\"account\":0,\"delta\":\"-2000\",\"balance\":\"10000\"}");
        }
    }

    /** Opens account 7 with {@code wallet} on BTC_TIERS. */
    private static Driver btcAccount(final String wallet)
    {
        final Driver d = new Driver();
        d.quiet(BTC_TIERS);
        d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
        d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"" + wallet + "\"}");
        return d;
    }

    @Nested
    class Fills
    {
        @Test
        void flipRealizesTheClosedPartAndOpensTheRestAtTheFillPrice()
        {
            final Driver d = btcAccount("10000");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"2\"," +
                "\"price\":\"100\",\"fee\":\"0\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":4,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"1\"," +
                "\"price\":\"130\",\"fee\":\"0\"}");
            // q = 3, C = 200 + 130 = 330 (entry 110). Sell 5 at 120, fee 0.5:
            // k = 3, Cr = 330, realized = 3 x 120 - 330 = 30; the other 2 open short at 120 (C = -240).
            // W = 10,000 + 30 - 0.5 = 10,029.5; mark = last fill 120, uPnL = -2 x 120 + 240 = 0.
            d.quiet("{\"type\":\"fill\",\"ts\":5,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"5\"," +
                "\"price\":\"120\",\"fee\":\"0.5\"}");
            final JsonNode state = parse(d.send("{\"type\":\"query\",\"ts\":6,\"account\":7}").get(0));
            assertEquals("10029.5", state.get("wallet").textValue());
            assertEquals("10029.5", state.get("equity").textValue());
            final JsonNode position = state.get("positions").get(0);
            assertEquals("-2", position.get("qty").textValue());
            assertEquals("120", position.get("entryPrice").textValue());
            assertEquals("0", position.get("upnl").textValue());
            assertEquals(0, d.model.totals().realizedPnl().compareTo(new BigDecimal("30")));
            assertEquals(0, d.model.totals().fees().compareTo(new BigDecimal("0.5")));
        }

        @Test
        void partialCloseRemovesCostRoundedUpAndRealizesRoundedDown()
        {
            final Driver d = btcAccount("1000");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.001\"," +
                "\"price\":\"100.01\",\"fee\":\"0\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":4,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.002\"," +
                "\"price\":\"100.02\",\"fee\":\"0\"}");
            // C = 0.10001 + 0.20004 = 0.30005 (scale 5), q = 0.003; entry = 100.0166666... truncated to
            // priceScale + 4 = 6 places: 100.016666.
            final JsonNode before = parse(d.send("{\"type\":\"query\",\"ts\":5,\"account\":7}").get(0));
            assertEquals("100.016666", before.get("positions").get(0).get("entryPrice").textValue());
            // Sell 0.001 at 100: Cr = ceil(0.30005 / 3 = 0.100016...) = 0.10002;
            // realized = floor$(0.001 x 100 - 0.10002) = -0.00002. Left: q 0.002, C 0.20003, entry 100.015.
            d.quiet("{\"type\":\"fill\",\"ts\":6,\"account\":7,\"instrument\":1,\"side\":\"sell\",\"qty\":\"0.001\"," +
                "\"price\":\"100\",\"fee\":\"0\"}");
            final JsonNode after = parse(d.send("{\"type\":\"query\",\"ts\":7,\"account\":7}").get(0));
            assertEquals("999.99998", after.get("wallet").textValue());
            assertEquals("100.015", after.get("positions").get(0).get("entryPrice").textValue());
            // mark = last fill 100: uPnL = floor$(0.002 x 100 - 0.20003) = -0.00003.
            assertEquals("-0.00003", after.get("positions").get(0).get("upnl").textValue());
        }

        @Test
        void trailingZerosPastTheScaleAreAcceptedAndBareNumbersReadExactly()
        {
            final Driver d = btcAccount("1000");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":0.01," +
                "\"price\":\"60000.000\",\"fee\":0}");
            final JsonNode position = parse(d.send("{\"type\":\"query\",\"ts\":4,\"account\":7}").get(0))
                .get("positions").get(0);
            assertEquals("0.01", position.get("qty").textValue());
            assertEquals("60000", position.get("entryPrice").textValue());
        }
    }

    @Nested
    class Funding
    {
        @Test
        void payerRoundsUpReceiverRoundsDown()
        {
            final Driver d = btcAccount("100");
            d.quiet("{\"type\":\"account\",\"ts\":3,\"account\":8}");
            d.quiet("{\"type\":\"deposit\",\"ts\":4,\"account\":8,\"amount\":\"100\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":5,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.003\"," +
                "\"price\":\"33333.33\",\"fee\":\"0\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":6,\"account\":8,\"instrument\":1,\"side\":\"sell\",\"qty\":\"0.003\"," +
                "\"price\":\"33333.33\",\"fee\":\"0\"}");
            // N = ceil$(0.003 x 33,333.33) = 99.99999 (exact); rate x N = 0.0001 x 99.99999 = 0.009999999.
            // Long pays ceil$(0.009999999) = 0.01; short pays ceil$(-0.009999999) = -0.00999999 (receives 0.00999999).
            d.quiet("{\"type\":\"funding\",\"ts\":7,\"instrument\":1,\"rate\":\"0.0001\"}");
            assertEquals("99.99", parse(d.send("{\"type\":\"query\",\"ts\":8,\"account\":7}").get(0))
                .get("wallet").textValue());
            assertEquals("100.00999999", parse(d.send("{\"type\":\"query\",\"ts\":9,\"account\":8}").get(0))
                .get("wallet").textValue());
            // Funding paid in total: 0.01 - 0.00999999 = 0.00000001 (left the wallets).
            assertEquals(0, d.model.totals().fundingPaid().compareTo(new BigDecimal("0.00000001")));
            // Negative rate: the short pays ceil$(0.009999999) = 0.01, the long receives 0.00999999.
            d.quiet("{\"type\":\"funding\",\"ts\":10,\"instrument\":1,\"rate\":\"-0.0001\"}");
            assertEquals("99.99999999", parse(d.send("{\"type\":\"query\",\"ts\":11,\"account\":7}").get(0))
                .get("wallet").textValue());
            assertEquals("99.99999999", parse(d.send("{\"type\":\"query\",\"ts\":12,\"account\":8}").get(0))
                .get("wallet").textValue());
        }

        @Test
        void paymentIsOnTheNotionalRoundedUpToTheMoneyUnit()
        {
            final Driver d = new Driver();
            d.quiet("{\"type\":\"instrument\",\"ts\":0,\"instrument\":3,\"symbol\":\"TINY\",\"priceScale\":2," +
                "\"qtyScale\":3,\"multiplier\":\"0.0001\",\"liquidationFeeRate\":\"0\",\"tiers\":[" +
                "{\"floor\":\"0\",\"imr\":\"0.1\",\"mmr\":\"0.05\"}]}");
            d.quiet("{\"type\":\"account\",\"ts\":1,\"account\":7}");
            d.quiet("{\"type\":\"deposit\",\"ts\":2,\"account\":7,\"amount\":\"100\"}");
            d.quiet("{\"type\":\"account\",\"ts\":3,\"account\":8}");
            d.quiet("{\"type\":\"deposit\",\"ts\":4,\"account\":8,\"amount\":\"100\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":5,\"account\":7,\"instrument\":3,\"side\":\"buy\",\"qty\":\"0.001\"," +
                "\"price\":\"1.23\",\"fee\":\"0\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":6,\"account\":8,\"instrument\":3,\"side\":\"sell\",\"qty\":\"0.001\"," +
                "\"price\":\"1.23\",\"fee\":\"0\"}");
            // |q| x mark x m = 0.001 x 1.23 x 0.0001 = 0.000000123, so N = ceil$ = 0.00000013 (RULES section 2).
            // Rate 1: the long pays ceil$(+1 x 0.00000013) = 0.00000013; the short pays ceil$(-1 x 0.00000013)
            // = -0.00000013, i.e. receives 0.00000013. (On the unrounded notional the short would receive
            // only 0.00000012.)
            d.quiet("{\"type\":\"funding\",\"ts\":7,\"instrument\":3,\"rate\":\"1\"}");
            assertEquals(0, d.model.crossWallet(7).compareTo(new BigDecimal("99.99999987")));
            assertEquals(0, d.model.crossWallet(8).compareTo(new BigDecimal("100.00000013")));
            assertEquals(0, d.model.totals().fundingPaid().signum());
        }
    }

    @Nested
    class Check
    {
        @Test
        void reducingIsAcceptedIncreasingNeedsInitialMargin()
        {
            final Driver d = btcAccount("500");
            d.quiet("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.02\"," +
                "\"price\":\"50000\",\"fee\":\"0\"}");
            // Buy 1 more at 50,000: q = 1.02, N = 51,000 (tier 1), IM = 510 - 100 = 410 <= E = 500: accepted.
            assertOutputs(d.send("{\"type\":\"check\",\"ts\":4,\"account\":7,\"instrument\":1,\"side\":\"buy\"," +
                    "\"qty\":\"1\",\"price\":\"50000\"}"),
                "{\"type\":\"check_result\",\"ts\":4,\"cause\":4,\"account\":7,\"instrument\":1,\"accepted\":true," +
                    "\"code\":\"ACCEPTED\"}");
            // Buy 1.5 more: q = 1.52, N = 76,000, IM = 760 - 100 = 660 > 500: refused.
            assertOutputs(d.send("{\"type\":\"check\",\"ts\":5,\"account\":7,\"instrument\":1,\"side\":\"buy\"," +
                    "\"qty\":\"1.5\",\"price\":\"50000\"}"),
                "{\"type\":\"check_result\",\"ts\":5,\"cause\":5,\"account\":7,\"instrument\":1,\"accepted\":false," +
                    "\"code\":\"INSUFFICIENT_MARGIN\"}");
            // Bought at a worse price the check counts the loss at the held mark: buy 0.5 at 51,000 ->
            // q = 0.52, C = 1,000 + 25,500 = 26,500, uPnL at mark 50,000 = 26,000 - 26,500 = -500: E = 0 < IM 208.
            assertEquals("INSUFFICIENT_MARGIN", parse(d.send("{\"type\":\"check\",\"ts\":6,\"account\":7," +
                "\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.5\",\"price\":\"51000\"}").get(0)).get("code").textValue());
            // Put the account in MARGIN_CALL: mark 25,100 -> uPnL = 0.02 x (25,100 - 50,000) = -498, E = 2;
            // N = 502, MM = 502 x 0.004 = 2.008 (exact at 8 places). 2 < 2.008: called;
            // 2 >= 0.8 x 2.008 = 1.6064: not liquidating.
            final List<String> call = d.send("{\"type\":\"mark\",\"ts\":7,\"instrument\":1,\"price\":\"25100\"}");
            assertEquals("margin_call", parse(call.get(0)).get("type").textValue());
            assertEquals("2.008", parse(call.get(0)).get("maintenance").textValue());
            // Reducing is still accepted; increasing is refused with NOT_ALLOWED.
            assertEquals("ACCEPTED", parse(d.send("{\"type\":\"check\",\"ts\":8,\"account\":7,\"instrument\":1," +
                "\"side\":\"sell\",\"qty\":\"0.02\",\"price\":\"25100\"}").get(0)).get("code").textValue());
            assertEquals("NOT_ALLOWED", parse(d.send("{\"type\":\"check\",\"ts\":9,\"account\":7,\"instrument\":1," +
                "\"side\":\"sell\",\"qty\":\"0.021\",\"price\":\"25100\"}").get(0)).get("code").textValue());
        }
    }

    @Nested
    class Rejects
    {
        @Test
        void badInputDecodeAndValueRange()
        {
            final Driver d = btcAccount("100");
            // Missing field: the edge cannot decode it.
            assertOutputs(d.send("{\"type\":\"deposit\",\"ts\":3,\"account\":7}"),
                "{\"type\":\"reject\",\"ts\":3,\"cause\":3,\"code\":\"BAD_INPUT\",\"input\":\"deposit\"}");
            // Decodes, but an amount must be above 0.
            assertEquals("BAD_INPUT", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":4,\"account\":7,\"amount\":\"0\"}")));
            assertEquals("BAD_INPUT", rejectCode(d.send("{\"type\":\"withdraw\",\"ts\":5,\"account\":7,\"amount\":\"-1\"}")));
            assertEquals("BAD_INPUT", rejectCode(d.send("{\"type\":\"fill\",\"ts\":6,\"account\":7,\"instrument\":1," +
                "\"side\":\"hold\",\"qty\":\"1\",\"price\":\"1\",\"fee\":\"0\"}")));
            assertEquals("BAD_INPUT", rejectCode(d.send("{\"type\":\"params\",\"ts\":7,\"liquidationLevel\":\"1.5\"}")));
        }

        @Test
        void badNumber()
        {
            final Driver d = btcAccount("100");
            // qtyScale 3: a fourth non-zero decimal is rejected, never rounded.
            assertEquals("BAD_NUMBER", rejectCode(d.send("{\"type\":\"fill\",\"ts\":3,\"account\":7,\"instrument\":1," +
                "\"side\":\"buy\",\"qty\":\"0.0001\",\"price\":\"100\",\"fee\":\"0\"}")));
            // Money has 8 places.
            assertEquals("BAD_NUMBER", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":4,\"account\":7," +
                "\"amount\":\"0.000000001\"}")));
            // Not decimal text.
            assertEquals("BAD_NUMBER", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":5,\"account\":7,\"amount\":\"1e5\"}")));
            assertEquals("BAD_NUMBER", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":6,\"account\":7,\"amount\":\"+5\"}")));
        }

        @Test
        void overflow()
        {
            final Driver d = btcAccount("100");
            // 100,000,000,000 at scale 8 is 1e19 > 2^63 - 1 = 9.22e18.
            assertEquals("OVERFLOW", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":3,\"account\":7," +
                "\"amount\":\"100000000000\"}")));
            // A mantissa that does not fit 64 bits even as written.
            assertEquals("OVERFLOW", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":4,\"account\":7," +
                "\"amount\":\"99999999999999999999\"}")));
            // Two deposits of 50,000,000,000 fit one by one, not together: 1e19 > 9.22e18.
            d.quiet("{\"type\":\"deposit\",\"ts\":5,\"account\":7,\"amount\":\"50000000000\"}");
            assertEquals("OVERFLOW", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":6,\"account\":7," +
                "\"amount\":\"50000000000\"}")));
            // The rejected deposit changed nothing: 100 + 50,000,000,000.
            assertEquals("50000000100", parse(d.send("{\"type\":\"query\",\"ts\":7,\"account\":7}").get(0))
                .get("wallet").textValue());
        }

        @Test
        void timeBackwardsAndDuplicateDoNotMoveTime()
        {
            final Driver d = btcAccount("100");
            d.quiet("{\"type\":\"clock\",\"ts\":10,\"seq\":5}");
            assertEquals("TIME_BACKWARDS", rejectCode(d.send("{\"type\":\"clock\",\"ts\":9}")));
            assertEquals("DUPLICATE", rejectCode(d.send("{\"type\":\"clock\",\"ts\":11,\"seq\":5}")));
            assertEquals("DUPLICATE", rejectCode(d.send("{\"type\":\"clock\",\"ts\":11,\"seq\":4}")));
            // Another source has its own sequence.
            d.quiet("{\"type\":\"clock\",\"ts\":11,\"seq\":1,\"source\":2}");
            // The duplicate at ts 11 did not move time and a TIME_BACKWARDS input records no seq: seq 6 at ts 10 is fine.
            d.quiet("{\"type\":\"clock\",\"ts\":11,\"seq\":6}");
            assertEquals("TIME_BACKWARDS", rejectCode(d.send("{\"type\":\"clock\",\"ts\":10,\"seq\":7}")));
            d.quiet("{\"type\":\"clock\",\"ts\":11,\"seq\":7}");
        }

        @Test
        void unknownIdsAndAlreadyExists()
        {
            final Driver d = btcAccount("100");
            assertEquals("UNKNOWN_ACCOUNT", rejectCode(d.send("{\"type\":\"deposit\",\"ts\":3,\"account\":99,\"amount\":\"1\"}")));
            assertEquals("UNKNOWN_ACCOUNT", rejectCode(d.send("{\"type\":\"query\",\"ts\":4,\"account\":99}")));
            assertEquals("UNKNOWN_INSTRUMENT", rejectCode(d.send("{\"type\":\"mark\",\"ts\":5,\"instrument\":9,\"price\":\"1\"}")));
            assertEquals("UNKNOWN_INSTRUMENT", rejectCode(d.send("{\"type\":\"fill\",\"ts\":6,\"account\":7,\"instrument\":9," +
                "\"side\":\"buy\",\"qty\":\"1\",\"price\":\"1\",\"fee\":\"0\"}")));
            assertEquals("ALREADY_EXISTS", rejectCode(d.send("{\"type\":\"account\",\"ts\":7,\"account\":7}")));
            assertEquals("ALREADY_EXISTS", rejectCode(d.send("{\"type\":\"account\",\"ts\":8,\"account\":0}")));
            assertEquals("ALREADY_EXISTS", rejectCode(d.send(BTC_TIERS.replace("\"ts\":0", "\"ts\":9"))));
        }

        @Test
        void capacity()
        {
            // Room for the fund and one account, one instrument, one position.
            final Driver d = new Driver(new ReferenceModel(2, 1, 1));
            d.quiet(BTC_TIERS);
            assertEquals("CAPACITY", rejectCode(d.send(SIMPLE.replace("\"ts\":0", "\"ts\":1"))));
            d.quiet("{\"type\":\"account\",\"ts\":2,\"account\":7}");
            assertEquals("CAPACITY", rejectCode(d.send("{\"type\":\"account\",\"ts\":3,\"account\":8}")));
            d.quiet("{\"type\":\"deposit\",\"ts\":4,\"account\":7,\"amount\":\"1000\"}");
            d.quiet("{\"type\":\"fill\",\"ts\":5,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.001\"," +
                "\"price\":\"100\",\"fee\":\"0\"}");
        }

        @Test
        void insufficientFundsMarginAndNotAllowed()
        {
            final Driver d = btcAccount("500");
            assertEquals("INSUFFICIENT_FUNDS", rejectCode(d.send("{\"type\":\"withdraw\",\"ts\":3,\"account\":7," +
                "\"amount\":\"500.00000001\"}")));
            d.quiet("{\"type\":\"fill\",\"ts\":4,\"account\":7,\"instrument\":1,\"side\":\"buy\",\"qty\":\"0.02\"," +
                "\"price\":\"50000\",\"fee\":\"0\"}");
            // E = 500, IM = 8: withdrawing 492 leaves exactly IM (accepted), one unit more does not.
            assertEquals("INSUFFICIENT_MARGIN", rejectCode(d.send("{\"type\":\"withdraw\",\"ts\":5,\"account\":7," +
                "\"amount\":\"492.00000001\"}")));
            d.quiet("{\"type\":\"withdraw\",\"ts\":6,\"account\":7,\"amount\":\"492\"}");
            // An open position blocks a mode change; an instrument not isolated takes no isolated margin.
            assertEquals("NOT_ALLOWED", rejectCode(d.send("{\"type\":\"margin_mode\",\"ts\":7,\"account\":7," +
                "\"instrument\":1,\"mode\":\"isolated\"}")));
            assertEquals("NOT_ALLOWED", rejectCode(d.send("{\"type\":\"isolated_margin\",\"ts\":8,\"account\":7," +
                "\"instrument\":1,\"amount\":\"1\"}")));
            // Setting the mode it already has is accepted, even with a position.
            d.quiet("{\"type\":\"margin_mode\",\"ts\":9,\"account\":7,\"instrument\":1,\"mode\":\"cross\"}");
        }

        @Test
        void priceGuard()
        {
            final Driver d = new Driver();
            d.quiet(SIMPLE.replace("\"instrument\":2,", "\"instrument\":2,\"maxMarkMoveRate\":\"0.1\","));
            // The first mark has no last mark to compare with.
            d.quiet("{\"type\":\"mark\",\"ts\":1,\"instrument\":2,\"price\":\"100\"}");
            // |111 - 100| = 11 > 0.1 x 100 = 10: refused; 110 moves exactly 10: accepted.
            assertEquals("PRICE_GUARD", rejectCode(d.send("{\"type\":\"mark\",\"ts\":2,\"instrument\":2,\"price\":\"111\"}")));
            d.quiet("{\"type\":\"mark\",\"ts\":3,\"instrument\":2,\"price\":\"110\"}");
            // Measured from the last mark (110): 98.99 moves 11.01 > 11: refused.
            assertEquals("PRICE_GUARD", rejectCode(d.send("{\"type\":\"mark\",\"ts\":4,\"instrument\":2,\"price\":\"98.99\"}")));
        }

        @Test
        void unknownTypeIsSkippedWithoutOutput()
        {
            final Driver d = new Driver();
            d.quiet("{\"type\":\"teleport\",\"ts\":1}");
            d.quiet("{\"ts\":1}");
        }
    }
}
