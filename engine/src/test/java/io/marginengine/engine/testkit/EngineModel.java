package io.marginengine.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marginengine.engine.Context;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.JsonOutputWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The off-heap engine seen through the JSON Lines contract: each input object is encoded by
 * the journal's {@link JsonInputEncoder} into the binary form, processed by a
 * {@link MarginProcessor}, and each binary output written back as JSON by
 * {@link JsonOutputWriter}. This is the "engine" side of every differential test.
 */
public final class EngineModel implements ModelUnderTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MarginProcessor processor;
    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final JsonOutputWriter writer = new JsonOutputWriter();
    private final UnsafeBuffer inputBuffer = new UnsafeBuffer(new byte[4096]);
    private final StringBuilder text = new StringBuilder();
    private final List<JsonNode> outputs = new ArrayList<>();

    /**
     * @param context capacities.
     */
    public EngineModel(final Context context)
    {
        processor = new MarginProcessor(context, (buffer, offset, length) ->
        {
            text.setLength(0);
            if (writer.write(buffer, offset, text) < 0)
            {
                throw new IllegalStateException("engine produced an output the JSON writer cannot read");
            }
            try
            {
                outputs.add(MAPPER.readTree(text.toString()));
            }
            catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
            {
                throw new UncheckedIOException("engine output is not JSON: " + text, ex);
            }
        });
    }

    /**
     * @param maxAccounts            most accounts.
     * @param maxInstruments         most instruments.
     * @param maxPositionsPerAccount most positions per account.
     * @return an engine model with those capacities.
     */
    public static EngineModel create(final int maxAccounts, final int maxInstruments, final int maxPositionsPerAccount)
    {
        return new EngineModel(new Context().maxAccounts(maxAccounts).maxInstruments(maxInstruments)
            .maxPositionsPerAccount(maxPositionsPerAccount));
    }

    /** @return the processor, for invariant checks. */
    public MarginProcessor processor()
    {
        return processor;
    }

    @Override
    public List<JsonNode> apply(final long journalIndex, final JsonNode input)
    {
        outputs.clear();
        final int length = encoder.encode(input.toString(), inputBuffer, 0);
        if (length < 0)
        {
            // not JSON, or no known type: the edge reports it and skips it (SPEC section 6)
            return new ArrayList<>(outputs);
        }
        processor.onInput(journalIndex, inputBuffer, 0, length);
        return new ArrayList<>(outputs);
    }
}
