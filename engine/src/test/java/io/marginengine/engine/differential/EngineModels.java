package io.marginengine.engine.differential;

import io.marginengine.engine.testkit.EngineModel;
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
     * A factory of fresh off-heap engines with the given capacity, each seen through the JSON
     * codec as a {@link ModelUnderTest} and, reading its stores, an {@link InvariantView}.
     *
     * @param maxAccounts            most accounts.
     * @param maxInstruments         most instruments.
     * @param maxPositionsPerAccount most positions per account.
     * @return the factory.
     */
    public static Supplier<ModelUnderTest> create(
        final int maxAccounts, final int maxInstruments, final int maxPositionsPerAccount)
    {
        return () -> new EngineInvariantView(EngineModel.create(maxAccounts, maxInstruments, maxPositionsPerAccount));
    }
}
