package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random input streams aimed at the trigger index (docs/SURVEILLANCE.md): many instruments per
 * cross account (up to six positions each), tier floors placed where positions sit, isolated
 * positions, marks that creep a tick at a time, crash, rally, jump back, or land exactly on (or
 * one tick past) a band edge the index has armed, prices moved by fills before the first mark,
 * stale and resumed prices, funding, deposits and withdrawals, params changes (call levels from 1
 * to 100, cure levels below the call level), and answers to every liquidation order (fills,
 * partial fills, expiries that go to the fund or to ADL). It watches the outputs of the model it
 * leads to answer liquidation orders; positions are tracked roughly, only to size fills.
 */
final class SurveillanceStreamGenerator
{
    static final int MAX_ACCOUNTS = 24;
    static final int MAX_INSTRUMENTS = 8;
    static final int MAX_POSITIONS_PER_ACCOUNT = 6;

    /** Band edges the index has armed on an instrument, to aim ticks at; may be empty. */
    interface EdgeOracle
    {
        List<Long> edges(int instrumentId);
    }

    private record Order(long orderId, long account, int instrument, boolean sell, long lots, BigDecimal price)
    {
    }

    private static final long START_TS = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;
    private final int length;
    private final EdgeOracle oracle;
    private int emitted;
    private long now = START_TS;
    private final Deque<Supplier<ObjectNode>> queue = new ArrayDeque<>();
    private final List<GeneratedInstrument> instruments = new ArrayList<>();
    private final Map<Integer, List<BigDecimal>> seen = new HashMap<>();
    private final List<Long> accounts = new ArrayList<>(List.of(0L));
    private final Map<Long, BigDecimal> wallets = new HashMap<>();
    private final Map<String, Long> positions = new HashMap<>();
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private Runnable onAccepted;

    SurveillanceStreamGenerator(final long seed, final int length, final EdgeOracle oracle)
    {
        this.random = new Random(seed);
        this.length = length;
        this.oracle = oracle;
        planSetup();
    }

    boolean hasNext()
    {
        return emitted < length;
    }

    long now()
    {
        return now;
    }

    List<Long> accounts()
    {
        return List.copyOf(accounts);
    }

    /** The next input, after taking in what the leading model answered to the previous one. */
    JsonNode next(final List<JsonNode> outputsOfLastInput)
    {
        observe(outputsOfLastInput);
        emitted++;
        return queue.isEmpty() ? randomInput() : queue.poll().get();
    }

    private void observe(final List<JsonNode> outputs)
    {
        boolean rejected = false;
        for (final JsonNode output : outputs)
        {
            final String type = output.path("type").asText();
            if ("reject".equals(type))
            {
                rejected = true;
            }
            else if ("liquidation_order".equals(type))
            {
                final GeneratedInstrument instrument = instrument(output.get("instrument").intValue());
                orders.put(output.get("orderId").longValue(), new Order(output.get("orderId").longValue(),
                    output.get("account").longValue(), instrument.id, "sell".equals(output.get("side").textValue()),
                    instrument.lots(new BigDecimal(output.get("qty").textValue())), new BigDecimal(output.get("price").textValue())));
            }
            else if ("adl".equals(type))
            {
                final GeneratedInstrument instrument = instrument(output.get("instrument").intValue());
                final long lots = instrument.lots(new BigDecimal(output.get("qty").textValue()));
                addLots(output.get("account").longValue(), instrument.id, "buy".equals(output.get("side").textValue()) ? lots : -lots);
            }
        }
        if (onAccepted != null && !rejected)
        {
            onAccepted.run();
        }
        onAccepted = null;
    }

    // ------------------------------------------------------------------ setup

    private void planSetup()
    {
        final int instrumentCount = 3 + random.nextInt(4);
        for (int i = 1; i <= instrumentCount; i++)
        {
            final GeneratedInstrument instrument = newInstrument(i);
            instruments.add(instrument);
            queue.add(() -> defineInstrument(instrument));
        }
        if (random.nextBoolean())
        {
            queue.add(this::params);
        }
        final int accountCount = 6 + random.nextInt(14);
        for (int i = 0; i < accountCount; i++)
        {
            final long id = 1 + i;
            queue.add(() -> account(id));
            queue.add(() -> deposit(id, new BigDecimal(pick("1000", "5000", "20000", "50000")).multiply(BigDecimal.valueOf(0.5 + random.nextDouble()))));
        }
        if (random.nextInt(3) > 0)
        {
            queue.add(() -> deposit(0L, new BigDecimal(pick("1000", "100000", "10000000"))));
        }
        for (final GeneratedInstrument instrument : instruments)
        {
            if (random.nextInt(10) < 7)
            {
                queue.add(() -> mark(instrument));
            }
        }
        for (int i = 0; i < accountCount; i++)
        {
            final long id = 1 + i;
            if (random.nextInt(4) == 0)
            {
                final GeneratedInstrument instrument = anyInstrument();
                queue.add(() -> marginMode(id, instrument, true));
                queue.add(() -> isolatedMargin(id, instrument, BigDecimal.valueOf(100 + random.nextInt(3000))));
            }
            final int opened = 1 + random.nextInt(MAX_POSITIONS_PER_ACCOUNT);
            for (int k = 0; k < opened; k++)
            {
                queue.add(() -> fill(id));
            }
        }
    }

    private GeneratedInstrument newInstrument(final int id)
    {
        final int priceScale = random.nextInt(4);
        final int qtyScale = random.nextInt(4);
        final BigDecimal multiplier = new BigDecimal(pick("1", "1", "1", "0.1", "10", "0.01"));
        final BigDecimal start = BigDecimal.TEN.pow(1 + random.nextInt(4)).multiply(BigDecimal.valueOf(1 + random.nextInt(9)))
            .divide(multiplier, 8, RoundingMode.HALF_UP);
        final GeneratedInstrument instrument = new GeneratedInstrument(id, priceScale, qtyScale, multiplier,
            random.nextInt(10) == 0, null);
        instrument.price = instrument.toTick(start.max(BigDecimal.ONE.movePointLeft(priceScale).movePointRight(2)));
        return instrument;
    }

    /** Tiers whose floors sit where the generated positions' notionals are (1,000 to a few million). */
    private ObjectNode defineInstrument(final GeneratedInstrument instrument)
    {
        final ObjectNode node = begin("instrument");
        node.put("instrument", instrument.id);
        node.put("symbol", "S" + instrument.id);
        node.put("priceScale", instrument.priceScale);
        node.put("qtyScale", instrument.qtyScale);
        node.put("multiplier", text(instrument.multiplier));
        BigDecimal mmr = new BigDecimal(pick("0.004", "0.01", "0.02", "0.05"));
        BigDecimal imr = mmr.multiply(new BigDecimal(pick("1.5", "2", "3")));
        node.put("liquidationFeeRate", text(new BigDecimal(pick("0", "0.001", "0.005")).min(imr.divide(BigDecimal.valueOf(2)))));
        if (random.nextInt(100) < 40)
        {
            node.put("staleAfterNs", (30 + random.nextInt(300)) * SECOND);
        }
        if (instrument.guarded)
        {
            node.put("maxMarkMoveRate", "0.5");
        }
        final int tierCount = 1 + random.nextInt(6);
        BigDecimal floor = new BigDecimal(pick("2000", "10000", "50000", "200000"));
        for (int t = 0; t < tierCount; t++)
        {
            final ObjectNode tier = node.withArray("tiers").addObject();
            tier.put("floor", t == 0 ? "0" : text(floor));
            tier.put("imr", text(imr));
            tier.put("mmr", text(mmr));
            if (t > 0)
            {
                floor = floor.multiply(new BigDecimal(pick("2", "3", "5")));
            }
            mmr = mmr.multiply(new BigDecimal(pick("1.25", "1.5", "2"))).setScale(8, RoundingMode.HALF_UP);
            imr = imr.max(mmr.multiply(BigDecimal.valueOf(2))).min(BigDecimal.ONE);
            if (mmr.compareTo(imr) >= 0)
            {
                break;
            }
        }
        onAccepted = () -> instrument.defined = true;
        return node;
    }

    // ------------------------------------------------------------------ the random phase

    private ObjectNode randomInput()
    {
        if (!orders.isEmpty() && random.nextInt(100) < 40)
        {
            return answerLiquidation();
        }
        final int r = random.nextInt(100);
        if (r < 40)
        {
            return mark(anyInstrument());
        }
        if (r < 58)
        {
            return fill(trader());
        }
        if (r < 62)
        {
            return deposit(trader(), BigDecimal.valueOf(1 + random.nextInt(5000)));
        }
        if (r < 66)
        {
            return withdraw(trader());
        }
        if (r < 69)
        {
            return marginMode(trader(), anyInstrument(), random.nextBoolean());
        }
        if (r < 72)
        {
            return isolatedMargin(trader(), anyInstrument(), BigDecimal.valueOf(random.nextInt(4000) - 1000));
        }
        if (r < 75)
        {
            return funding();
        }
        if (r < 78)
        {
            return params();
        }
        if (r < 86)
        {
            return clock();
        }
        if (r < 90)
        {
            return check();
        }
        if (r < 92)
        {
            return query(pickFrom(accounts));
        }
        if (r < 94 && accounts.size() < MAX_ACCOUNTS + 2)
        {
            final long id = 1 + accounts.size() + random.nextInt(3);
            queue.add(() -> deposit(id, BigDecimal.valueOf(500 + random.nextInt(20000))));
            return account(id);
        }
        if (r < 95 && instruments.size() < MAX_INSTRUMENTS)
        {
            final GeneratedInstrument instrument = newInstrument(instruments.size() + 1);
            instruments.add(instrument);
            return defineInstrument(instrument);
        }
        return fill(trader());
    }

    /**
     * A mark: a tick or three, a small or medium move, a crash or a rally, a jump back to a price
     * seen before, or a band edge the index has armed (on it or one tick past it).
     */
    private ObjectNode mark(final GeneratedInstrument instrument)
    {
        final BigDecimal tick = BigDecimal.ONE.movePointLeft(instrument.priceScale);
        final int r = random.nextInt(100);
        BigDecimal price;
        final List<Long> edges = oracle == null ? List.of() : oracle.edges(instrument.id);
        final long current = instrument.price.movePointRight(instrument.priceScale).longValue();
        final List<Long> near = edges.stream().filter(e -> random.nextInt(50) == 0 || e / 4 <= current && current / 4 <= e).toList();
        if (r < 25 && !near.isEmpty())
        {
            final long edge = near.get(random.nextInt(near.size())) + random.nextInt(3) - 1;
            price = BigDecimal.valueOf(Math.max(1, edge), instrument.priceScale);
        }
        else if (r < 27)
        {
            // far out of any sane range, where positions' figures leave 64 bits and the mark is refused; then back
            price = instrument.price.multiply(BigDecimal.TEN.pow(3 + random.nextInt(10)));
            final BigDecimal back = instrument.price;
            queue.addFirst(() -> markAt(instrument, back));
        }
        else if (r < 40)
        {
            price = instrument.price.add(tick.multiply(BigDecimal.valueOf(random.nextInt(7) - 3)));
        }
        else if (r < 65)
        {
            price = instrument.price.multiply(BigDecimal.valueOf(1 + random.nextGaussian() * 0.01));
        }
        else if (r < 78)
        {
            price = instrument.price.multiply(BigDecimal.valueOf(1 + (random.nextBoolean() ? 1 : -1) * (0.02 + 0.04 * random.nextDouble())));
        }
        else if (r < 86)
        {
            price = instrument.price.multiply(BigDecimal.valueOf(1 - 0.1 - 0.3 * random.nextDouble()));
        }
        else if (r < 93)
        {
            price = instrument.price.multiply(BigDecimal.valueOf(1 + 0.1 + 0.5 * random.nextDouble()));
        }
        else
        {
            final List<BigDecimal> before = seen.getOrDefault(instrument.id, List.of());
            price = before.isEmpty() ? instrument.price : before.get(random.nextInt(before.size()));
        }
        return markAt(instrument, instrument.toTick(price));
    }

    private ObjectNode markAt(final GeneratedInstrument instrument, final BigDecimal value)
    {
        final ObjectNode node = begin("mark");
        node.put("instrument", instrument.id);
        node.put("price", text(value));
        onAccepted = () ->
        {
            instrument.price = value;
            seen.computeIfAbsent(instrument.id, k -> new ArrayList<>()).add(value);
        };
        return node;
    }

    /** Opens, adds, reduces, closes or flips, at 1x to 25x of the account's wallet; half of the time the other side too. */
    private ObjectNode fill(final long account)
    {
        final GeneratedInstrument instrument = anyInstrument();
        final long current = position(account, instrument.id);
        final BigDecimal price = instrument.toTick(instrument.price.multiply(BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) *
            (instrument.defined && random.nextInt(4) == 0 ? 0.06 : 0.01))));
        final int kind = random.nextInt(10);
        final boolean buy;
        final long lots;
        if (current == 0 || kind < 4)
        {
            buy = current == 0 ? random.nextBoolean() : current > 0;
            lots = lotsFor(account, instrument, price);
        }
        else if (kind < 7)
        {
            buy = current < 0;
            lots = Math.max(1, (long)(random.nextDouble() * Math.abs(current)));
        }
        else if (kind < 8)
        {
            buy = current < 0;
            lots = Math.abs(current);
        }
        else
        {
            buy = current < 0;
            lots = Math.abs(current) + lotsFor(account, instrument, price);
        }
        if (random.nextBoolean())
        {
            final long other = trader();
            queue.addFirst(() -> plainFill(other, instrument, !buy, lots, price, BigDecimal.ZERO));
        }
        final BigDecimal fee = random.nextInt(3) == 0 ? instrument.qty(lots).multiply(price).multiply(instrument.multiplier)
            .multiply(new BigDecimal("0.0004")).setScale(8, RoundingMode.CEILING) : BigDecimal.ZERO;
        return plainFill(account, instrument, buy, lots, price, fee);
    }

    private ObjectNode plainFill(
        final long account, final GeneratedInstrument instrument, final boolean buy, final long lots, final BigDecimal price,
        final BigDecimal fee)
    {
        final ObjectNode node = begin("fill");
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("side", buy ? "buy" : "sell");
        node.put("qty", text(instrument.qty(lots)));
        node.put("price", text(price));
        node.put("fee", text(fee));
        onAccepted = () -> addLots(account, instrument.id, buy ? lots : -lots);
        return node;
    }

    private long lotsFor(final long account, final GeneratedInstrument instrument, final BigDecimal price)
    {
        final BigDecimal wallet = wallets.getOrDefault(account, new BigDecimal("1000")).max(BigDecimal.TEN);
        final BigDecimal notional = wallet.multiply(BigDecimal.valueOf((1 + 24 * random.nextDouble()) / 3));
        final BigDecimal qty = notional.divide(price.multiply(instrument.multiplier), instrument.qtyScale, RoundingMode.DOWN);
        return Math.max(1, Math.min(1_000_000_000L, qty.unscaledValue().longValue()));
    }

    private ObjectNode deposit(final long account, final BigDecimal amount)
    {
        final BigDecimal value = amount.setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
        final ObjectNode node = begin("deposit");
        node.put("account", account);
        node.put("amount", text(value));
        onAccepted = () -> wallets.merge(account, value, BigDecimal::add);
        return node;
    }

    private ObjectNode withdraw(final long account)
    {
        final BigDecimal amount = wallets.getOrDefault(account, BigDecimal.TEN).multiply(BigDecimal.valueOf(0.02 + 0.4 * random.nextDouble()))
            .setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
        final ObjectNode node = begin("withdraw");
        node.put("account", account);
        node.put("amount", text(amount));
        onAccepted = () -> wallets.merge(account, amount.negate(), BigDecimal::add);
        return node;
    }

    private ObjectNode marginMode(final long account, final GeneratedInstrument instrument, final boolean isolated)
    {
        final ObjectNode node = begin("margin_mode");
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("mode", isolated ? "isolated" : "cross");
        return node;
    }

    private ObjectNode isolatedMargin(final long account, final GeneratedInstrument instrument, final BigDecimal amount)
    {
        final ObjectNode node = begin("isolated_margin");
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("amount", text(amount.signum() == 0 ? BigDecimal.ONE : amount));
        return node;
    }

    private ObjectNode funding()
    {
        final ObjectNode node = begin("funding");
        node.put("instrument", anyInstrument().id);
        final BigDecimal rate = BigDecimal.valueOf(1 + random.nextInt(2000), 6);
        node.put("rate", text(random.nextBoolean() ? rate : rate.negate()));
        return node;
    }

    /** Call levels from 1 to 100, liquidation levels up to the call level, cure levels also below it. */
    private ObjectNode params()
    {
        final ObjectNode node = begin("params");
        final BigDecimal call = new BigDecimal(pick("1", "1", "1", "1.1", "1.5", "2", "5", "100"));
        node.put("callLevel", text(call));
        node.put("liquidationLevel", text(call.multiply(new BigDecimal(pick("0.5", "0.8", "1")))));
        node.put("cureLevel", text(new BigDecimal(pick("1", "1", "1.2", "2", "0.5", "0.01"))));
        if (random.nextBoolean())
        {
            node.put("callGraceNs", Long.parseLong(pick("0", "30", "120", "900")) * SECOND);
        }
        if (random.nextBoolean())
        {
            node.put("partialLiquidation", random.nextInt(4) != 0);
        }
        return node;
    }

    private ObjectNode clock()
    {
        if (random.nextInt(10) < 4)
        {
            now += (30 + random.nextInt(1200)) * SECOND;
        }
        return begin("clock");
    }

    private ObjectNode check()
    {
        final GeneratedInstrument instrument = anyInstrument();
        final ObjectNode node = begin("check");
        final long account = trader();
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("side", random.nextBoolean() ? "buy" : "sell");
        node.put("qty", text(instrument.qty(lotsFor(account, instrument, instrument.price))));
        node.put("price", text(instrument.price));
        return node;
    }

    private ObjectNode query(final long account)
    {
        final ObjectNode node = begin("query");
        node.put("account", account);
        return node;
    }

    private ObjectNode account(final long id)
    {
        final ObjectNode node = begin("account");
        node.put("account", id);
        onAccepted = () -> accounts.add(id);
        return node;
    }

    /** Fills (whole, partly, at, better or worse than the limit) or expires an outstanding liquidation order. */
    private ObjectNode answerLiquidation()
    {
        final List<Order> open = new ArrayList<>(orders.values());
        final Order order = open.get(random.nextInt(open.size()));
        final GeneratedInstrument instrument = instrument(order.instrument());
        if (random.nextInt(100) < 35)
        {
            final ObjectNode node = begin("liquidation_expired");
            node.put("orderId", order.orderId());
            node.put("account", order.account());
            node.put("instrument", order.instrument());
            node.put("qty", text(instrument.qty(order.lots())));
            onAccepted = () ->
            {
                orders.remove(order.orderId());
                final long held = position(order.account(), order.instrument());
                final long moved = Math.min(order.lots(), Math.abs(held));
                addLots(order.account(), order.instrument(), held > 0 ? -moved : moved);
            };
            return node;
        }
        final long lots = random.nextBoolean() || order.lots() == 1 ? order.lots() : 1 + (long)(random.nextDouble() * (order.lots() - 1));
        final double worse = random.nextInt(3) == 0 ? -0.03 * random.nextDouble() : 0.01 * random.nextDouble();
        final BigDecimal price = instrument.toTick(order.price().multiply(BigDecimal.valueOf(order.sell() ? 1 + worse : 1 - worse)));
        final ObjectNode node = begin("fill");
        node.put("account", order.account());
        node.put("instrument", order.instrument());
        node.put("side", order.sell() ? "sell" : "buy");
        node.put("qty", text(instrument.qty(lots)));
        node.put("price", text(price));
        node.put("fee", "0");
        node.put("liquidation", true);
        node.put("orderId", order.orderId());
        onAccepted = () ->
        {
            addLots(order.account(), order.instrument(), order.sell() ? -lots : lots);
            if (lots == order.lots())
            {
                orders.remove(order.orderId());
            }
            else
            {
                orders.put(order.orderId(), new Order(order.orderId(), order.account(), order.instrument(), order.sell(),
                    order.lots() - lots, order.price()));
            }
        };
        return node;
    }

    // ------------------------------------------------------------------ helpers

    private ObjectNode begin(final String type)
    {
        now += random.nextInt(100) < 90 ? MS + random.nextInt(3_000) * MS : (3 + random.nextInt(90)) * SECOND;
        final ObjectNode node = NODES.objectNode();
        node.put("type", type);
        node.put("ts", now);
        return node;
    }

    private long trader()
    {
        return accounts.size() == 1 ? 1 : accounts.get(1 + random.nextInt(accounts.size() - 1));
    }

    private GeneratedInstrument anyInstrument()
    {
        return instruments.get(random.nextInt(instruments.size()));
    }

    private GeneratedInstrument instrument(final int id)
    {
        return instruments.get(id - 1);
    }

    private long position(final long account, final int instrument)
    {
        return positions.getOrDefault(account + "/" + instrument, 0L);
    }

    private void addLots(final long account, final int instrument, final long lots)
    {
        positions.merge(account + "/" + instrument, lots, Long::sum);
    }

    private <T> T pickFrom(final List<T> list)
    {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(final String... values)
    {
        return values[random.nextInt(values.length)];
    }

    private static String text(final BigDecimal value)
    {
        return InputStreamGenerator.text(value);
    }
}
