package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.AccountDecoder;
import io.marginengine.journal.sbe.AccountStateDecoder;
import io.marginengine.journal.sbe.AdlDecoder;
import io.marginengine.journal.sbe.CheckDecoder;
import io.marginengine.journal.sbe.CheckResultDecoder;
import io.marginengine.journal.sbe.ClockDecoder;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.FundingDecoder;
import io.marginengine.journal.sbe.InstrumentDecoder;
import io.marginengine.journal.sbe.InsuranceFundDecoder;
import io.marginengine.journal.sbe.InvalidInputDecoder;
import io.marginengine.journal.sbe.IsolatedMarginDecoder;
import io.marginengine.journal.sbe.LiquidationDoneDecoder;
import io.marginengine.journal.sbe.LiquidationExpiredDecoder;
import io.marginengine.journal.sbe.LiquidationOrderDecoder;
import io.marginengine.journal.sbe.MarginCallCuredDecoder;
import io.marginengine.journal.sbe.MarginCallDecoder;
import io.marginengine.journal.sbe.MarginModeChangeDecoder;
import io.marginengine.journal.sbe.MarkDecoder;
import io.marginengine.journal.sbe.ParamsDecoder;
import io.marginengine.journal.sbe.PriceResumedDecoder;
import io.marginengine.journal.sbe.PriceStaleDecoder;
import io.marginengine.journal.sbe.QueryDecoder;
import io.marginengine.journal.sbe.RejectDecoder;
import io.marginengine.journal.sbe.WithdrawDecoder;

/**
 * The names of the event contract's message types in JSON Lines (SPEC section 5) and their
 * SBE template ids, plus the size limits every edge of the contract enforces.
 * <p>
 * {@code invalid_input} (template 15) is not an input a sender would write: it is how the
 * journal dump shows a line that an edge could not decode. {@link JsonInputEncoder} reads it
 * back all the same, so a dump replays to the very same bytes.
 */
public final class MessageTypes
{
    /** Bytes of the fixed ring slot: no encoded input, header included, is longer. */
    public static final int MAX_INPUT_LENGTH = 512;

    /** Most margin tiers an instrument may have. */
    public static final int MAX_TIERS = 12;

    /** Fewest characters of an instrument symbol. */
    public static final int MIN_SYMBOL_LENGTH = 1;

    /** Most characters of an instrument symbol. */
    public static final int MAX_SYMBOL_LENGTH = 16;

    /** Most characters of an {@code InvalidInput} reason; longer sentences are truncated. */
    public static final int MAX_REASON_LENGTH = 200;

    /** Returned by {@link #templateId(CharSequence)} for a name that is no message type. */
    public static final int UNKNOWN_TEMPLATE = -1;

    /** Returned by {@link #typeName(int)} for a template id outside the contract. */
    public static final String UNKNOWN_NAME = "unknown";

    /** The JSON type name of {@code InvalidInput}. */
    public static final String INVALID_INPUT = "invalid_input";

    private static final int FIRST_OUTPUT_ID = MarginCallDecoder.TEMPLATE_ID;
    private static final int LAST_OUTPUT_ID = RejectDecoder.TEMPLATE_ID;
    private static final int LAST_INPUT_ID = InvalidInputDecoder.TEMPLATE_ID;
    private static final String[] NAMES = new String[LAST_OUTPUT_ID + 1];

    static
    {
        NAMES[InstrumentDecoder.TEMPLATE_ID] = "instrument";
        NAMES[ParamsDecoder.TEMPLATE_ID] = "params";
        NAMES[AccountDecoder.TEMPLATE_ID] = "account";
        NAMES[DepositDecoder.TEMPLATE_ID] = "deposit";
        NAMES[WithdrawDecoder.TEMPLATE_ID] = "withdraw";
        NAMES[MarginModeChangeDecoder.TEMPLATE_ID] = "margin_mode";
        NAMES[IsolatedMarginDecoder.TEMPLATE_ID] = "isolated_margin";
        NAMES[FillDecoder.TEMPLATE_ID] = "fill";
        NAMES[LiquidationExpiredDecoder.TEMPLATE_ID] = "liquidation_expired";
        NAMES[MarkDecoder.TEMPLATE_ID] = "mark";
        NAMES[FundingDecoder.TEMPLATE_ID] = "funding";
        NAMES[ClockDecoder.TEMPLATE_ID] = "clock";
        NAMES[CheckDecoder.TEMPLATE_ID] = "check";
        NAMES[QueryDecoder.TEMPLATE_ID] = "query";
        NAMES[InvalidInputDecoder.TEMPLATE_ID] = INVALID_INPUT;
        NAMES[MarginCallDecoder.TEMPLATE_ID] = "margin_call";
        NAMES[MarginCallCuredDecoder.TEMPLATE_ID] = "margin_call_cured";
        NAMES[LiquidationOrderDecoder.TEMPLATE_ID] = "liquidation_order";
        NAMES[LiquidationDoneDecoder.TEMPLATE_ID] = "liquidation_done";
        NAMES[AdlDecoder.TEMPLATE_ID] = "adl";
        NAMES[InsuranceFundDecoder.TEMPLATE_ID] = "insurance_fund";
        NAMES[PriceStaleDecoder.TEMPLATE_ID] = "price_stale";
        NAMES[PriceResumedDecoder.TEMPLATE_ID] = "price_resumed";
        NAMES[CheckResultDecoder.TEMPLATE_ID] = "check_result";
        NAMES[AccountStateDecoder.TEMPLATE_ID] = "account_state";
        NAMES[RejectDecoder.TEMPLATE_ID] = "reject";
    }

    private MessageTypes()
    {
    }

    /**
     * Finds the template id of a JSON type name, input or output, without allocating.
     *
     * @param name a type name such as {@code "fill"}; compared exactly (case matters).
     * @return the SBE template id, or {@link #UNKNOWN_TEMPLATE}.
     */
    public static int templateId(final CharSequence name)
    {
        for (int id = 0; id < NAMES.length; id++)
        {
            final String candidate = NAMES[id];
            if (candidate != null && candidate.contentEquals(name))
            {
                return id;
            }
        }
        return UNKNOWN_TEMPLATE;
    }

    /**
     * The JSON type name of a template id, as written in the {@code type} field (and in a
     * reject's {@code input}).
     *
     * @param templateId an SBE template id.
     * @return the name, or {@link #UNKNOWN_NAME} when the id is no message of the contract.
     */
    public static String typeName(final int templateId)
    {
        final boolean known = templateId >= 0 && templateId < NAMES.length && NAMES[templateId] != null;
        return known ? NAMES[templateId] : UNKNOWN_NAME;
    }

    /**
     * Whether a template id is an input (a message the processor consumes), including
     * {@code InvalidInput}.
     *
     * @param templateId an SBE template id.
     * @return true for ids 1 to 15.
     */
    public static boolean isInput(final int templateId)
    {
        return templateId >= 1 && templateId <= LAST_INPUT_ID;
    }

    /**
     * Whether a template id is an output (a message the processor emits).
     *
     * @param templateId an SBE template id.
     * @return true for ids 100 to 110.
     */
    public static boolean isOutput(final int templateId)
    {
        return templateId >= FIRST_OUTPUT_ID && templateId <= LAST_OUTPUT_ID;
    }
}
