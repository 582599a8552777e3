package io.marginengine.engine.scenarios;

import io.marginengine.engine.testkit.ModelUnderTest;
import org.junit.jupiter.api.Named;

import java.util.List;
import java.util.function.Supplier;

/**
 * The models {@link WorkedScenarioTest} runs every worked scenario through.
 * <p>
 * Each entry names a model and makes a fresh instance of it; every scenario gets its own
 * instance, so a scenario always starts from an empty engine. Empty for now: the engine
 * (behind its JSON codec) and the on-heap reference model are added here once they exist,
 * e.g. {@code Named.of("reference", ReferenceModel::new)}.
 */
public final class ScenarioModels
{
    private ScenarioModels()
    {
    }

    public static List<Named<Supplier<ModelUnderTest>>> all()
    {
        return List.of();
    }
}
