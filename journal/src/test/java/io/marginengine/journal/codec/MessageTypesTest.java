package io.marginengine.journal.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageTypesTest
{
    @ParameterizedTest
    @CsvSource({
        "instrument, 1", "params, 2", "account, 3", "deposit, 4", "withdraw, 5", "margin_mode, 6",
        "isolated_margin, 7", "fill, 8", "liquidation_expired, 9", "mark, 10", "funding, 11", "clock, 12",
        "check, 13", "query, 14", "invalid_input, 15",
    })
    void mapsInputNames(final String name, final int templateId)
    {
        assertEquals(templateId, MessageTypes.templateId(name));
        assertEquals(name, MessageTypes.typeName(templateId));
        assertTrue(MessageTypes.isInput(templateId));
        assertFalse(MessageTypes.isOutput(templateId));
    }

    @ParameterizedTest
    @CsvSource({
        "margin_call, 100", "margin_call_cured, 101", "liquidation_order, 102", "liquidation_done, 103",
        "adl, 104", "insurance_fund, 105", "price_stale, 106", "price_resumed, 107", "check_result, 108",
        "account_state, 109", "reject, 110",
    })
    void mapsOutputNames(final String name, final int templateId)
    {
        assertEquals(templateId, MessageTypes.templateId(name));
        assertEquals(name, MessageTypes.typeName(templateId));
        assertTrue(MessageTypes.isOutput(templateId));
        assertFalse(MessageTypes.isInput(templateId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Fill", "FILL", "fill ", "foo", "unknown", "margin-call"})
    void refusesUnknownNames(final String name)
    {
        assertEquals(MessageTypes.UNKNOWN_TEMPLATE, MessageTypes.templateId(name));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 16, 99, 111, 65535})
    void namesUnknownIdsAsUnknown(final int templateId)
    {
        assertEquals("unknown", MessageTypes.typeName(templateId));
        assertFalse(MessageTypes.isInput(templateId));
        assertFalse(MessageTypes.isOutput(templateId));
    }

    @Test
    void acceptsAnyCharSequence()
    {
        assertEquals(8, MessageTypes.templateId(new StringBuilder("fill")));
    }
}
