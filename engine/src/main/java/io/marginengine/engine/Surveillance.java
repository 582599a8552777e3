package io.marginengine.engine;

/**
 * How the processor finds the ladders a tick (a {@code mark}, or a fill that moves a price
 * before the instrument's first mark) must evaluate (docs/SURVEILLANCE.md).
 */
public enum Surveillance
{
    /**
     * The trigger index: only ladders whose price band the tick left, and ladders that are not
     * NORMAL, are computed and evaluated; a tick that crosses no trigger costs the same at a
     * thousand accounts as at a million.
     */
    INDEXED,
    /**
     * Plain re-evaluation: every ladder holding the instrument is computed and evaluated on
     * every tick. Kept as the reference the index is tested and measured against.
     */
    PLAIN
}
