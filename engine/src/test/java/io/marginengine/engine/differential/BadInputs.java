package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Random;

/**
 * The bad inputs of a generated stream: duplicates, time going back, unknown ids, too many
 * decimals, zero and negative amounts, overflowing values, inputs the edge cannot decode, and
 * a few that break state rules. Each is built through the generator so time and seq follow
 * its rules: inputs meant to reach the processor move time, duplicates and undecodable inputs
 * carry the current time, inputs going back carry less.
 */
final class BadInputs
{
    private static final long UNKNOWN_ACCOUNT = 9_001;
    private static final int UNKNOWN_INSTRUMENT = 77;

    private BadInputs()
    {
    }

    static ObjectNode make(final InputStreamGenerator generator, final Random random)
    {
        return switch (random.nextInt(12))
        {
            case 0 -> duplicate(generator, random);
            case 1 -> timeBackwards(generator, random);
            case 2 -> unknownAccount(generator, random);
            case 3 -> unknownInstrument(generator, random);
            case 4 -> tooManyDecimals(generator, random);
            case 5 -> zeroOrNegative(generator, random);
            case 6 -> overflowAtScale(generator);
            case 7 -> overflowOnTheWire(generator);
            case 8 -> overflowingFill(generator);
            case 9 -> undecodable(generator, random);
            case 10 -> deposit(generator, generator.begin("withdraw"), generator.trader(), "1000000000");
            default -> negativeAccountId(generator);
        };
    }

    /** The last input that carried a seq, again (same or lower seq), at the current time. */
    private static ObjectNode duplicate(final InputStreamGenerator generator, final Random random)
    {
        final ObjectNode last = generator.lastSeqInput();
        if (last == null)
        {
            return generator.query(0);
        }
        final ObjectNode copy = last.deepCopy();
        copy.put("ts", generator.now());
        copy.put("seq", last.get("seq").longValue() - random.nextInt(2));
        return copy;
    }

    private static ObjectNode timeBackwards(final InputStreamGenerator generator, final Random random)
    {
        final ObjectNode node = generator.start("deposit", generator.now() - 1 - random.nextInt(5_000_000));
        return deposit(generator, node, generator.trader(), "10");
    }

    private static ObjectNode unknownAccount(final InputStreamGenerator generator, final Random random)
    {
        if (random.nextBoolean())
        {
            return generator.query(UNKNOWN_ACCOUNT);
        }
        return deposit(generator, generator.begin("deposit"), UNKNOWN_ACCOUNT, "10");
    }

    private static ObjectNode unknownInstrument(final InputStreamGenerator generator, final Random random)
    {
        final ObjectNode node = generator.begin(random.nextBoolean() ? "mark" : "funding");
        node.put("instrument", UNKNOWN_INSTRUMENT);
        node.put(node.get("type").textValue().equals("mark") ? "price" : "rate", "1");
        return node;
    }

    /** One non-zero digit past the field's scale. */
    private static ObjectNode tooManyDecimals(final InputStreamGenerator generator, final Random random)
    {
        final GeneratedInstrument instrument = generator.anyInstrument();
        return switch (random.nextInt(3))
        {
            case 0 ->
            {
                final ObjectNode node = generator.begin("mark");
                node.put("instrument", instrument.id);
                node.put("price", InputStreamGenerator.text(instrument.price.add(
                    BigDecimal.ONE.movePointLeft(instrument.priceScale + 1))));
                yield node;
            }
            case 1 ->
            {
                final ObjectNode node = generator.begin("fill");
                node.put("account", generator.trader());
                node.put("instrument", instrument.id);
                node.put("side", "buy");
                node.put("qty", InputStreamGenerator.text(BigDecimal.ONE.movePointLeft(instrument.qtyScale + 1)
                    .add(BigDecimal.ONE)));
                node.put("price", InputStreamGenerator.text(instrument.price));
                node.put("fee", "0");
                yield node;
            }
            default -> deposit(generator, generator.begin("deposit"), generator.trader(), "1.000000001");
        };
    }

    private static ObjectNode zeroOrNegative(final InputStreamGenerator generator, final Random random)
    {
        return switch (random.nextInt(4))
        {
            case 0 -> deposit(generator, generator.begin("deposit"), generator.trader(), "0");
            case 1 -> deposit(generator, generator.begin("withdraw"), generator.trader(), "-5");
            case 2 ->
            {
                final GeneratedInstrument instrument = generator.anyInstrument();
                final ObjectNode node = generator.begin("mark");
                node.put("instrument", instrument.id);
                node.put("price", "0");
                yield node;
            }
            default ->
            {
                final GeneratedInstrument instrument = generator.anyInstrument();
                final ObjectNode node = generator.begin("fill");
                node.put("account", generator.trader());
                node.put("instrument", instrument.id);
                node.put("side", "sell");
                node.put("qty", "0");
                node.put("price", InputStreamGenerator.text(instrument.price));
                node.put("fee", "0");
                yield node;
            }
        };
    }

    /** 100,000,000,000 decodes (mantissa 1e11) but is 1e19 at the money scale: OVERFLOW at the processor. */
    private static ObjectNode overflowAtScale(final InputStreamGenerator generator)
    {
        return deposit(generator, generator.begin("deposit"), generator.trader(), "100000000000");
    }

    /** A mantissa beyond 64 bits as written: the edge cannot decode it (time does not move). */
    private static ObjectNode overflowOnTheWire(final InputStreamGenerator generator)
    {
        final ObjectNode node = generator.start("deposit", generator.now());
        return deposit(generator, node, generator.trader(), "99999999999999999999");
    }

    /** A fill whose quantity fits but whose notional does not fit 64 bits at the money scale. */
    private static ObjectNode overflowingFill(final InputStreamGenerator generator)
    {
        final GeneratedInstrument instrument = generator.anyInstrument();
        final ObjectNode node = generator.begin("fill");
        node.put("account", generator.trader());
        node.put("instrument", instrument.id);
        node.put("side", "buy");
        node.put("qty", "1000000000000");
        node.put("price", InputStreamGenerator.text(instrument.price));
        node.put("fee", "0");
        return node;
    }

    /** A missing field, an exponent, an unknown side, an id as a string: decode errors at the current time. */
    private static ObjectNode undecodable(final InputStreamGenerator generator, final Random random)
    {
        final ObjectNode node;
        switch (random.nextInt(4))
        {
            case 0 ->
            {
                node = generator.start("deposit", generator.now());
                node.put("account", generator.trader());
            }
            case 1 -> node = deposit(generator, generator.start("deposit", generator.now()), generator.trader(), "1e5");
            case 2 ->
            {
                final GeneratedInstrument instrument = generator.anyInstrument();
                node = generator.start("check", generator.now());
                node.put("account", generator.trader());
                node.put("instrument", instrument.id);
                node.put("side", "hold");
                node.put("qty", "1");
                node.put("price", InputStreamGenerator.text(instrument.price));
            }
            default ->
            {
                node = generator.start("query", generator.now());
                node.put("account", Long.toString(generator.trader()));
            }
        }
        return node;
    }

    private static ObjectNode negativeAccountId(final InputStreamGenerator generator)
    {
        final ObjectNode node = generator.begin("account");
        node.put("account", -5);
        return node;
    }

    private static ObjectNode deposit(
        final InputStreamGenerator generator, final ObjectNode node, final long account, final String amount)
    {
        node.put("account", account);
        node.put("amount", amount);
        return node;
    }
}
