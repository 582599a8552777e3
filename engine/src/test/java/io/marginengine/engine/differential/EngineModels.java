package io.marginengine.engine.differential;

import io.marginengine.engine.reference.ReferenceModel;
import io.marginengine.engine.testkit.ModelUnderTest;

import java.util.function.Supplier;

/**
 * Where the differential and invariant tests get the engine under test from.
 */
public final class EngineModels
{
    private EngineModels()
    {
    }

    /**
     * A factory of fresh engines with the given capacity, each seen as a {@link ModelUnderTest}
     * (and, when it can, an {@link InvariantView}).
     * <p>
     * STUB, replaced by the engine adapter when it lands: for now every engine is a second,
     * independent {@link ReferenceModel}, so the harness runs end to end today.
     */
    public static Supplier<ModelUnderTest> create(
        final int maxAccounts, final int maxInstruments, final int maxPositionsPerAccount)
    {
        return () -> new ReferenceInvariantView(new ReferenceModel(maxAccounts, maxInstruments, maxPositionsPerAccount));
    }
}
