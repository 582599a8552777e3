package io.marginengine.engine.reference;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static io.marginengine.engine.reference.Fields.refuseIf;
import static io.marginengine.engine.reference.Fields.require;

/**
 * Inputs about instruments and risk settings: {@code instrument}, {@code params}, {@code mark},
 * {@code funding}. Each handler applies the input to a working state and returns whether the
 * ladders must be evaluated afterwards.
 */
final class MarketInputs
{
    private static final int MAX_TIERS = 12;

    private MarketInputs()
    {
    }

    static boolean instrument(final EngineState state, final JsonNode input, final Capacity capacity)
    {
        final int id = Fields.instrument(input);
        final int priceScale = input.get("priceScale").intValue();
        final int qtyScale = input.get("qtyScale").intValue();
        final BigDecimal multiplier = Fields.rate(input, "multiplier");
        final BigDecimal feeRate = Fields.rate(input, "liquidationFeeRate");
        final BigDecimal maxMove = Fields.has(input, "maxMarkMoveRate") ? Fields.rate(input, "maxMarkMoveRate") : null;
        final long staleAfterNs = Fields.has(input, "staleAfterNs") ? input.get("staleAfterNs").longValue() : 0;
        final List<BigDecimal[]> rows = new ArrayList<>();
        for (final JsonNode tier : input.get("tiers"))
        {
            rows.add(new BigDecimal[]{
                Fields.money(tier, "floor"), Fields.rate(tier, "imr"), Fields.rate(tier, "mmr")});
        }

        require(id >= 0, "instrument id " + id + " is negative");
        require(priceScale <= 9 && qtyScale <= 9 && priceScale + qtyScale <= 16,
            "scales priceScale " + priceScale + " qtyScale " + qtyScale + " must be 0..9 each with a sum of at most 16");
        require(multiplier.signum() > 0, "multiplier " + multiplier.toPlainString() + " must be above 0");
        require(staleAfterNs >= 0, "staleAfterNs " + staleAfterNs + " must not be negative");
        require(maxMove == null || maxMove.signum() > 0, "maxMarkMoveRate must be above 0 when given");
        validateTiers(rows, feeRate);

        refuseIf(state.instruments.containsKey(id), RejectCode.ALREADY_EXISTS, "instrument " + id + " already exists");
        refuseIf(state.instruments.size() >= capacity.maxInstruments(), RejectCode.CAPACITY,
            "instrument " + id + " refused: the engine holds its maximum of " + capacity.maxInstruments() + " instruments");

        final Instrument instrument = new Instrument(id, input.get("symbol").textValue(), priceScale, qtyScale,
            multiplier, feeRate, staleAfterNs, maxMove, Instrument.withCumulative(rows));
        instrument.lastMarkTs = state.now;
        state.instruments.put(id, instrument);
        return false;
    }

    private static void validateTiers(final List<BigDecimal[]> rows, final BigDecimal feeRate)
    {
        require(!rows.isEmpty() && rows.size() <= MAX_TIERS, "an instrument needs 1 to 12 tiers, got " + rows.size());
        require(rows.get(0)[0].signum() == 0, "the first tier floor must be 0");
        for (int t = 0; t < rows.size(); t++)
        {
            final BigDecimal floor = rows.get(t)[0];
            final BigDecimal imr = rows.get(t)[1];
            final BigDecimal mmr = rows.get(t)[2];
            require(mmr.signum() > 0 && mmr.compareTo(imr) < 0 && imr.compareTo(BigDecimal.ONE) <= 0,
                "tier " + t + " needs 0 < mmr < imr <= 1, got mmr " + mmr.toPlainString() + " imr " + imr.toPlainString());
            if (t > 0)
            {
                final BigDecimal[] previous = rows.get(t - 1);
                require(floor.compareTo(previous[0]) > 0, "tier floors must strictly increase at tier " + t);
                require(imr.compareTo(previous[1]) >= 0 && mmr.compareTo(previous[2]) >= 0,
                    "tier rates must not decrease at tier " + t);
            }
        }
        require(feeRate.signum() >= 0 && feeRate.compareTo(rows.get(0)[1]) < 0,
            "liquidationFeeRate " + feeRate.toPlainString() + " must be at least 0 and below the first imr");
    }

    static boolean params(final EngineState state, final JsonNode input)
    {
        final Params next = state.params.copy();
        if (Fields.has(input, "callLevel"))
        {
            next.callLevel = Fields.rate(input, "callLevel");
        }
        if (Fields.has(input, "liquidationLevel"))
        {
            next.liquidationLevel = Fields.rate(input, "liquidationLevel");
        }
        if (Fields.has(input, "cureLevel"))
        {
            next.cureLevel = Fields.rate(input, "cureLevel");
        }
        if (Fields.has(input, "callGraceNs"))
        {
            next.callGraceNs = input.get("callGraceNs").longValue();
        }
        if (Fields.has(input, "partialLiquidation"))
        {
            next.partialLiquidation = input.get("partialLiquidation").booleanValue();
        }
        require(next.liquidationLevel.signum() > 0 && next.liquidationLevel.compareTo(next.callLevel) <= 0,
            "params need 0 < liquidationLevel <= callLevel, got liquidationLevel " +
            next.liquidationLevel.toPlainString() + " callLevel " + next.callLevel.toPlainString());
        require(next.callLevel.compareTo(BigDecimal.valueOf(100)) <= 0 && next.cureLevel.compareTo(BigDecimal.valueOf(100)) <= 0,
            "callLevel and cureLevel must be at most 100 (RULES section 4)");
        require(next.cureLevel.signum() > 0, "cureLevel must be above 0, got " + next.cureLevel.toPlainString());
        require(next.callGraceNs >= 0, "callGraceNs must not be negative, got " + next.callGraceNs);
        state.params = next;
        return true;
    }

    static boolean mark(final EngineState state, final JsonNode input, final OutputWriter out)
    {
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final BigDecimal price = Fields.decimal(input, "price", instrument.priceScale);
        require(price.signum() > 0, "mark " + price.toPlainString() + " on instrument " + instrument.id + " must be above 0");
        final BigDecimal last = instrument.lastMark;
        if (instrument.maxMarkMoveRate != null && last != null)
        {
            refuseIf(price.subtract(last).abs().compareTo(instrument.maxMarkMoveRate.multiply(last)) > 0,
                RejectCode.PRICE_GUARD, "mark " + price.toPlainString() + " on instrument " + instrument.id +
                " moves more than " + instrument.maxMarkMoveRate.toPlainString() + " from " + last.toPlainString());
        }
        if (instrument.stale)
        {
            instrument.stale = false;
            out.priceResumed(instrument.id);
        }
        instrument.lastMark = price;
        instrument.lastMarkTs = state.now;
        return true;
    }

    /**
     * Every non-flat position on the instrument (accounts in creation order) pays
     * {@code ceil$(sign(q) x rate x N(q, mark))} from the wallet that backs it (RULES section 3:
     * on the rounded notional N of section 2; the payer rounds up, the receiver down).
     */
    static boolean funding(final EngineState state, final JsonNode input, final OutputWriter out)
    {
        final Instrument instrument = state.instrument(Fields.instrument(input));
        final BigDecimal rate = Fields.rate(input, "rate");
        for (final Account account : state.accounts.values())
        {
            final Position position = account.positions.get(instrument.id);
            if (position == null || position.isFlat())
            {
                continue;
            }
            final BigDecimal notional = MarginMath.notional(instrument, position.qty, instrument.mark());
            final BigDecimal signedNotional = position.qty.signum() > 0 ? notional : notional.negate();
            final BigDecimal payment = Decimals.ceilMoney(rate.multiply(signedNotional));
            InsuranceFund.credit(state, out, state.ladderOf(account, instrument.id), payment.negate(), account.id);
            state.totalFundingPaid = state.totalFundingPaid.add(payment);
        }
        return true;
    }
}
