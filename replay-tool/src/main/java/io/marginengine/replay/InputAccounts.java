package io.marginengine.replay;

import io.marginengine.journal.sbe.AccountDecoder;
import io.marginengine.journal.sbe.CheckDecoder;
import io.marginengine.journal.sbe.DepositDecoder;
import io.marginengine.journal.sbe.FillDecoder;
import io.marginengine.journal.sbe.IsolatedMarginDecoder;
import io.marginengine.journal.sbe.LiquidationExpiredDecoder;
import io.marginengine.journal.sbe.MarginModeChangeDecoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.QueryDecoder;
import io.marginengine.journal.sbe.WithdrawDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads, straight from an SBE input, the account it names (inputs without an account field
 * name none), so a scan can skip the inputs of other accounts without decoding them to text.
 */
final class InputAccounts
{
    /** Returned for an input that names no account. */
    static final long NONE = Long.MIN_VALUE;

    private static final int[] ACCOUNT_OFFSET = new int[32];

    static
    {
        java.util.Arrays.fill(ACCOUNT_OFFSET, -1);
        ACCOUNT_OFFSET[AccountDecoder.TEMPLATE_ID] = AccountDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[DepositDecoder.TEMPLATE_ID] = DepositDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[WithdrawDecoder.TEMPLATE_ID] = WithdrawDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[MarginModeChangeDecoder.TEMPLATE_ID] = MarginModeChangeDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[IsolatedMarginDecoder.TEMPLATE_ID] = IsolatedMarginDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[FillDecoder.TEMPLATE_ID] = FillDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[LiquidationExpiredDecoder.TEMPLATE_ID] = LiquidationExpiredDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[CheckDecoder.TEMPLATE_ID] = CheckDecoder.accountEncodingOffset();
        ACCOUNT_OFFSET[QueryDecoder.TEMPLATE_ID] = QueryDecoder.accountEncodingOffset();
    }

    private InputAccounts()
    {
    }

    /**
     * @param buffer holds the input.
     * @param offset where its header starts.
     * @param length its length.
     * @return the account it names, or {@link #NONE}.
     */
    static long accountOf(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return NONE;
        }
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int fieldOffset = templateId < ACCOUNT_OFFSET.length ? ACCOUNT_OFFSET[templateId] : -1;
        if (fieldOffset < 0 || length < MessageHeaderDecoder.ENCODED_LENGTH + fieldOffset + Long.BYTES)
        {
            return NONE;
        }
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + fieldOffset, ByteOrder.LITTLE_ENDIAN);
    }
}
