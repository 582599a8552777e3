package io.marginengine.engine.reference;

/**
 * Sizes of the engine's preallocated stores. Exceeding one is a {@code CAPACITY} reject.
 * The insurance fund (account 0) occupies one account slot; a flat isolated position
 * occupies a position slot.
 */
record Capacity(int maxAccounts, int maxInstruments, int maxPositionsPerAccount)
{
}
