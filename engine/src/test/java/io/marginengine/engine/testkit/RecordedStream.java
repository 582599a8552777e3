package io.marginengine.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.Context;
import io.marginengine.engine.differential.InputStreamGenerator;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A random input stream of {@link InputStreamGenerator} fixed as binary inputs: the generator
 * is driven by a processor (it answers that processor's liquidation orders), and every input
 * it produced, in the SBE form the journal holds, is kept, with a {@code query} for every
 * known account after each input (so that every account's whole state shows in the outputs).
 * Inputs the JSON edge refuses to encode are left out, as the edge never journals them.
 * <p>
 * Fed again to any processor with the same capacities, from index 0, the inputs give the same
 * outputs as during recording: recovery tests use a recording as the ground truth.
 */
public final class RecordedStream
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<byte[]> inputs;

    private RecordedStream(final List<byte[]> inputs)
    {
        this.inputs = inputs;
    }

    /**
     * Context of the capacities the generator is meant for.
     *
     * @return a new context.
     */
    public static Context context()
    {
        return new Context().maxAccounts(InputStreamGenerator.MAX_ACCOUNTS).maxInstruments(InputStreamGenerator.MAX_INSTRUMENTS)
            .maxPositionsPerAccount(InputStreamGenerator.MAX_POSITIONS_PER_ACCOUNT);
    }

    /**
     * Records a stream.
     *
     * @param seed    the generator's seed (print it with a failure).
     * @param length  inputs to generate, queries not counted.
     * @param queries whether to add a query for every known account after each input.
     * @return the recording.
     */
    public static RecordedStream record(final long seed, final int length, final boolean queries)
    {
        final JsonOutputWriter writer = new JsonOutputWriter();
        final StringBuilder text = new StringBuilder();
        final List<JsonNode> outputs = new ArrayList<>();
        final MarginProcessor processor = new MarginProcessor(context(), (buffer, offset, len) ->
        {
            text.setLength(0);
            writer.write(buffer, offset, text);
            try
            {
                outputs.add(MAPPER.readTree(text.toString()));
            }
            catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final List<byte[]> inputs = new ArrayList<>();
        final InputStreamGenerator generator = new InputStreamGenerator(seed, length);
        List<JsonNode> last = List.of();
        while (generator.hasNext())
        {
            final JsonNode input = generator.next(last);
            outputs.clear();
            apply(processor, encoder, buffer, inputs, input);
            last = new ArrayList<>(outputs);
            generator.observe(last);
            if (queries)
            {
                for (final long account : generator.knownAccounts())
                {
                    final ObjectNode query = JsonNodeFactory.instance.objectNode();
                    query.put("type", "query");
                    query.put("ts", generator.now());
                    query.put("account", account);
                    apply(processor, encoder, buffer, inputs, query);
                }
            }
        }
        return new RecordedStream(inputs);
    }

    private static void apply(
        final MarginProcessor processor, final JsonInputEncoder encoder, final UnsafeBuffer buffer, final List<byte[]> inputs,
        final JsonNode input)
    {
        final int length = encoder.encode(input.toString(), buffer, 0);
        if (length < 0)
        {
            return;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        processor.onInput(inputs.size(), buffer, 0, length);
        inputs.add(bytes);
    }

    /** @return the binary inputs, in journal order (index = position). */
    public List<byte[]> inputs()
    {
        return inputs;
    }

    /** @return how many inputs there are. */
    public int size()
    {
        return inputs.size();
    }

    /**
     * Feeds inputs {@code from} (inclusive) to {@code to} (exclusive) to a processor, each with its
     * index as journal index.
     *
     * @param processor the processor.
     * @param from      first index.
     * @param to        index after the last.
     */
    public void feed(final MarginProcessor processor, final int from, final int to)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
        for (int i = from; i < to; i++)
        {
            buffer.wrap(inputs.get(i));
            processor.onInput(i, buffer, 0, inputs.get(i).length);
        }
    }

    /**
     * A processor whose outputs, as raw SBE bytes, are added to a list.
     *
     * @param context capacities.
     * @param outputs receives every output.
     * @return the processor.
     */
    public static MarginProcessor collecting(final Context context, final List<byte[]> outputs)
    {
        return new MarginProcessor(context, (DirectBuffer buffer, int offset, int length) ->
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            outputs.add(bytes);
        });
    }

    /**
     * Compares two output streams byte for byte, with a message that says where they part.
     *
     * @param expected the reference stream.
     * @param actual   the stream under test.
     * @return null when equal, else a sentence naming the first difference.
     */
    public static String firstDifference(final List<byte[]> expected, final List<byte[]> actual)
    {
        final JsonOutputWriter writer = new JsonOutputWriter();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
        {
            if (!Arrays.equals(expected.get(i), actual.get(i)))
            {
                return "output " + i + " differs: expected " + json(writer, expected.get(i)) + " but was " +
                    json(writer, actual.get(i));
            }
        }
        return expected.size() == actual.size() ? null :
            "expected " + expected.size() + " outputs but there were " + actual.size();
    }

    /**
     * @param writer an output writer.
     * @param output one output, SBE.
     * @return its JSON line.
     */
    public static String json(final JsonOutputWriter writer, final byte[] output)
    {
        final StringBuilder text = new StringBuilder();
        writer.write(new UnsafeBuffer(output), 0, text);
        return text.toString();
    }
}
