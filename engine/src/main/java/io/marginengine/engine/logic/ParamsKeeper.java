package io.marginengine.engine.logic;

import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.ParamsDecoder;
import io.marginengine.journal.sbe.RejectCode;

/**
 * Applies {@code params}: any subset of the risk parameters, checked together
 * ({@code 0 < liquidationLevel <= callLevel}, {@code cureLevel > 0}, {@code callGraceNs >= 0}),
 * then every ladder is evaluated under the new parameters. Deadlines already set stand.
 */
public final class ParamsKeeper
{
    private static final String INPUT = "params";
    /** Largest call, liquidation or cure level: 100 times the requirement. */
    public static final long MAX_LEVEL = 100 * MarginCalculator.RATE_ONE;

    private final RiskParams params;
    private final InputNumbers numbers;
    private final Rejection rejection;
    private final LadderSweep sweep;

    /**
     * @param params    the parameters to change.
     * @param numbers   decimal normalization.
     * @param rejection where refusals are written.
     * @param sweep     evaluates every ladder afterwards.
     */
    public ParamsKeeper(final RiskParams params, final InputNumbers numbers, final Rejection rejection, final LadderSweep sweep)
    {
        this.params = params;
        this.numbers = numbers;
        this.rejection = rejection;
        this.sweep = sweep;
    }

    /**
     * Applies a {@code params} input.
     *
     * @param in  decoded input.
     * @param now input time.
     */
    public void apply(final ParamsDecoder in, final long now)
    {
        final long call = numbers.optional(in.callLevel(), MarginCalculator.RATE_SCALE, INPUT, "callLevel", params.callLevel);
        final long liquidation = numbers.optional(in.liquidationLevel(), MarginCalculator.RATE_SCALE, INPUT, "liquidationLevel", params.liquidationLevel);
        final long cure = numbers.optional(in.cureLevel(), MarginCalculator.RATE_SCALE, INPUT, "cureLevel", params.cureLevel);
        final long grace = in.callGraceNs() == ParamsDecoder.callGraceNsNullValue() ? params.callGraceNs : in.callGraceNs();
        final short partialRaw = in.partialLiquidationRaw();
        if (partialRaw != BooleanType.TRUE.value() && partialRaw != BooleanType.FALSE.value() && partialRaw != BooleanType.NULL_VAL.value())
        {
            rejection.reason().append("params field 'partialLiquidation' must be true, false or absent");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        final BooleanType partial = partialRaw == BooleanType.TRUE.value() ? BooleanType.TRUE :
            partialRaw == BooleanType.FALSE.value() ? BooleanType.FALSE : BooleanType.NULL_VAL;
        if (liquidation <= 0 || liquidation > call)
        {
            rejection.reason().append("params refused: liquidationLevel ").appendDecimal(liquidation, MarginCalculator.RATE_SCALE)
                .append(" and callLevel ").appendDecimal(call, MarginCalculator.RATE_SCALE).append(" must satisfy 0 < liquidationLevel <= callLevel");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (call > MAX_LEVEL || cure > MAX_LEVEL)
        {
            rejection.reason().append("params refused: callLevel ").appendDecimal(call, MarginCalculator.RATE_SCALE).append(" and cureLevel ")
                .appendDecimal(cure, MarginCalculator.RATE_SCALE).append(" must be at most 100");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (cure <= 0)
        {
            rejection.reason().append("params refused: cureLevel ").appendDecimal(cure, MarginCalculator.RATE_SCALE).append(" must be above 0");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        if (grace < 0)
        {
            rejection.reason().append("params refused: callGraceNs ").append(grace).append(" must not be negative");
            throw rejection.reject(RejectCode.BAD_INPUT);
        }
        params.callLevel = call;
        params.liquidationLevel = liquidation;
        params.cureLevel = cure;
        params.callGraceNs = grace;
        if (partial == BooleanType.TRUE || partial == BooleanType.FALSE)
        {
            params.partialLiquidation = partial == BooleanType.TRUE;
        }
        sweep.all(now);
    }
}
