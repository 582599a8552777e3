package io.marginengine.engine.testkit;

import io.marginengine.engine.Context;
import io.marginengine.engine.ScenarioMain;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded demo scenario as test data: its input lines, and the outputs the processor
 * alone gives for them (the yardstick the pipeline tests compare against).
 */
public final class DemoScenario
{
    private DemoScenario()
    {
    }

    /** @return the non-blank lines of the embedded default scenario. */
    public static List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            ScenarioMain.class.getResourceAsStream(ScenarioMain.DEMO_SCENARIO), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = in.readLine()) != null)
            {
                if (!line.isBlank())
                {
                    lines.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return lines;
    }

    /**
     * @param lines input lines.
     * @return the outputs, as JSON text, of a processor fed those lines directly.
     */
    public static List<String> outputsOfProcessorAlone(final List<String> lines)
    {
        final List<String> texts = new ArrayList<>();
        final JsonOutputWriter writer = new JsonOutputWriter();
        final MarginProcessor processor = new MarginProcessor(new Context(), (b, o, l) ->
        {
            final StringBuilder text = new StringBuilder();
            writer.write(b, o, text);
            texts.add(text.toString());
        });
        final JsonInputEncoder encoder = new JsonInputEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        long index = 0;
        for (final String line : lines)
        {
            processor.onInput(index++, buffer, 0, encoder.encode(line, buffer, 0));
        }
        return texts;
    }
}
