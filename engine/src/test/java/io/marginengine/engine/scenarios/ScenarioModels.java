package io.marginengine.engine.scenarios;

import io.marginengine.engine.reference.ReferenceModel;
import io.marginengine.engine.testkit.EngineModel;
import io.marginengine.engine.testkit.ModelUnderTest;
import org.junit.jupiter.api.Named;

import java.util.List;
import java.util.function.Supplier;

/**
 * The models {@link WorkedScenarioTest} runs every worked scenario through.
 * <p>
 * Each entry names a model and makes a fresh instance of it; every scenario gets its own
 * instance, so a scenario always starts from an empty engine: the off-heap engine behind its
 * JSON codec, and the on-heap reference model.
 */
public final class ScenarioModels
{
    private ScenarioModels()
    {
    }

    /** @return every model the worked scenarios must hold for. */
    public static List<Named<Supplier<ModelUnderTest>>> all()
    {
        return List.of(
            Named.of("engine", () -> EngineModel.create(64, 8, 8)),
            Named.of("reference", () -> new ReferenceModel(64, 8, 8)));
    }
}
