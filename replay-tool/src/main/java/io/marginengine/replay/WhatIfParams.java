package io.marginengine.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.MessageTypes;
import io.marginengine.journal.sbe.InstrumentDecoder;
import io.marginengine.journal.sbe.InvalidInputDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.ParamsDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The changed risk parameters of a {@code what-if}, read from a JSON file, and the rewriting
 * of the journal's inputs that applies them. The file (docs/REPLAY-TOOL.md):
 * <pre>
 * {
 *   "callLevel": "1.1", "liquidationLevel": "0.9", "cureLevel": "1",
 *   "callGraceNs": 600000000000, "partialLiquidation": false,
 *   "instruments": {
 *     "1": {"liquidationFeeRate": "0.004",
 *           "tiers": [{"floor": "0", "imr": "0.01", "mmr": "0.005"}, ...]}
 *   }
 * }
 * </pre>
 * Every key is optional; decimals are strings (or bare JSON numbers, read from their text).
 * A given parameter holds for the whole replay: it is applied before the first input (as a
 * {@code params} input), and it replaces that field in every {@code params} input of the
 * journal, whose other fields still apply. An instrument's {@code tiers} and
 * {@code liquidationFeeRate} replace those of its {@code instrument} input. The engine checks
 * the changed inputs as it checks any: a combination it refuses stops the what-if with that
 * refusal.
 */
public final class WhatIfParams
{
    private static final Set<String> TOP_KEYS = Set.of("callLevel", "liquidationLevel", "cureLevel", "callGraceNs",
        "partialLiquidation", "instruments");
    private static final Set<String> LEVELS = Set.of("callLevel", "liquidationLevel", "cureLevel");
    private static final Set<String> INSTRUMENT_KEYS = Set.of("liquidationFeeRate", "tiers");
    private static final Set<String> TIER_KEYS = Set.of("floor", "imr", "mmr");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final Path file;
    private final ObjectNode params = MessageText.JSON.createObjectNode();
    private final Map<Integer, ObjectNode> instruments = new LinkedHashMap<>();
    private final Set<Integer> instrumentsSeen = new TreeSet<>();
    private final MessageText text = new MessageText();
    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final UnsafeBuffer rewritten = new UnsafeBuffer(new byte[MessageTypes.MAX_INPUT_LENGTH]);

    private WhatIfParams(final Path file)
    {
        this.file = file;
    }

    /**
     * Reads and checks a parameter file.
     *
     * @param file the file.
     * @return the parameters.
     * @throws ToolException (usage) naming the file, the key or value, and what was expected.
     */
    public static WhatIfParams load(final Path file)
    {
        if (!Files.isRegularFile(file))
        {
            throw ToolException.usage("params file " + file + " does not exist or is not a file");
        }
        final JsonNode root;
        try
        {
            root = MessageText.JSON.readTree(Files.readString(file));
        }
        catch (final JsonProcessingException ex)
        {
            throw ToolException.usage("params file " + file + " is not JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw ToolException.usage("params file " + file + " cannot be read: " + ex.getMessage());
        }
        if (root == null || !root.isObject())
        {
            throw ToolException.usage("params file " + file + " must hold one JSON object");
        }
        final WhatIfParams whatIf = new WhatIfParams(file);
        whatIf.read((ObjectNode)root);
        if (whatIf.params.isEmpty() && whatIf.instruments.isEmpty())
        {
            throw ToolException.usage("params file " + file + " changes nothing: expected at least one of " + TOP_KEYS);
        }
        return whatIf;
    }

    private void read(final ObjectNode root)
    {
        for (final Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            final String key = e.getKey();
            final JsonNode value = e.getValue();
            if (!TOP_KEYS.contains(key))
            {
                throw bad("key '" + key + "' is unknown: expected one of " + new TreeSet<>(TOP_KEYS));
            }
            if (LEVELS.contains(key))
            {
                params.put(key, decimal(key, value));
            }
            else if ("callGraceNs".equals(key))
            {
                if (!value.isIntegralNumber() || value.asLong() < 0 || !value.canConvertToLong())
                {
                    throw bad("callGraceNs " + value + " must be a whole number of nanoseconds, 0 or more");
                }
                params.put(key, value.asLong());
            }
            else if ("partialLiquidation".equals(key))
            {
                if (!value.isBoolean())
                {
                    throw bad("partialLiquidation " + value + " must be true or false");
                }
                params.put(key, value.asBoolean());
            }
            else
            {
                readInstruments(value);
            }
        }
    }

    private void readInstruments(final JsonNode value)
    {
        if (!value.isObject())
        {
            throw bad("instruments must be an object keyed by instrument id, such as {\"1\": {\"tiers\": [...]}}");
        }
        for (final Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            final int id;
            try
            {
                id = Integer.parseInt(e.getKey());
            }
            catch (final NumberFormatException ex)
            {
                throw bad("instrument id '" + e.getKey() + "' is not a whole number");
            }
            if (!e.getValue().isObject())
            {
                throw bad("instrument " + id + " must be an object with liquidationFeeRate and/or tiers");
            }
            final ObjectNode change = MessageText.JSON.createObjectNode();
            for (final Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); )
            {
                final Map.Entry<String, JsonNode> field = f.next();
                if (!INSTRUMENT_KEYS.contains(field.getKey()))
                {
                    throw bad("instrument " + id + " key '" + field.getKey() + "' is unknown: expected " + new TreeSet<>(INSTRUMENT_KEYS));
                }
                if ("liquidationFeeRate".equals(field.getKey()))
                {
                    change.put("liquidationFeeRate", decimal("instrument " + id + " liquidationFeeRate", field.getValue()));
                }
                else
                {
                    change.set("tiers", tiers(id, field.getValue()));
                }
            }
            if (change.isEmpty())
            {
                throw bad("instrument " + id + " changes nothing: expected liquidationFeeRate and/or tiers");
            }
            instruments.put(id, change);
        }
    }

    private ArrayNode tiers(final int id, final JsonNode value)
    {
        if (!value.isArray() || value.isEmpty())
        {
            throw bad("instrument " + id + " tiers must be a non-empty array of {floor, imr, mmr}");
        }
        final ArrayNode tiers = MessageText.JSON.createArrayNode();
        int n = 0;
        for (final JsonNode tier : value)
        {
            if (!tier.isObject())
            {
                throw bad("instrument " + id + " tier " + n + " must be an object {floor, imr, mmr}");
            }
            final ObjectNode t = tiers.addObject();
            for (final String key : List.of("floor", "imr", "mmr"))
            {
                if (!tier.has(key))
                {
                    throw bad("instrument " + id + " tier " + n + " has no " + key + ": expected floor, imr and mmr");
                }
                t.put(key, decimal("instrument " + id + " tier " + n + " " + key, tier.get(key)));
            }
            for (final Iterator<String> names = tier.fieldNames(); names.hasNext(); )
            {
                final String name = names.next();
                if (!TIER_KEYS.contains(name))
                {
                    throw bad("instrument " + id + " tier " + n + " key '" + name + "' is unknown: expected floor, imr, mmr");
                }
            }
            n++;
        }
        return tiers;
    }

    private String decimal(final String what, final JsonNode value)
    {
        final String t = value.isTextual() ? value.asText() : value.isNumber() ? value.decimalValue().toPlainString() : null;
        if (t == null || !DECIMAL.matcher(t).matches())
        {
            throw bad(what + " " + value + " is not a decimal: expected text such as \"1.1\"");
        }
        return t;
    }

    private ToolException bad(final String sentence)
    {
        return ToolException.usage("params file " + file + ": " + sentence);
    }

    /**
     * The {@code params} input that sets the changed parameters before the first input.
     *
     * @param ts its ts: the first input's, so that no time passes.
     * @return the message, in a buffer reused by the next call; null when no parameter (only
     *     instruments) changes.
     */
    public DirectBuffer initialParams(final long ts)
    {
        if (params.isEmpty())
        {
            return null;
        }
        final ObjectNode line = MessageText.JSON.createObjectNode();
        line.put("type", "params");
        line.put("ts", ts);
        line.setAll(params);
        encode(MessageText.line(line), "the parameters");
        return rewritten;
    }

    /** @return the length of the message last returned by {@link #initialParams} or {@link #rewrite}. */
    public int length()
    {
        return lastLength;
    }

    private int lastLength;

    /**
     * Applies the changes to one journal input.
     *
     * @param buffer holds the input.
     * @param offset where its header starts.
     * @param length its length.
     * @return the changed message (in a buffer reused by the next call, its length in
     *     {@link #length()}), or null when the input is not changed.
     */
    public DirectBuffer rewrite(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return null;
        }
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (templateId == ParamsDecoder.TEMPLATE_ID && !params.isEmpty())
        {
            final ObjectNode line = MessageText.tree(text.text(buffer, offset, length));
            line.setAll(params);
            encode(MessageText.line(line), "params input");
            return rewritten;
        }
        if (templateId == InstrumentDecoder.TEMPLATE_ID && !instruments.isEmpty())
        {
            final ObjectNode line = MessageText.tree(text.text(buffer, offset, length));
            final int id = line.path("instrument").asInt();
            final ObjectNode change = instruments.get(id);
            if (change == null)
            {
                return null;
            }
            instrumentsSeen.add(id);
            line.setAll(change);
            encode(MessageText.line(line), "instrument " + id);
            return rewritten;
        }
        return null;
    }

    private void encode(final String line, final String what)
    {
        lastLength = encoder.encode(line, rewritten, 0);
        if (lastLength < 0)
        {
            throw ToolException.failure("cannot encode the changed " + what + ": " + encoder.errorMessage() + ": " + line, null);
        }
        if (encoder.lastTemplateId() == InvalidInputDecoder.TEMPLATE_ID)
        {
            final ObjectNode invalid = MessageText.tree(text.text(rewritten, 0, lastLength));
            throw bad("the changed " + what + " is not a valid input: " + invalid.path("reason").asText());
        }
    }

    /**
     * @return the instruments the file changes that no {@code instrument} input of the journal defined.
     */
    public Set<Integer> instrumentsNeverDefined()
    {
        final Set<Integer> missing = new TreeSet<>(instruments.keySet());
        missing.removeAll(instrumentsSeen);
        return missing;
    }

    /** @return the changes in one line, for the report. */
    public String describe()
    {
        final StringBuilder s = new StringBuilder();
        params.fields().forEachRemaining(e -> s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
            .append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        instruments.forEach((id, change) -> s.append(s.length() == 0 ? "" : ", ").append("instrument ").append(id)
            .append(' ').append(MessageText.line(change)));
        return s.toString();
    }

    /** @return the file. */
    public Path file()
    {
        return file;
    }
}
