package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;
import io.marginengine.engine.logic.MarginCalculator;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.engine.state.InstrumentStore;
import io.marginengine.engine.state.LadderDescriptor;
import io.marginengine.engine.testkit.EngineModel;
import io.marginengine.engine.testkit.ModelUnderTest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The off-heap engine as a {@link ModelUnderTest} and an {@link InvariantView}: the invariants
 * read its stores directly (wallets, ladders, money tallies) between inputs.
 */
public final class EngineInvariantView implements ModelUnderTest, InvariantView
{
    private static final String[] STATUS = {"NORMAL", "MARGIN_CALL", "LIQUIDATING"};

    private final EngineModel engine;
    private final MarginProcessor processor;
    private final AccountStore accounts;
    private final InstrumentStore instruments;

    /**
     * @param engine the engine behind its JSON codec.
     */
    public EngineInvariantView(final EngineModel engine)
    {
        this.engine = engine;
        this.processor = engine.processor();
        this.accounts = processor.accounts();
        this.instruments = processor.instruments();
    }

    @Override
    public List<JsonNode> apply(final long journalIndex, final JsonNode input)
    {
        return engine.apply(journalIndex, input);
    }

    private static BigDecimal money(final long value)
    {
        return BigDecimal.valueOf(value, 8);
    }

    @Override
    public List<Long> accounts()
    {
        final List<Long> ids = new ArrayList<>();
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            ids.add(accounts.id(slot));
        }
        return ids;
    }

    @Override
    public BigDecimal crossWallet(final long account)
    {
        return money(accounts.wallet(accounts.slotOf(account)));
    }

    @Override
    public Map<Integer, BigDecimal> isolatedWallets(final long account)
    {
        final int slot = accounts.slotOf(account);
        final Map<Integer, BigDecimal> wallets = new TreeMap<>();
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int p = accounts.position(slot, i);
            if (accounts.isIsolated(p))
            {
                wallets.put(accounts.instrumentId(p), money(accounts.isolatedWallet(p)));
            }
        }
        return wallets;
    }

    @Override
    public Map<Integer, BigDecimal> positions(final long account)
    {
        final int slot = accounts.slotOf(account);
        final Map<Integer, BigDecimal> positions = new TreeMap<>();
        for (int i = 0; i < accounts.positionCount(slot); i++)
        {
            final int p = accounts.position(slot, i);
            if (accounts.qty(p) != 0)
            {
                positions.put(accounts.instrumentId(p),
                    BigDecimal.valueOf(accounts.qty(p), instruments.qtyScale(accounts.instrumentSlot(p))));
            }
        }
        return positions;
    }

    @Override
    public BigDecimal fundBalance()
    {
        return crossWallet(fundAccount());
    }

    @Override
    public Totals totals()
    {
        final io.marginengine.engine.logic.Totals t = processor.totals();
        return new Totals(money(t.deposits()), money(t.withdrawals()), money(t.realizedPnl()), money(t.fees()),
            money(t.fundingPaid()));
    }

    private static BigDecimal money(final java.math.BigInteger value)
    {
        return new BigDecimal(value, 8);
    }

    @Override
    public List<Ladder> ladders()
    {
        final MarginCalculator calculator = processor.calculator();
        final List<Ladder> ladders = new ArrayList<>();
        for (int slot = 0; slot < accounts.count(); slot++)
        {
            calculator.cross(slot);
            ladders.add(new Ladder(accounts.id(slot), null, STATUS[LadderDescriptor.status(accounts.buffer(),
                accounts.crossLadder(slot))], money(calculator.wallet), money(calculator.equity),
                money(calculator.maintenance), calculator.openPositions > 0));
            for (int i = 0; i < accounts.positionCount(slot); i++)
            {
                final int p = accounts.position(slot, i);
                if (accounts.isIsolated(p))
                {
                    calculator.isolated(p);
                    ladders.add(new Ladder(accounts.id(slot), accounts.instrumentId(p), STATUS[LadderDescriptor.status(
                        accounts.buffer(), accounts.isolatedLadder(p))], money(calculator.wallet),
                        money(calculator.equity), money(calculator.maintenance), calculator.openPositions > 0));
                }
            }
        }
        return ladders;
    }

    @Override
    public BigDecimal callLevel()
    {
        return money(processor.params().callLevel);
    }
}
