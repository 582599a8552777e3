package io.marginengine.engine.reference;

import java.math.BigDecimal;

/** Risk parameters set by {@code params} inputs; defaults from RULES section 4. */
final class Params
{
    BigDecimal callLevel = new BigDecimal("1.00000000");
    BigDecimal liquidationLevel = new BigDecimal("0.80000000");
    BigDecimal cureLevel = new BigDecimal("1.00000000");
    long callGraceNs = 900_000_000_000L;
    boolean partialLiquidation = true;

    Params copy()
    {
        final Params copy = new Params();
        copy.callLevel = callLevel;
        copy.liquidationLevel = liquidationLevel;
        copy.cureLevel = cureLevel;
        copy.callGraceNs = callGraceNs;
        copy.partialLiquidation = partialLiquidation;
        return copy;
    }
}
