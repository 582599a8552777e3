package io.marginengine.engine.reference;

import java.math.BigDecimal;

/**
 * One margin tier: it applies from position notional {@code floor} (money) upward, with
 * initial and maintenance rates {@code imr}, {@code mmr} and the cumulative amounts
 * {@code cumIm}, {@code cum} that keep the requirements continuous (RULES section 2).
 */
record Tier(BigDecimal floor, BigDecimal imr, BigDecimal mmr, BigDecimal cumIm, BigDecimal cum)
{
}
