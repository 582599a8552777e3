package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.testkit.ModelUnderTest;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Drives two models through one generated stream in lockstep. After every input it also sends
 * a {@code query} for every known account to both, each with its own journal index, at the
 * generator's current time (which moves nothing). Model {@code a} leads: the generator watches
 * its outputs. Model {@code b} gets each input through {@code inputForB} (identity for a plain
 * differential run).
 */
final class Lockstep
{
    /** What one input (or query) did in both models. */
    record Step(long seed, int step, long journalIndex, JsonNode inputA, JsonNode inputB,
                List<JsonNode> outputsA, List<JsonNode> outputsB, boolean query)
    {
        /** Everything a person needs to replay and read a failure. */
        String describe(final String what, final String nameA, final String nameB)
        {
            return what + "\n  seed " + seed + ", input #" + step + " (journal index " + journalIndex + ")" +
                (query ? ", query after that input" : "") + "\n  input to " + nameA + ": " + inputA +
                (inputB.equals(inputA) ? "" : "\n  input to " + nameB + ": " + inputB) +
                "\n  " + nameA + " answered:\n" + OutputLines.show(OutputLines.of(outputsA)) +
                "  " + nameB + " answered:\n" + OutputLines.show(OutputLines.of(outputsB));
        }
    }

    /** Called after every input and every query. */
    interface Listener
    {
        void after(Step step);
    }

    private Lockstep()
    {
    }

    static void run(
        final long seed,
        final int length,
        final ModelUnderTest a,
        final ModelUnderTest b,
        final BiFunction<JsonNode, List<JsonNode>, JsonNode> inputForB,
        final Listener listener)
    {
        final InputStreamGenerator generator = new InputStreamGenerator(seed, length);
        List<JsonNode> lastOutputs = List.of();
        long journalIndex = 0;
        int step = 0;
        while (generator.hasNext())
        {
            final JsonNode input = generator.next(lastOutputs);
            final List<JsonNode> outputsA = a.apply(journalIndex, input.deepCopy());
            final JsonNode inputB = inputForB.apply(input, outputsA);
            final List<JsonNode> outputsB = b.apply(journalIndex, inputB.deepCopy());
            listener.after(new Step(seed, step, journalIndex, input, inputB, outputsA, outputsB, false));
            journalIndex++;
            generator.observe(outputsA);
            for (final long account : generator.knownAccounts())
            {
                final ObjectNode query = JsonNodeFactory.instance.objectNode();
                query.put("type", "query");
                query.put("ts", generator.now());
                query.put("account", account);
                final List<JsonNode> queryA = a.apply(journalIndex, query.deepCopy());
                final List<JsonNode> queryB = b.apply(journalIndex, query.deepCopy());
                listener.after(new Step(seed, step, journalIndex, query, query, queryA, queryB, true));
                journalIndex++;
            }
            lastOutputs = outputsA;
            step++;
        }
    }
}
