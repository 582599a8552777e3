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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Generates a random input stream from a seed, one input at a time, watching the outputs of
 * the model it drives so it can answer liquidation orders and keep its picture of positions
 * and modes:
 * <pre>
 *   generator = new InputStreamGenerator(seed, length);
 *   outputs = List.of();
 *   while (generator.hasNext()) { input = generator.next(outputs); outputs = model.apply(i++, input); }
 * </pre>
 * A setup phase defines 2-4 instruments and 3-12 accounts with deposits (capacity limits are
 * meant to be hit) and an insurance fund that is, per stream, empty (never funded), small or
 * well funded; then fills that open, add, reduce, close and flip (half of them followed by the
 * other side of the trade on another account, so that opposite positions exist for ADL), marks
 * as random walks with crashes and recoveries, funding, clocks with long jumps past deadlines
 * and staleness, mode switches, isolated margin, checks, queries, params, bad inputs of every
 * kind, and answers to liquidation orders: whole or partial fills, at, better or worse than the
 * limit (worse ones leave deficits for the fund), and expiries, often after a partial fill,
 * which send the remainder to the fund or to ADL.
 * <p>
 * {@link #now()} is always the time of the last input meant to pass the duplicate and time
 * checks: duplicates and undecodable inputs carry it, inputs going back carry less.
 */
public final class InputStreamGenerator
{
    /** Capacity the generated streams are meant for: the fund and 9 accounts (up to 12 are tried). */
    public static final int MAX_ACCOUNTS = 10;
    /** Capacity the generated streams are meant for (up to 5 instruments are tried). */
    public static final int MAX_INSTRUMENTS = 4;
    /** Capacity the generated streams are meant for. */
    public static final int MAX_POSITIONS_PER_ACCOUNT = 3;

    private static final long START_TS = 1_700_000_000_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int SOURCES = 3;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Order(long orderId, long account, int instrument, boolean sell, long lots, BigDecimal price)
    {
    }

    /** How the insurance fund (account 0) is funded in one stream. */
    private enum FundMode
    {
        /** Never funded: every deficit is a shortfall and every expiry goes to ADL (or the fund regardless). */
        EMPTY,
        /** A small deposit at the start and now and then a small top-up. */
        SMALL,
        /** A deposit at the start far above the traders' wallets, and top-ups. */
        WELL_FUNDED
    }

    private final long seed;
    private final Random random;
    private final int length;
    private int emitted;
    private long now = START_TS;
    private final long[] lastSeq = new long[SOURCES];
    /** Inputs that must come next: the setup phase, and the other side of a trade just generated. */
    private final Deque<Supplier<ObjectNode>> setup = new ArrayDeque<>();
    private final FundMode fundMode;
    private final List<GeneratedInstrument> instruments = new ArrayList<>();
    private final List<Long> accounts = new ArrayList<>(List.of(0L));
    private final Map<Long, BigDecimal> deposited = new HashMap<>();
    /** Lots by "account/instrument"; looked up, never iterated. */
    private final Map<String, Long> positions = new HashMap<>();
    private final Set<String> isolated = new HashSet<>();
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private BigDecimal callLevel = BigDecimal.ONE;
    private BigDecimal cureLevel = BigDecimal.ONE;
    private ObjectNode lastSeqInput;
    private Runnable onAccepted;
    private boolean observed = true;

    /**
     * @param seed   the seed of the stream; print it with any failure.
     * @param length number of inputs to generate.
     */
    public InputStreamGenerator(final long seed, final int length)
    {
        this.seed = seed;
        this.random = new Random(seed);
        this.length = length;
        this.fundMode = FundMode.values()[random.nextInt(FundMode.values().length)];
        planSetup();
    }

    /** The seed this stream was generated from. */
    public long seed()
    {
        return seed;
    }

    /** True until {@code length} inputs have been generated. */
    public boolean hasNext()
    {
        return emitted < length;
    }

    /** The timestamp of the last input meant to pass the duplicate and time checks: safe for queries. */
    public long now()
    {
        return now;
    }

    /** Accounts known to exist (accepted {@code account} inputs), the fund (0) first, in creation order. */
    public List<Long> knownAccounts()
    {
        return List.copyOf(accounts);
    }

    /**
     * The next input.
     *
     * @param outputsOfLastInput what the driven model answered to the previous input (empty for the first).
     */
    public JsonNode next(final List<JsonNode> outputsOfLastInput)
    {
        observe(outputsOfLastInput);
        observed = false;
        emitted++;
        final ObjectNode input = setup.isEmpty() ? randomInput() : setup.poll().get();
        return input;
    }

    /**
     * Takes in what the driven model answered to the last input, once: an accepted input updates
     * the generator's picture (accounts, positions, modes), liquidation orders are remembered.
     * {@link #next} calls it too; a second call for the same input is ignored.
     */
    public void observe(final List<JsonNode> outputs)
    {
        if (observed)
        {
            return;
        }
        observed = true;
        boolean rejected = false;
        for (final JsonNode output : outputs)
        {
            final String type = output.path("type").asText();
            if ("reject".equals(type))
            {
                rejected = true;
            }
            else if ("adl".equals(type))
            {
                final GeneratedInstrument instrument = instrument(output.get("instrument").intValue());
                final long lots = instrument.lots(new BigDecimal(output.get("qty").textValue()));
                addLots(output.get("account").longValue(), instrument.id,
                    "buy".equals(output.get("side").textValue()) ? lots : -lots);
            }
            else if ("liquidation_order".equals(type))
            {
                final GeneratedInstrument instrument = instrument(output.get("instrument").intValue());
                orders.put(output.get("orderId").longValue(), new Order(output.get("orderId").longValue(),
                    output.get("account").longValue(), instrument.id, "sell".equals(output.get("side").textValue()),
                    instrument.lots(new BigDecimal(output.get("qty").textValue())),
                    new BigDecimal(output.get("price").textValue())));
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
        final int instrumentCount = 2 + random.nextInt(3);
        for (int i = 1; i <= instrumentCount; i++)
        {
            instruments.add(newInstrument(i));
        }
        for (final GeneratedInstrument instrument : instruments)
        {
            setup.add(() -> defineInstrument(instrument));
        }
        if (random.nextInt(3) == 0)
        {
            setup.add(this::params);
        }
        final int accountCount = 3 + random.nextInt(10);
        for (int i = 0; i < accountCount; i++)
        {
            final long id = 1 + i * (1 + random.nextInt(3));
            setup.add(() -> account(id));
            setup.add(() -> deposit(id, walletSize()));
        }
        if (fundMode != FundMode.EMPTY)
        {
            setup.add(() -> deposit(0L, fundSize()));
        }
        for (int i = 0; i < 2; i++)
        {
            setup.add(() -> marginMode(true));
            setup.add(this::isolatedMargin);
        }
        for (final GeneratedInstrument instrument : instruments)
        {
            if (random.nextInt(10) < 7)
            {
                setup.add(() -> mark(instrument));
            }
        }
    }

    private GeneratedInstrument newInstrument(final int id)
    {
        final int priceScale = random.nextInt(4);
        final int qtyScale = random.nextInt(4);
        final BigDecimal multiplier = pick("1", "1", "1", "1", "1", "1", "1", "0.1", "10", "0.01");
        final BigDecimal magnitude = BigDecimal.TEN.pow(1 + random.nextInt(4));
        final BigDecimal start = magnitude.multiply(BigDecimal.valueOf(1 + random.nextInt(9)))
            .divide(multiplier, 8, RoundingMode.HALF_UP);
        final GeneratedInstrument instrument = new GeneratedInstrument(
            id, priceScale, qtyScale, multiplier, random.nextInt(10) < 3, null);
        instrument.price = instrument.toTick(start.max(BigDecimal.ONE.movePointLeft(priceScale).movePointRight(2)));
        return instrument;
    }

    private ObjectNode defineInstrument(final GeneratedInstrument instrument)
    {
        final ObjectNode node = begin("instrument");
        node.put("instrument", instrument.id);
        node.put("symbol", "SYM" + instrument.id);
        node.put("priceScale", instrument.priceScale);
        node.put("qtyScale", instrument.qtyScale);
        node.put("multiplier", text(instrument.multiplier));
        BigDecimal mmr = pick("0.004", "0.01", "0.02", "0.05");
        BigDecimal imr = mmr.multiply(pick("1.5", "2", "3"));
        node.put("liquidationFeeRate", text(pick("0", "0.001", "0.005").min(imr.divide(BigDecimal.valueOf(2)))));
        if (random.nextInt(100) < 35)
        {
            node.put("staleAfterNs", pick("30", "60", "300").longValue() * SECOND);
        }
        if (instrument.guarded)
        {
            node.put("maxMarkMoveRate", text(pick("0.15", "0.25", "0.5")));
        }
        final int tierCount = 1 + random.nextInt(4);
        BigDecimal floor = BigDecimal.valueOf(5_000L * (1 + random.nextInt(20)));
        for (int t = 0; t < tierCount; t++)
        {
            final ObjectNode tier = node.withArray("tiers").addObject();
            tier.put("floor", t == 0 ? "0" : text(floor));
            tier.put("imr", text(imr));
            tier.put("mmr", text(mmr));
            if (t > 0)
            {
                floor = floor.multiply(pick("3", "5"));
            }
            mmr = mmr.multiply(pick("1.25", "1.5", "2")).setScale(8, RoundingMode.HALF_UP);
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
        if (!orders.isEmpty() && random.nextInt(100) < 45)
        {
            return answerLiquidation();
        }
        final int r = random.nextInt(100);
        if (r < 25)
        {
            return fill();
        }
        if (r < 45)
        {
            return mark(anyInstrument());
        }
        if (r < 50)
        {
            return random.nextInt(10) == 0 && fundMode != FundMode.EMPTY ?
                deposit(0L, fundSize().divide(BigDecimal.TEN)) : deposit(trader(), walletSize().divide(BigDecimal.TEN));
        }
        if (r < 54)
        {
            return withdraw();
        }
        if (r < 57)
        {
            return marginMode(random.nextBoolean());
        }
        if (r < 61)
        {
            return isolatedMargin();
        }
        if (r < 64)
        {
            return funding();
        }
        if (r < 72)
        {
            return clock();
        }
        if (r < 78)
        {
            return check();
        }
        if (r < 80)
        {
            return query(pickFrom(accounts));
        }
        if (r < 81)
        {
            return params();
        }
        if (r < 83)
        {
            return account(random.nextInt(5) == 0 ? pickFrom(accounts) : 1 + random.nextInt(40));
        }
        if (r < 84)
        {
            return defineInstrument(random.nextBoolean() && instruments.size() < 5 ?
                addInstrument() : pickFrom(instruments));
        }
        return BadInputs.make(this, random);
    }

    private GeneratedInstrument addInstrument()
    {
        final GeneratedInstrument instrument = newInstrument(instruments.size() + 1);
        instruments.add(instrument);
        return instrument;
    }

    ObjectNode fill()
    {
        final long account = trader();
        final GeneratedInstrument instrument = anyInstrument();
        final long current = position(account, instrument.id);
        final BigDecimal price = nearPrice(instrument);
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
            lots = Math.abs(current) > 1 ? 1 + (long)(random.nextDouble() * (Math.abs(current) - 1)) : 1;
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
        final BigDecimal notional = instrument.qty(lots).multiply(price).multiply(instrument.multiplier);
        final int feeKind = random.nextInt(10);
        final BigDecimal fee = feeKind < 6 ? BigDecimal.ZERO : feeKind < 9 ?
            notional.multiply(new BigDecimal("0.0004")).setScale(8, RoundingMode.CEILING) :
            notional.multiply(new BigDecimal("-0.0001")).setScale(8, RoundingMode.FLOOR);
        if (random.nextBoolean())
        {
            setup.addFirst(() -> otherSide(account, instrument, !buy, lots, price));
        }
        return plainFill(account, instrument, buy, lots, price, fee);
    }

    private ObjectNode plainFill(
        final long account,
        final GeneratedInstrument instrument,
        final boolean buy,
        final long lots,
        final BigDecimal price,
        final BigDecimal fee)
    {
        final ObjectNode node = begin("fill");
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("side", buy ? "buy" : "sell");
        putDecimal(node, "qty", instrument.qty(lots));
        putDecimal(node, "price", price);
        putDecimal(node, "fee", fee);
        onAccepted = () -> addLots(account, instrument.id, buy ? lots : -lots);
        return node;
    }

    /**
     * The other side of a trade: another trader {@code buy}s {@code lots} at {@code price}, so that
     * open interest stays two-sided and ADL finds opposite positions.
     */
    private ObjectNode otherSide(
        final long account, final GeneratedInstrument instrument, final boolean buy, final long lots, final BigDecimal price)
    {
        long other = trader();
        for (int attempt = 0; attempt < 4 && other == account; attempt++)
        {
            other = trader();
        }
        return plainFill(other, instrument, buy, lots, price, BigDecimal.ZERO);
    }

    ObjectNode mark(final GeneratedInstrument instrument)
    {
        final int r = random.nextInt(100);
        final double move;
        if (r < 4)
        {
            move = -(0.1 + 0.35 * random.nextDouble());
        }
        else if (r < 8)
        {
            move = 0.1 + 0.35 * random.nextDouble();
        }
        else
        {
            move = random.nextGaussian() * 0.015;
        }
        final BigDecimal price = instrument.toTick(instrument.price.multiply(BigDecimal.valueOf(1 + move)));
        final ObjectNode node = begin("mark");
        node.put("instrument", instrument.id);
        putDecimal(node, "price", price);
        onAccepted = () -> instrument.price = price;
        return node;
    }

    ObjectNode deposit(final long account, final BigDecimal amount)
    {
        final ObjectNode node = begin("deposit");
        node.put("account", account);
        final BigDecimal value = amount.setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
        putDecimal(node, "amount", value);
        onAccepted = () -> deposited.merge(account, value, BigDecimal::add);
        return node;
    }

    private ObjectNode withdraw()
    {
        final long account = trader();
        final BigDecimal amount = deposited.getOrDefault(account, BigDecimal.TEN)
            .multiply(BigDecimal.valueOf(0.05 + 0.5 * random.nextDouble())).setScale(2, RoundingMode.HALF_UP);
        final ObjectNode node = begin("withdraw");
        node.put("account", account);
        putDecimal(node, "amount", amount.max(new BigDecimal("0.01")));
        return node;
    }

    private ObjectNode marginMode(final boolean toIsolated)
    {
        final long account = trader();
        final GeneratedInstrument instrument = anyInstrument();
        final ObjectNode node = begin("margin_mode");
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("mode", toIsolated ? "isolated" : "cross");
        final String key = key(account, instrument.id);
        onAccepted = () ->
        {
            if (toIsolated)
            {
                isolated.add(key);
            }
            else
            {
                isolated.remove(key);
            }
        };
        return node;
    }

    private ObjectNode isolatedMargin()
    {
        long account = trader();
        GeneratedInstrument instrument = anyInstrument();
        for (int attempt = 0; attempt < 8 && !isolated.contains(key(account, instrument.id)); attempt++)
        {
            account = trader();
            instrument = anyInstrument();
        }
        final BigDecimal amount = random.nextInt(10) < 7 ?
            deposited.getOrDefault(account, BigDecimal.TEN).multiply(BigDecimal.valueOf(0.05 + 0.25 * random.nextDouble())) :
            BigDecimal.valueOf(-(1 + random.nextInt(300)));
        final ObjectNode node = begin("isolated_margin");
        node.put("account", account);
        node.put("instrument", instrument.id);
        putDecimal(node, "amount", amount.setScale(2, RoundingMode.HALF_UP).signum() == 0 ?
            BigDecimal.ONE : amount.setScale(2, RoundingMode.HALF_UP));
        return node;
    }

    private ObjectNode funding()
    {
        final ObjectNode node = begin("funding");
        node.put("instrument", anyInstrument().id);
        final BigDecimal rate = BigDecimal.valueOf(1 + random.nextInt(1000), 6);
        putDecimal(node, "rate", random.nextBoolean() ? rate : rate.negate());
        return node;
    }

    private ObjectNode clock()
    {
        if (random.nextInt(10) < 3)
        {
            now += (60 + random.nextInt(1200)) * SECOND;
        }
        return begin("clock");
    }

    private ObjectNode check()
    {
        final long account = trader();
        final GeneratedInstrument instrument = anyInstrument();
        final BigDecimal price = nearPrice(instrument);
        final ObjectNode node = begin("check");
        node.put("account", account);
        node.put("instrument", instrument.id);
        node.put("side", random.nextBoolean() ? "buy" : "sell");
        putDecimal(node, "qty", instrument.qty(lotsFor(account, instrument, price)));
        putDecimal(node, "price", price);
        return node;
    }

    ObjectNode query(final long account)
    {
        final ObjectNode node = begin("query");
        node.put("account", account);
        return node;
    }

    private ObjectNode params()
    {
        final ObjectNode node = begin("params");
        final BigDecimal call = random.nextBoolean() ? pick("1", "1.05") : callLevel;
        final BigDecimal cure = random.nextBoolean() ? pick("1", "1.1", "1.25").max(call) : cureLevel.max(call);
        node.put("callLevel", text(call));
        if (random.nextInt(10) == 0)
        {
            node.put("liquidationLevel", "1.5");
        }
        else if (random.nextBoolean())
        {
            node.put("liquidationLevel", text(pick("0.5", "0.8", "0.95")));
        }
        node.put("cureLevel", text(cure));
        if (random.nextBoolean())
        {
            node.put("callGraceNs", pick("0", "30", "120", "900").longValue() * SECOND);
        }
        if (random.nextBoolean())
        {
            node.put("partialLiquidation", random.nextInt(4) != 0);
        }
        onAccepted = () ->
        {
            callLevel = call;
            cureLevel = cure;
        };
        return node;
    }

    ObjectNode account(final long id)
    {
        final ObjectNode node = begin("account");
        node.put("account", id);
        onAccepted = () -> accounts.add(id);
        return node;
    }

    /**
     * Fills, partly fills, or expires an outstanding liquidation order (now and then wrongly).
     * An expiry sends the remainder to the fund or to ADL: the liquidated position shrinks by it
     * (the {@code adl} outputs tell the generator which counterparties shrank).
     */
    private ObjectNode answerLiquidation()
    {
        final List<Order> open = new ArrayList<>(orders.values());
        final Order order = open.get(random.nextInt(open.size()));
        final GeneratedInstrument instrument = instrument(order.instrument());
        final int r = random.nextInt(100);
        if (r >= 65)
        {
            final ObjectNode node = begin("liquidation_expired");
            node.put("orderId", r >= 98 ? order.orderId() + 1000 : order.orderId());
            node.put("account", order.account());
            node.put("instrument", order.instrument());
            putDecimal(node, "qty", instrument.qty(order.lots()));
            onAccepted = () ->
            {
                orders.remove(order.orderId());
                final long held = position(order.account(), order.instrument());
                final long moved = Math.min(order.lots(), Math.abs(held));
                addLots(order.account(), order.instrument(), held > 0 ? -moved : moved);
            };
            return node;
        }
        final long lots = r < 40 || order.lots() == 1 ? order.lots() : 1 + (long)(random.nextDouble() * (order.lots() - 1));
        final BigDecimal price = liquidationFillPrice(instrument, order);
        final ObjectNode node = begin("fill");
        node.put("account", order.account());
        node.put("instrument", order.instrument());
        node.put("side", order.sell() ? "sell" : "buy");
        putDecimal(node, "qty", instrument.qty(r < 3 ? order.lots() + 1 : lots));
        putDecimal(node, "price", price);
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
                orders.put(order.orderId(), new Order(order.orderId(), order.account(), order.instrument(),
                    order.sell(), order.lots() - lots, order.price()));
            }
        };
        return node;
    }

    /**
     * The price of a liquidation fill: half of the time at or better than the limit (the fee comes
     * out of the surplus), else at the market wherever it is, or up to 3% worse than the limit (a
     * fill beyond the bankruptcy price leaves a deficit for the fund).
     */
    private BigDecimal liquidationFillPrice(final GeneratedInstrument instrument, final Order order)
    {
        final BigDecimal market = nearPrice(instrument);
        final int kind = random.nextInt(10);
        if (kind < 5)
        {
            return order.sell() ? market.max(order.price()) : market.min(order.price());
        }
        if (kind < 7)
        {
            return market;
        }
        final BigDecimal worse = BigDecimal.valueOf(random.nextDouble() * 0.03);
        return instrument.toTick(order.price().multiply(order.sell() ? BigDecimal.ONE.subtract(worse) :
            BigDecimal.ONE.add(worse)));
    }

    // ------------------------------------------------------------------ helpers shared with BadInputs

    /**
     * Starts an input meant to pass the duplicate and time checks: time moves on and, half of the
     * time, it carries the next seq of a random source (remembered for duplicates).
     */
    ObjectNode begin(final String type)
    {
        now += random.nextInt(100) < 90 ? MS + (long)(random.nextDouble() * 3_000) * MS :
            (3 + random.nextInt(90)) * SECOND;
        final ObjectNode node = start(type, now);
        if (node.has("seq"))
        {
            lastSeqInput = node;
        }
        return node;
    }

    /** Starts an input at {@code ts} without moving the generator's time; may carry a fresh seq. */
    ObjectNode start(final String type, final long ts)
    {
        final ObjectNode node = NODES.objectNode();
        node.put("type", type);
        node.put("ts", ts);
        if (random.nextBoolean())
        {
            final int source = random.nextInt(SOURCES);
            node.put("seq", ++lastSeq[source]);
            if (source != 0 || random.nextBoolean())
            {
                node.put("source", source);
            }
        }
        return node;
    }

    /** The last input that carried a seq and was meant to pass the checks, or null. */
    ObjectNode lastSeqInput()
    {
        return lastSeqInput;
    }

    long trader()
    {
        if (accounts.size() == 1)
        {
            return 1;
        }
        return accounts.get(1 + random.nextInt(accounts.size() - 1));
    }

    GeneratedInstrument anyInstrument()
    {
        return instruments.get(random.nextInt(instruments.size()));
    }

    BigDecimal nearPrice(final GeneratedInstrument instrument)
    {
        return instrument.toTick(instrument.price.multiply(BigDecimal.valueOf(1 + (random.nextDouble() - 0.5) * 0.01)));
    }

    private long lotsFor(final long account, final GeneratedInstrument instrument, final BigDecimal price)
    {
        final BigDecimal wallet = deposited.getOrDefault(account, new BigDecimal("1000")).max(BigDecimal.TEN);
        final BigDecimal notional = wallet.multiply(BigDecimal.valueOf(0.5 + 15 * random.nextDouble()));
        final BigDecimal qty = notional.divide(price.multiply(instrument.multiplier), instrument.qtyScale,
            RoundingMode.DOWN);
        return Math.max(1, Math.min(1_000_000_000L, qty.unscaledValue().longValue()));
    }

    /** A deposit to the insurance fund of this stream's {@link FundMode} (never called for an empty fund). */
    private BigDecimal fundSize()
    {
        final BigDecimal size = walletSize();
        return fundMode == FundMode.WELL_FUNDED ? size.multiply(BigDecimal.valueOf(20 + random.nextInt(80))) :
            size.multiply(new BigDecimal("0.05"));
    }

    private BigDecimal walletSize()
    {
        return pick("500", "1000", "5000", "20000", "100000").multiply(BigDecimal.valueOf(0.5 + random.nextDouble()));
    }

    private long position(final long account, final int instrument)
    {
        return positions.getOrDefault(key(account, instrument), 0L);
    }

    private void addLots(final long account, final int instrument, final long lots)
    {
        positions.merge(key(account, instrument), lots, Long::sum);
    }

    private GeneratedInstrument instrument(final int id)
    {
        return instruments.get(id - 1);
    }

    private static String key(final long account, final int instrument)
    {
        return account + "/" + instrument;
    }

    private <T> T pickFrom(final List<T> list)
    {
        return list.get(random.nextInt(list.size()));
    }

    private BigDecimal pick(final String... values)
    {
        return new BigDecimal(values[random.nextInt(values.length)]);
    }

    /** Decimals go out as canonical strings, now and then as bare JSON numbers (RULES section 1 allows both). */
    void putDecimal(final ObjectNode node, final String field, final BigDecimal value)
    {
        // A bare number only where its JSON text is plain (BigDecimal writes 1E-8 below 1e-6).
        if (random.nextInt(20) == 0 && value.abs().compareTo(new BigDecimal("0.001")) >= 0)
        {
            node.put(field, value);
        }
        else
        {
            node.put(field, text(value));
        }
    }

    static String text(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
