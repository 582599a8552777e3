package io.marginengine.engine.reference;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account: cross wallet {@code wallet} (WB), its cross ladder, and its positions in
 * ascending instrument id. An instrument is in isolated mode exactly when the account holds
 * an isolated {@link Position} record for it.
 */
final class Account
{
    final long id;
    BigDecimal wallet = Decimals.zeroMoney();
    Ladder cross = new Ladder();
    final TreeMap<Integer, Position> positions = new TreeMap<>();

    Account(final long id)
    {
        this.id = id;
    }

    Account copy()
    {
        final Account copy = new Account(id);
        copy.wallet = wallet;
        copy.cross = cross.copy();
        for (final Map.Entry<Integer, Position> e : positions.entrySet())
        {
            copy.positions.put(e.getKey(), e.getValue().copy());
        }
        return copy;
    }
}
