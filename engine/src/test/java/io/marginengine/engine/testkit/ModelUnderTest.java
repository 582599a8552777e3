package io.marginengine.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Something that consumes margin-engine inputs and produces outputs, seen through the JSON
 * Lines contract of SPEC section 6 and docs/RULES.md section 7.
 * <p>
 * Two implementations exist: the off-heap engine behind the JSON codec, and the on-heap
 * reference model written separately in test code. Differential tests feed both the same
 * stream and compare what comes out.
 */
public interface ModelUnderTest
{
    /**
     * Applies one input.
     *
     * @param journalIndex the index the input has in the journal; every output names it as {@code cause}.
     * @param input        one input object, {@code type} first (SPEC section 6).
     * @return the outputs the input caused, in emission order, each a JSON object.
     */
    List<JsonNode> apply(long journalIndex, JsonNode input);
}
