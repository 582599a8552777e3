package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginengine.engine.reference.LadderSnapshot;
import io.marginengine.engine.reference.MoneyTotals;
import io.marginengine.engine.reference.ReferenceModel;
import io.marginengine.engine.testkit.ModelUnderTest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The reference model seen as a {@link ModelUnderTest} that also exposes an {@link InvariantView}. */
public final class ReferenceInvariantView implements ModelUnderTest, InvariantView
{
    private final ReferenceModel model;

    /** Wraps {@code model}; inputs go to it unchanged. */
    public ReferenceInvariantView(final ReferenceModel model)
    {
        this.model = model;
    }

    @Override
    public List<JsonNode> apply(final long journalIndex, final JsonNode input)
    {
        return model.apply(journalIndex, input);
    }

    @Override
    public List<Long> accounts()
    {
        return model.accountIds();
    }

    @Override
    public BigDecimal crossWallet(final long account)
    {
        return model.crossWallet(account);
    }

    @Override
    public Map<Integer, BigDecimal> isolatedWallets(final long account)
    {
        return model.isolatedWallets(account);
    }

    @Override
    public Map<Integer, BigDecimal> positions(final long account)
    {
        return model.positions(account);
    }

    @Override
    public BigDecimal fundBalance()
    {
        return model.fundBalance();
    }

    @Override
    public Totals totals()
    {
        final MoneyTotals totals = model.totals();
        return new Totals(totals.deposits(), totals.withdrawals(), totals.realizedPnl(), totals.fees(),
            totals.fundingPaid());
    }

    @Override
    public List<Ladder> ladders()
    {
        final List<Ladder> ladders = new ArrayList<>();
        for (final LadderSnapshot snapshot : model.ladders())
        {
            ladders.add(new Ladder(snapshot.account(), snapshot.instrument(), snapshot.status(), snapshot.wallet(),
                snapshot.equity(), snapshot.maintenance(), snapshot.hasPositions()));
        }
        return ladders;
    }

    @Override
    public BigDecimal callLevel()
    {
        return model.callLevel();
    }
}
