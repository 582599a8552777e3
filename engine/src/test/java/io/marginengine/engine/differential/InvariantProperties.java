package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.reference.InputDecoder;
import io.marginengine.engine.reference.ReferenceModel;
import io.marginengine.engine.testkit.ModelUnderTest;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static io.marginengine.engine.differential.InputStreamGenerator.MAX_ACCOUNTS;
import static io.marginengine.engine.differential.InputStreamGenerator.MAX_INSTRUMENTS;
import static io.marginengine.engine.differential.InputStreamGenerator.MAX_POSITIONS_PER_ACCOUNT;

/**
 * Invariants on the generated streams, for the reference model and for any engine that
 * exposes an {@link InvariantView}:
 * <ul>
 * <li>after every input, money is conserved, no breach is left NORMAL, ADL is two-sided, the
 * fund's balance moves only with {@code insurance_fund} outputs and no wallet is silently
 * negative ({@link Invariants});</li>
 * <li>a rejected input changes nothing: a second model that gets a {@code clock} (same ts, seq
 * and source) wherever the first rejected an input that reached the processor gives the same
 * outputs, rejects aside, and the same {@code account_state} for every account after every
 * input (RULES section 4). Duplicates, inputs going back in time and undecodable inputs do not
 * move time, so they are passed on unchanged.</li>
 * </ul>
 */
class InvariantProperties
{
    private static final int STREAM_LENGTH = DifferentialProperties.STREAM_LENGTH;
    private static final Set<String> NOT_MOVING_TIME = Set.of("DUPLICATE", "TIME_BACKWARDS");

    private final Supplier<ModelUnderTest> engineFactory =
        EngineModels.create(MAX_ACCOUNTS, MAX_INSTRUMENTS, MAX_POSITIONS_PER_ACCOUNT);

    private static ReferenceInvariantView reference()
    {
        return new ReferenceInvariantView(new ReferenceModel(MAX_ACCOUNTS, MAX_INSTRUMENTS, MAX_POSITIONS_PER_ACCOUNT));
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void invariantsHoldInTheReferenceModel(@ForAll final long seed)
    {
        checkInvariants(seed, false);
    }

    /** The reference model leads the stream (the generator answers its liquidation orders). */
    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void invariantsHoldInTheEngine(@ForAll final long seed)
    {
        checkInvariants(seed, true);
    }

    @Example
    void invariantsHoldOnAFixedStreamInTheReferenceModel()
    {
        checkInvariants(20_261_121L, false);
    }

    @Example
    void invariantsHoldOnAFixedStreamInTheEngine()
    {
        checkInvariants(20_261_121L, true);
    }

    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void aRejectedInputHasExactlyTheEffectOfAClockInTheReferenceModel(@ForAll final long seed)
    {
        checkRejectIsClock(seed, reference(), reference(), "reference");
    }

    @Property(tries = 50, shrinking = ShrinkingMode.OFF)
    void aRejectedInputHasExactlyTheEffectOfAClockInTheEngine(@ForAll final long seed)
    {
        checkRejectIsClock(seed, engineFactory.get(), engineFactory.get(), "engine");
    }

    /**
     * Runs a stream led by the reference model and checks the invariants after every input (not
     * after the queries that follow it) in the reference model, or in the engine that follows it.
     */
    private void checkInvariants(final long seed, final boolean engineSide)
    {
        final ReferenceInvariantView reference = reference();
        final ModelUnderTest follower = engineSide ? engineFactory.get() : (journalIndex, input) -> List.of();
        final InvariantView checked = engineSide ? (InvariantView)follower : reference;
        final Invariants invariants = new Invariants(checked);
        final String name = engineSide ? "engine" : "reference";
        Lockstep.run(seed, STREAM_LENGTH, reference, follower, (input, outputs) -> input, step ->
        {
            if (!step.query())
            {
                requireInvariants(invariants, checked, engineSide ? step.outputsB() : step.outputsA(), name,
                    engineSide ? "engine" : "(no second model)", step);
            }
        });
    }

    private static void requireInvariants(
        final Invariants invariants,
        final InvariantView view,
        final List<JsonNode> outputs,
        final String name,
        final String followerName,
        final Lockstep.Step step)
    {
        final List<String> violations = invariants.afterInput(view, outputs);
        if (!violations.isEmpty())
        {
            throw new AssertionError(step.describe(name + " breaks an invariant: " + violations, "reference",
                followerName));
        }
    }

    private static void checkRejectIsClock(
        final long seed, final ModelUnderTest first, final ModelUnderTest second, final String name)
    {
        Lockstep.run(seed, STREAM_LENGTH, first, second, InvariantProperties::clockIfRejected, step ->
        {
            final boolean replaced = !step.inputB().equals(step.inputA());
            final List<String> expected = replaced ?
                OutputLines.withoutRejects(step.outputsA()) : OutputLines.of(step.outputsA());
            final List<String> actual = OutputLines.of(step.outputsB());
            if (!expected.equals(actual))
            {
                throw new AssertionError(step.describe(
                    name + ": the run with rejected inputs replaced by clocks differs (rejects aside)",
                    name + " on the stream", name + " with clocks"));
            }
        });
    }

    /**
     * {@code input} itself, or a {@code clock} with its ts, seq and source when the first model
     * rejected it after it passed the decode, duplicate and time checks.
     */
    static JsonNode clockIfRejected(final JsonNode input, final List<JsonNode> outputs)
    {
        boolean rejectedByProcessor = false;
        for (final JsonNode output : outputs)
        {
            if ("reject".equals(output.path("type").asText()) && !NOT_MOVING_TIME.contains(output.path("code").asText()))
            {
                rejectedByProcessor = true;
            }
        }
        if (!rejectedByProcessor || InputDecoder.knownType(input).isEmpty() ||
            InputDecoder.decodeError(input).isPresent())
        {
            return input;
        }
        final ObjectNode clock = JsonNodeFactory.instance.objectNode();
        clock.put("type", "clock");
        clock.set("ts", input.get("ts"));
        for (final String field : List.of("seq", "source"))
        {
            if (input.has(field))
            {
                clock.set(field, input.get(field));
            }
        }
        return clock;
    }
}
