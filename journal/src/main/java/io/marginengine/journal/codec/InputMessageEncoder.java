package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.AccountEncoder;
import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.CheckEncoder;
import io.marginengine.journal.sbe.ClockEncoder;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.DepositEncoder;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.FundingEncoder;
import io.marginengine.journal.sbe.InstrumentEncoder;
import io.marginengine.journal.sbe.InvalidInputEncoder;
import io.marginengine.journal.sbe.IsolatedMarginEncoder;
import io.marginengine.journal.sbe.LiquidationExpiredEncoder;
import io.marginengine.journal.sbe.MarginMode;
import io.marginengine.journal.sbe.MarginModeChangeEncoder;
import io.marginengine.journal.sbe.MarkEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.ParamsEncoder;
import io.marginengine.journal.sbe.QueryEncoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.Side;
import io.marginengine.journal.sbe.WithdrawEncoder;
import org.agrona.MutableDirectBuffer;

import static io.marginengine.journal.codec.InputField.ACCOUNT;
import static io.marginengine.journal.codec.InputField.AMOUNT;
import static io.marginengine.journal.codec.InputField.CALL_GRACE_NS;
import static io.marginengine.journal.codec.InputField.CALL_LEVEL;
import static io.marginengine.journal.codec.InputField.CODE;
import static io.marginengine.journal.codec.InputField.CURE_LEVEL;
import static io.marginengine.journal.codec.InputField.FEE;
import static io.marginengine.journal.codec.InputField.INPUT;
import static io.marginengine.journal.codec.InputField.INSTRUMENT;
import static io.marginengine.journal.codec.InputField.LIQUIDATION;
import static io.marginengine.journal.codec.InputField.LIQUIDATION_FEE_RATE;
import static io.marginengine.journal.codec.InputField.LIQUIDATION_LEVEL;
import static io.marginengine.journal.codec.InputField.MAX_MARK_MOVE_RATE;
import static io.marginengine.journal.codec.InputField.MODE;
import static io.marginengine.journal.codec.InputField.MULTIPLIER;
import static io.marginengine.journal.codec.InputField.ORDER_ID;
import static io.marginengine.journal.codec.InputField.PARTIAL_LIQUIDATION;
import static io.marginengine.journal.codec.InputField.PRICE;
import static io.marginengine.journal.codec.InputField.PRICE_SCALE;
import static io.marginengine.journal.codec.InputField.QTY;
import static io.marginengine.journal.codec.InputField.QTY_SCALE;
import static io.marginengine.journal.codec.InputField.RATE;
import static io.marginengine.journal.codec.InputField.REASON;
import static io.marginengine.journal.codec.InputField.SEQ;
import static io.marginengine.journal.codec.InputField.SIDE;
import static io.marginengine.journal.codec.InputField.SOURCE;
import static io.marginengine.journal.codec.InputField.STALE_AFTER_NS;
import static io.marginengine.journal.codec.InputField.SYMBOL;
import static io.marginengine.journal.codec.InputField.TIERS;
import static io.marginengine.journal.codec.InputField.TS;

/**
 * Turns the fields of one input line ({@link InputFields}) into the SBE message of its type,
 * or into an {@code InvalidInput} naming the first field, in schema order, that is bad or
 * missing.
 * <p>
 * Each type's layout lists its fields in schema order with the optional ones flagged;
 * {@code ts}, {@code seq} and {@code source} come first for every type. An absent optional
 * field takes its default ({@link InputField#defaultValue(int)}).
 */
final class InputMessageEncoder
{
    private static final int OPTIONAL = 1 << 16;
    private static final int FIELD_MASK = OPTIONAL - 1;
    private static final int[] COMMON = {TS, SEQ | OPTIONAL, SOURCE | OPTIONAL};
    private static final int[] INVALID_INPUT_COMMON = {TS | OPTIONAL, SEQ | OPTIONAL, SOURCE | OPTIONAL};
    private static final int[][] LAYOUTS = new int[InvalidInputEncoder.TEMPLATE_ID + 1][];

    static
    {
        LAYOUTS[InstrumentEncoder.TEMPLATE_ID] = new int[] {INSTRUMENT, PRICE_SCALE, QTY_SCALE, MULTIPLIER | OPTIONAL,
            LIQUIDATION_FEE_RATE, STALE_AFTER_NS | OPTIONAL, MAX_MARK_MOVE_RATE | OPTIONAL, TIERS, SYMBOL};
        LAYOUTS[ParamsEncoder.TEMPLATE_ID] = new int[] {CALL_LEVEL | OPTIONAL, LIQUIDATION_LEVEL | OPTIONAL,
            CURE_LEVEL | OPTIONAL, CALL_GRACE_NS | OPTIONAL, PARTIAL_LIQUIDATION | OPTIONAL};
        LAYOUTS[AccountEncoder.TEMPLATE_ID] = new int[] {ACCOUNT};
        LAYOUTS[DepositEncoder.TEMPLATE_ID] = new int[] {ACCOUNT, AMOUNT};
        LAYOUTS[WithdrawEncoder.TEMPLATE_ID] = new int[] {ACCOUNT, AMOUNT};
        LAYOUTS[MarginModeChangeEncoder.TEMPLATE_ID] = new int[] {ACCOUNT, INSTRUMENT, MODE};
        LAYOUTS[IsolatedMarginEncoder.TEMPLATE_ID] = new int[] {ACCOUNT, INSTRUMENT, AMOUNT};
        LAYOUTS[FillEncoder.TEMPLATE_ID] = new int[] {ACCOUNT, INSTRUMENT, SIDE, QTY, PRICE, FEE | OPTIONAL,
            LIQUIDATION | OPTIONAL, ORDER_ID | OPTIONAL};
        LAYOUTS[LiquidationExpiredEncoder.TEMPLATE_ID] = new int[] {ORDER_ID, ACCOUNT, INSTRUMENT, QTY};
        LAYOUTS[MarkEncoder.TEMPLATE_ID] = new int[] {INSTRUMENT, PRICE};
        LAYOUTS[FundingEncoder.TEMPLATE_ID] = new int[] {INSTRUMENT, RATE};
        LAYOUTS[ClockEncoder.TEMPLATE_ID] = new int[] {};
        LAYOUTS[CheckEncoder.TEMPLATE_ID] = new int[] {ACCOUNT, INSTRUMENT, SIDE, QTY, PRICE};
        LAYOUTS[QueryEncoder.TEMPLATE_ID] = new int[] {ACCOUNT};
        LAYOUTS[InvalidInputEncoder.TEMPLATE_ID] = new int[] {INPUT, CODE, REASON};
    }

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InstrumentEncoder instrument = new InstrumentEncoder();
    private final ParamsEncoder params = new ParamsEncoder();
    private final AccountEncoder account = new AccountEncoder();
    private final DepositEncoder deposit = new DepositEncoder();
    private final WithdrawEncoder withdraw = new WithdrawEncoder();
    private final MarginModeChangeEncoder marginMode = new MarginModeChangeEncoder();
    private final IsolatedMarginEncoder isolatedMargin = new IsolatedMarginEncoder();
    private final FillEncoder fill = new FillEncoder();
    private final LiquidationExpiredEncoder liquidationExpired = new LiquidationExpiredEncoder();
    private final MarkEncoder mark = new MarkEncoder();
    private final FundingEncoder funding = new FundingEncoder();
    private final ClockEncoder clock = new ClockEncoder();
    private final CheckEncoder check = new CheckEncoder();
    private final QueryEncoder query = new QueryEncoder();
    private final InvalidInputEncoder invalidInput = new InvalidInputEncoder();
    private final StringBuilder reason = new StringBuilder(MessageTypes.MAX_REASON_LENGTH * 2);
    private int encodedTemplateId;

    /**
     * Encodes one input, header included, at {@code offset}.
     *
     * @param templateId the input type the line names (1 to 15).
     * @return the encoded length in bytes.
     */
    int encode(final int templateId, final InputFields fields, final MutableDirectBuffer buffer, final int offset)
    {
        final int firstBad = check(templateId, fields);
        if (firstBad >= 0)
        {
            return encodeInvalid(templateId, fields, firstBad, buffer, offset);
        }
        encodedTemplateId = templateId;
        return MessageHeaderEncoder.ENCODED_LENGTH + encodeValid(templateId, fields, buffer, offset);
    }

    /** The template id of the message last encoded: the line's type, or InvalidInput's. */
    int encodedTemplateId()
    {
        return encodedTemplateId;
    }

    private static int check(final int templateId, final InputFields fields)
    {
        final int[] common = templateId == InvalidInputEncoder.TEMPLATE_ID ? INVALID_INPUT_COMMON : COMMON;
        final int firstBad = check(common, fields);
        return firstBad >= 0 ? firstBad : check(LAYOUTS[templateId], fields);
    }

    /**
     * Fills defaults of absent optional fields and finds the first bad or missing field.
     */
    private static int check(final int[] layout, final InputFields fields)
    {
        for (final int entry : layout)
        {
            final int id = entry & FIELD_MASK;
            if (fields.isBad(id))
            {
                return id;
            }
            if (fields.isMissing(id))
            {
                if ((entry & OPTIONAL) == 0)
                {
                    final String verdict = fields.isNull(id) ? "' is null" : "' is missing";
                    fields.problem(id, RejectCode.BAD_INPUT)
                        .append('\'').append(InputField.name(id)).append(verdict)
                        .append("; expected ").append(InputField.expected(InputField.kind(id)));
                    return id;
                }
                fields.applyDefault(id);
            }
        }
        return -1;
    }

    private int encodeInvalid(
        final int templateId, final InputFields fields, final int badField, final MutableDirectBuffer buffer, final int offset)
    {
        reason.setLength(0);
        reason.append(MessageTypes.typeName(templateId)).append(" field ").append(fields.problemOf(badField));
        reason.setLength(Math.min(reason.length(), MessageTypes.MAX_REASON_LENGTH));
        invalidInput.wrapAndApplyHeader(buffer, offset, header)
            .ts(fields.isPresent(TS) ? fields.value(TS) : InvalidInputEncoder.tsNullValue())
            .seq(fields.isPresent(SEQ) ? fields.value(SEQ) : InvalidInputEncoder.seqNullValue())
            .source(fields.isPresent(SOURCE) ? (int)fields.value(SOURCE) : 0)
            .inputType(templateId)
            .code(fields.codeOf(badField))
            .reason(reason);
        encodedTemplateId = InvalidInputEncoder.TEMPLATE_ID;
        return MessageHeaderEncoder.ENCODED_LENGTH + invalidInput.encodedLength();
    }

    private int encodeValid(final int templateId, final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        switch (templateId)
        {
            case InstrumentEncoder.TEMPLATE_ID: return instrument(f, buffer, offset);
            case ParamsEncoder.TEMPLATE_ID: return params(f, buffer, offset);
            case AccountEncoder.TEMPLATE_ID: return account(f, buffer, offset);
            case DepositEncoder.TEMPLATE_ID: return deposit(f, buffer, offset);
            case WithdrawEncoder.TEMPLATE_ID: return withdraw(f, buffer, offset);
            case MarginModeChangeEncoder.TEMPLATE_ID: return marginMode(f, buffer, offset);
            case IsolatedMarginEncoder.TEMPLATE_ID: return isolatedMargin(f, buffer, offset);
            case FillEncoder.TEMPLATE_ID: return fill(f, buffer, offset);
            case LiquidationExpiredEncoder.TEMPLATE_ID: return liquidationExpired(f, buffer, offset);
            case MarkEncoder.TEMPLATE_ID: return mark(f, buffer, offset);
            case FundingEncoder.TEMPLATE_ID: return funding(f, buffer, offset);
            case ClockEncoder.TEMPLATE_ID: return clock(f, buffer, offset);
            case CheckEncoder.TEMPLATE_ID: return check(f, buffer, offset);
            case QueryEncoder.TEMPLATE_ID: return query(f, buffer, offset);
            default: return invalidInput(f, buffer, offset);
        }
    }

    private int instrument(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final InstrumentEncoder e = instrument.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .instrument((int)f.value(INSTRUMENT))
            .priceScale((short)f.value(PRICE_SCALE))
            .qtyScale((short)f.value(QTY_SCALE));
        decimal(e.multiplier(), f, MULTIPLIER);
        decimal(e.liquidationFeeRate(), f, LIQUIDATION_FEE_RATE);
        e.staleAfterNs(f.value(STALE_AFTER_NS));
        decimal(e.maxMarkMoveRate(), f, MAX_MARK_MOVE_RATE);
        final InstrumentEncoder.TiersEncoder tiers = e.tiersCount(f.tierCount());
        for (int tier = 0; tier < f.tierCount(); tier++)
        {
            tiers.next();
            tierPart(tiers.floor(), f, tier, InputFields.TIER_FLOOR);
            tierPart(tiers.imr(), f, tier, InputFields.TIER_IMR);
            tierPart(tiers.mmr(), f, tier, InputFields.TIER_MMR);
        }
        e.symbol(f.symbol());
        return e.encodedLength();
    }

    private int params(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final ParamsEncoder e = params.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE));
        decimal(e.callLevel(), f, CALL_LEVEL);
        decimal(e.liquidationLevel(), f, LIQUIDATION_LEVEL);
        decimal(e.cureLevel(), f, CURE_LEVEL);
        e.callGraceNs(f.value(CALL_GRACE_NS))
            .partialLiquidation(BooleanType.get((short)f.value(PARTIAL_LIQUIDATION)));
        return e.encodedLength();
    }

    private int account(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        return account.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT))
            .encodedLength();
    }

    private int deposit(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final DepositEncoder e = deposit.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT));
        decimal(e.amount(), f, AMOUNT);
        return e.encodedLength();
    }

    private int withdraw(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final WithdrawEncoder e = withdraw.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT));
        decimal(e.amount(), f, AMOUNT);
        return e.encodedLength();
    }

    private int marginMode(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        return marginMode.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT))
            .instrument((int)f.value(INSTRUMENT))
            .mode(MarginMode.get((short)f.value(MODE)))
            .encodedLength();
    }

    private int isolatedMargin(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final IsolatedMarginEncoder e = isolatedMargin.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT))
            .instrument((int)f.value(INSTRUMENT));
        decimal(e.amount(), f, AMOUNT);
        return e.encodedLength();
    }

    private int fill(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final FillEncoder e = fill.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT))
            .instrument((int)f.value(INSTRUMENT))
            .side(Side.get((short)f.value(SIDE)));
        decimal(e.qty(), f, QTY);
        decimal(e.price(), f, PRICE);
        decimal(e.fee(), f, FEE);
        return e.liquidation(BooleanType.get((short)f.value(LIQUIDATION)))
            .orderId(f.value(ORDER_ID))
            .encodedLength();
    }

    private int liquidationExpired(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final LiquidationExpiredEncoder e = liquidationExpired.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .orderId(f.value(ORDER_ID))
            .account(f.value(ACCOUNT))
            .instrument((int)f.value(INSTRUMENT));
        decimal(e.qty(), f, QTY);
        return e.encodedLength();
    }

    private int mark(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final MarkEncoder e = mark.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .instrument((int)f.value(INSTRUMENT));
        decimal(e.price(), f, PRICE);
        return e.encodedLength();
    }

    private int funding(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final FundingEncoder e = funding.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .instrument((int)f.value(INSTRUMENT));
        decimal(e.rate(), f, RATE);
        return e.encodedLength();
    }

    private int clock(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        return clock.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .encodedLength();
    }

    private int check(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        final CheckEncoder e = check.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT))
            .instrument((int)f.value(INSTRUMENT))
            .side(Side.get((short)f.value(SIDE)));
        decimal(e.qty(), f, QTY);
        decimal(e.price(), f, PRICE);
        return e.encodedLength();
    }

    private int query(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        return query.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .account(f.value(ACCOUNT))
            .encodedLength();
    }

    private int invalidInput(final InputFields f, final MutableDirectBuffer buffer, final int offset)
    {
        return invalidInput.wrapAndApplyHeader(buffer, offset, header)
            .ts(f.value(TS)).seq(f.value(SEQ)).source((int)f.value(SOURCE))
            .inputType((int)f.value(INPUT))
            .code(RejectCode.get((short)f.value(CODE)))
            .reason(f.reason())
            .encodedLength();
    }

    private static void decimal(final DecimalEncoder decimal, final InputFields fields, final int id)
    {
        decimal.mantissa(fields.value(id)).scale((short)fields.scale(id));
    }

    private static void tierPart(final DecimalEncoder decimal, final InputFields fields, final int tier, final int part)
    {
        decimal.mantissa(fields.tierMantissa(tier, part)).scale((short)fields.tierScale(tier, part));
    }
}
