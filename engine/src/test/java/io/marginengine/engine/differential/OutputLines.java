package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Outputs in the form the tests compare: one compact JSON line each, field order kept, with
 * {@code reason} removed (its text is for people and may differ between models).
 */
final class OutputLines
{
    private OutputLines()
    {
    }

    static List<String> of(final List<JsonNode> outputs)
    {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode output : outputs)
        {
            lines.add(withoutReason(output));
        }
        return lines;
    }

    /** The lines of {@code outputs} other than {@code reject}s. */
    static List<String> withoutRejects(final List<JsonNode> outputs)
    {
        final List<String> lines = new ArrayList<>();
        for (final JsonNode output : outputs)
        {
            if (!"reject".equals(output.path("type").asText()))
            {
                lines.add(withoutReason(output));
            }
        }
        return lines;
    }

    private static String withoutReason(final JsonNode output)
    {
        if (!output.isObject())
        {
            return String.valueOf(output);
        }
        final ObjectNode copy = ((ObjectNode)output).deepCopy();
        copy.remove("reason");
        return copy.toString();
    }

    /** Outputs one per line, for failure messages. */
    static String show(final List<?> lines)
    {
        if (lines.isEmpty())
        {
            return "    (no output)\n";
        }
        final StringBuilder text = new StringBuilder();
        for (final Object line : lines)
        {
            text.append("    ").append(line).append('\n');
        }
        return text.toString();
    }
}
