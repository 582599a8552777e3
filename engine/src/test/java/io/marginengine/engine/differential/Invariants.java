package io.marginengine.engine.differential;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Invariants that hold after every input whatever the stream. One checker follows one model
 * through one stream (some invariants compare with the state before the input):
 * <ul>
 * <li><b>money is conserved</b>: the sum of all wallets (cross and isolated, the fund included)
 * equals {@code deposits - withdrawals + realized PnL - fees - funding paid}; liquidation fees and
 * deficit payments move money between wallets, takeovers and ADL realize PnL on both sides;</li>
 * <li><b>no breach goes unnoticed</b>: no ladder that holds a position and has
 * {@code E < callLevel x MM} is NORMAL, the fund's aside (it is never evaluated);</li>
 * <li><b>ADL is two-sided</b>: after an input with {@code adl} outputs on an instrument, its long
 * and its short open interest (all accounts, the fund included) changed by the same amount, and
 * fell by at least the quantity deleveraged;</li>
 * <li><b>the fund's balance moves only with an {@code insurance_fund} output</b>: the balance
 * before plus each event's {@code delta} gives that event's {@code balance}, and the last one is
 * the balance after; without such outputs the balance does not move;</li>
 * <li><b>no wallet is silently negative</b>: a ladder (the fund's aside) that holds no position
 * and has a negative wallet belongs to an account for which an {@code insurance_fund} output has
 * reported a {@code shortfall}; and a shortfall reported now is the negative wallet of one of
 * that account's flat ladders.</li>
 * </ul>
 */
final class Invariants
{
    private Map<Integer, BigDecimal[]> openInterest;
    private BigDecimal fundBalance;
    private final Set<Long> shortfallReported = new HashSet<>();

    /** Starts following {@code view}, taking its state now as the state before the first input. */
    Invariants(final InvariantView view)
    {
        openInterest = openInterest(view);
        fundBalance = view.fundBalance();
    }

    /** The invariants {@code view} breaks now, after an input that gave {@code outputs}; empty when none. */
    List<String> afterInput(final InvariantView view, final List<JsonNode> outputs)
    {
        final List<String> violations = new ArrayList<>();
        moneyIsConserved(view, violations);
        noBreachIsLeftNormal(view, violations);
        final Map<Integer, BigDecimal[]> interestAfter = openInterest(view);
        adlIsTwoSided(outputs, interestAfter, violations);
        final BigDecimal balanceAfter = view.fundBalance();
        fundMovesOnlyWithEvents(outputs, balanceAfter, violations);
        noWalletIsSilentlyNegative(view, outputs, violations);
        openInterest = interestAfter;
        fundBalance = balanceAfter;
        return violations;
    }

    private static void moneyIsConserved(final InvariantView view, final List<String> violations)
    {
        BigDecimal wallets = BigDecimal.ZERO;
        for (final long account : view.accounts())
        {
            wallets = wallets.add(view.crossWallet(account));
            for (final BigDecimal isolated : view.isolatedWallets(account).values())
            {
                wallets = wallets.add(isolated);
            }
        }
        final InvariantView.Totals totals = view.totals();
        final BigDecimal expected = totals.deposits().subtract(totals.withdrawals()).add(totals.realizedPnl())
            .subtract(totals.fees()).subtract(totals.fundingPaid());
        if (wallets.compareTo(expected) != 0)
        {
            violations.add("money is not conserved: wallets sum to " + wallets.toPlainString() + " but deposits " +
                totals.deposits().toPlainString() + " - withdrawals " + totals.withdrawals().toPlainString() +
                " + realized " + totals.realizedPnl().toPlainString() + " - fees " + totals.fees().toPlainString() +
                " - funding " + totals.fundingPaid().toPlainString() + " = " + expected.toPlainString());
        }
    }

    private static void noBreachIsLeftNormal(final InvariantView view, final List<String> violations)
    {
        for (final InvariantView.Ladder ladder : view.ladders())
        {
            if (ladder.account() != view.fundAccount() && ladder.hasPositions() && "NORMAL".equals(ladder.status()) &&
                ladder.equity().compareTo(view.callLevel().multiply(ladder.maintenance())) < 0)
            {
                violations.add("breach unnoticed: " + ladder + " is NORMAL with equity below callLevel " +
                    view.callLevel().toPlainString() + " x maintenance");
            }
        }
    }

    /** Long and short open interest by instrument: {long, short}, both as positive quantities. */
    private static Map<Integer, BigDecimal[]> openInterest(final InvariantView view)
    {
        final Map<Integer, BigDecimal[]> interest = new TreeMap<>();
        for (final long account : view.accounts())
        {
            for (final Map.Entry<Integer, BigDecimal> position : view.positions(account).entrySet())
            {
                final BigDecimal[] sides = interest.computeIfAbsent(position.getKey(),
                    id -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                final BigDecimal qty = position.getValue();
                if (qty.signum() > 0)
                {
                    sides[0] = sides[0].add(qty);
                }
                else
                {
                    sides[1] = sides[1].subtract(qty);
                }
            }
        }
        return interest;
    }

    private void adlIsTwoSided(
        final List<JsonNode> outputs, final Map<Integer, BigDecimal[]> after, final List<String> violations)
    {
        final Map<Integer, BigDecimal> deleveraged = new TreeMap<>();
        for (final JsonNode output : outputs)
        {
            if ("adl".equals(output.path("type").asText()))
            {
                deleveraged.merge(output.get("instrument").intValue(), new BigDecimal(output.get("qty").textValue()),
                    BigDecimal::add);
            }
        }
        for (final Map.Entry<Integer, BigDecimal> entry : deleveraged.entrySet())
        {
            final BigDecimal[] zero = {BigDecimal.ZERO, BigDecimal.ZERO};
            final BigDecimal[] before = openInterest.getOrDefault(entry.getKey(), zero);
            final BigDecimal[] now = after.getOrDefault(entry.getKey(), zero);
            final BigDecimal longChange = now[0].subtract(before[0]);
            final BigDecimal shortChange = now[1].subtract(before[1]);
            if (longChange.compareTo(shortChange) != 0 || longChange.compareTo(entry.getValue().negate()) > 0)
            {
                violations.add("ADL on instrument " + entry.getKey() + " of " + entry.getValue().toPlainString() +
                    " is not two-sided: long open interest " + before[0].toPlainString() + " -> " +
                    now[0].toPlainString() + ", short " + before[1].toPlainString() + " -> " + now[1].toPlainString());
            }
        }
    }

    private void fundMovesOnlyWithEvents(
        final List<JsonNode> outputs, final BigDecimal balanceAfter, final List<String> violations)
    {
        BigDecimal balance = fundBalance;
        for (final JsonNode output : outputs)
        {
            if (!"insurance_fund".equals(output.path("type").asText()))
            {
                continue;
            }
            balance = balance.add(new BigDecimal(output.get("delta").textValue()));
            if (balance.compareTo(new BigDecimal(output.get("balance").textValue())) != 0)
            {
                violations.add("insurance_fund " + output + " does not follow from the balance before it, " +
                    balance.subtract(new BigDecimal(output.get("delta").textValue())).toPlainString());
                return;
            }
        }
        if (balance.compareTo(balanceAfter) != 0)
        {
            violations.add("the fund's balance moved from " + fundBalance.toPlainString() + " to " +
                balanceAfter.toPlainString() + " but its insurance_fund outputs account for " + balance.toPlainString());
        }
    }

    private void noWalletIsSilentlyNegative(
        final InvariantView view, final List<JsonNode> outputs, final List<String> violations)
    {
        final List<InvariantView.Ladder> ladders = view.ladders();
        for (final JsonNode output : outputs)
        {
            if ("insurance_fund".equals(output.path("type").asText()) && output.hasNonNull("shortfall"))
            {
                final long account = output.get("account").longValue();
                final BigDecimal shortfall = new BigDecimal(output.get("shortfall").textValue());
                shortfallReported.add(account);
                final boolean matches = ladders.stream().anyMatch(ladder -> ladder.account() == account &&
                    !ladder.hasPositions() && ladder.wallet().negate().compareTo(shortfall) == 0);
                if (shortfall.signum() <= 0 || !matches)
                {
                    violations.add("insurance_fund " + output + " reports a shortfall that is not the negative wallet " +
                        "of a flat ladder of account " + account);
                }
            }
        }
        final Set<String> silent = new TreeSet<>();
        for (final InvariantView.Ladder ladder : ladders)
        {
            if (ladder.account() != view.fundAccount() && !ladder.hasPositions() && ladder.wallet().signum() < 0 &&
                !shortfallReported.contains(ladder.account()))
            {
                silent.add(ladder.toString());
            }
        }
        if (!silent.isEmpty())
        {
            violations.add("negative wallets no insurance_fund output reported as a shortfall: " + silent);
        }
    }
}
