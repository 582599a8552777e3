package io.marginengine.engine.logic;

/**
 * The operator's risk parameters (SPEC section 4), changed by {@code params} inputs from
 * that input on. Levels are rates at scale 8 (1.0 = 100,000,000).
 */
public final class RiskParams
{
    /** Called when E is below this multiple of MMreq. */
    public long callLevel = MarginCalculator.RATE_ONE;
    /** Liquidated at once when E is below this multiple of MMreq. */
    public long liquidationLevel = 80_000_000L;
    /** Cured when E reaches this multiple of IMreq. */
    public long cureLevel = MarginCalculator.RATE_ONE;
    /** Time a margin call has to be cured. */
    public long callGraceNs = 900_000_000_000L;
    /** Liquidate only as much as restores the initial level. */
    public boolean partialLiquidation = true;
}
