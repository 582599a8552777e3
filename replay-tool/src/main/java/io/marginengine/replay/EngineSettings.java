package io.marginengine.replay;

import io.marginengine.engine.Context;
import io.marginengine.engine.EngineConfig;

import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The capacities a replay runs with. They must be the live run's: a journal recorded with
 * room for 100,000 accounts, replayed into 1,024, would refuse accounts the live engine took
 * ({@code CAPACITY}), and every output after would differ. Taken, in order, from
 * {@code --config FILE} (the engine's properties file, {@link EngineConfig} format), from
 * the data directory's {@code engine-effective.properties}, or else the {@link Context} defaults.
 */
public final class EngineSettings
{
    private final Context context;
    private final String source;

    private EngineSettings(final Context context, final String source)
    {
        this.context = context;
        this.source = source;
    }

    /**
     * @param config   the file named by {@code --config}, or null.
     * @param location where the recording is; its {@code engine-effective.properties} is the fallback.
     * @return the settings and where they came from.
     */
    public static EngineSettings of(final Path config, final DataLocation location)
    {
        if (config != null)
        {
            return new EngineSettings(load(config).context(), "--config " + config);
        }
        if (location.engineProperties() != null)
        {
            return new EngineSettings(load(location.engineProperties()).context(), location.engineProperties().toString());
        }
        return new EngineSettings(new Context().conclude(), "the engine's defaults (no --config, no engine-effective.properties)");
    }

    /**
     * Reads an engine properties file.
     *
     * @param file the file.
     * @return its configuration.
     * @throws ToolException (usage) with the engine's sentence naming the file and the bad setting.
     */
    static EngineConfig load(final Path file)
    {
        try
        {
            return EngineConfig.load(file);
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            throw ToolException.usage(ex.getMessage());
        }
    }

    /**
     * @return the concluded context: it only describes capacities, each processor allocates
     *     its own state from it, so several processors may share it.
     */
    public Context context()
    {
        return context;
    }

    /** @return where the capacities came from, for the summary. */
    public String source()
    {
        return source;
    }

    /** @return the capacities in one line, for the summary. */
    public String describe()
    {
        return "maxAccounts " + context.maxAccounts() + ", maxInstruments " + context.maxInstruments() +
            ", maxPositionsPerAccount " + context.maxPositionsPerAccount() + ", maxSources " + context.maxSources() +
            ", insuranceFundAccount " + context.insuranceFundAccount();
    }
}
