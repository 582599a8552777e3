package io.marginengine.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.logic.MarginProcessor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.agrona.DirectBuffer;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code what-if --params FILE}: replays the journal twice side by side, as recorded and
 * with changed risk parameters ({@link WhatIfParams}), and reports, account by account, the
 * margin calls, cures and liquidations that appear, disappear, move to another input, or
 * keep their input but not their figures.
 * <p>
 * The inputs are the recorded facts in both runs. Once the runs part, a recorded fill or
 * expiry of a liquidation order may name an order the changed run never issued: the changed
 * run refuses it, and the report lists such refusals apart, so a reader knows where the
 * counterfactual stops being exact.
 */
@Command(name = "what-if", mixinStandardHelpOptions = true,
    description = {"Replays the journal as recorded and with changed risk parameters (call, liquidation and cure "
        + "levels, grace period, partial liquidation, per-instrument tiers and liquidation fee rate), side by side, "
        + "and reports per account the margin calls, cures and liquidations that would have been different.",
        "The params file is JSON; docs/REPLAY-TOOL.md describes it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:compared (whether or not anything differs)", "2:bad usage, or a bad or refused params file",
        "3:damaged or unreadable journal", "4:unexpected failure"})
public final class WhatIfCommand implements Callable<Integer>
{
    /** How the report is written. */
    enum Format
    {
        /** For people. */
        text,
        /** One JSON object per difference. */
        jsonl
    }

    /**
     * One difference between the runs.
     *
     * @param account  the account.
     * @param ladder   {@link DecisionLog#CROSS} or an isolated position's instrument.
     * @param kind     the kind of decision.
     * @param change   appears, disappears, moves or differs.
     * @param original the recorded run's decision, or null.
     * @param changed  the changed run's decision, or null.
     */
    public record Change(long account, int ladder, DecisionLog.Kind kind, String change,
        DecisionLog.Decision original, DecisionLog.Decision changed)
    {
        long firstCause()
        {
            return Math.min(original == null ? Long.MAX_VALUE : original.cause(), changed == null ? Long.MAX_VALUE : changed.cause());
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "The changed parameters (JSON).")
    Path paramsFile;

    @Option(names = "--to", paramLabel = "INDEX|TIME", converter = Point.Converter.class,
        description = "Compare up to this journal index or time. Default: the end of the journal.")
    Point to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or jsonl.")
    Format format;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final DataLocation location = common.location();
        final EngineSettings settings = common.settings(location);
        final WhatIfParams whatIf = WhatIfParams.load(paramsFile);
        final DecisionLog original = new DecisionLog();
        final DecisionLog changed = new DecisionLog();
        final MarginProcessor recorded = new MarginProcessor(settings.context(), original);
        final MarginProcessor counterfactual = new MarginProcessor(settings.context(), changed);
        final Progress progress = common.progress(spec.commandLine().getErr());
        final boolean[] first = {true};
        final long startNs = System.nanoTime();
        final long inputs;
        final long lastIndex;
        try (JournalScan scan = new JournalScan(location.journal(), "journal", to, progress))
        {
            progress.start("what-if", Math.max(0, scan.lastCommittedIndex() + 1));
            inputs = scan.scan(0, (index, receiveTime, ts, buffer, offset, length) ->
            {
                if (first[0])
                {
                    first[0] = false;
                    applyInitial(whatIf, counterfactual, changed, index, ts);
                }
                original.input(index);
                recorded.onInput(index, buffer, offset, length);
                changed.input(index);
                final DirectBuffer rewritten = whatIf.rewrite(buffer, offset, length);
                if (rewritten == null)
                {
                    counterfactual.onInput(index, buffer, offset, length);
                }
                else
                {
                    counterfactual.onInput(index, rewritten, 0, whatIf.length());
                    refusedRewrite(whatIf, original, changed, index);
                }
                return true;
            });
            lastIndex = scan.lastIndex();
        }
        finally
        {
            progress.finish();
        }
        final long nanos = System.nanoTime() - startNs;
        if (!whatIf.instrumentsNeverDefined().isEmpty())
        {
            throw ToolException.usage("params file " + paramsFile + " changes instrument(s) " + whatIf.instrumentsNeverDefined() +
                ", which no instrument input of the journal defines" + (to == null ? "" : " up to " + to.describe()));
        }
        final List<Change> changes = compare(original, changed);
        if (format == Format.jsonl)
        {
            jsonl(out, changes);
        }
        else
        {
            text(out, whatIf, inputs, lastIndex, nanos, original, changed, changes);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void applyInitial(
        final WhatIfParams whatIf, final MarginProcessor counterfactual, final DecisionLog changed, final long index, final long ts)
    {
        final DirectBuffer initial = whatIf.initialParams(Math.max(ts, 0));
        if (initial != null)
        {
            changed.input(index);
            counterfactual.onInput(index, initial, 0, whatIf.length());
            final String refusal = changed.refused().remove(index);
            if (refusal != null)
            {
                throw ToolException.usage("params file " + whatIf.file() + ": the engine refuses these parameters: " + refusal);
            }
        }
    }

    /** A rewritten instrument or params input the engine refuses, though it took the recorded one, is a bad file. */
    private static void refusedRewrite(final WhatIfParams whatIf, final DecisionLog original, final DecisionLog changed, final long index)
    {
        final String refusal = changed.refused().get(index);
        if (refusal != null && !original.refused().containsKey(index))
        {
            throw ToolException.usage("params file " + whatIf.file() + ": the engine refuses input " + index +
                " as changed by it: " + refusal);
        }
    }

    /**
     * Pairs the decisions of the two runs, per account, ladder and kind, in order.
     *
     * @param original the recorded run's decisions.
     * @param changed  the changed run's decisions.
     * @return the differences, by account, then by the earlier input of each pair.
     */
    static List<Change> compare(final DecisionLog original, final DecisionLog changed)
    {
        final List<Change> changes = new ArrayList<>();
        final TreeSet<Long> accounts = new TreeSet<>(original.byAccount().keySet());
        accounts.addAll(changed.byAccount().keySet());
        for (final long account : accounts)
        {
            final Map<String, List<DecisionLog.Decision>> a = original.byAccount().getOrDefault(account, Map.of());
            final Map<String, List<DecisionLog.Decision>> b = changed.byAccount().getOrDefault(account, Map.of());
            final TreeSet<String> keys = new TreeSet<>(a.keySet());
            keys.addAll(b.keySet());
            final List<Change> ofAccount = new ArrayList<>();
            for (final String key : keys)
            {
                final List<DecisionLog.Decision> x = a.getOrDefault(key, List.of());
                final List<DecisionLog.Decision> y = b.getOrDefault(key, List.of());
                for (int i = 0; i < Math.max(x.size(), y.size()); i++)
                {
                    final DecisionLog.Decision d = i < x.size() ? x.get(i) : null;
                    final DecisionLog.Decision e = i < y.size() ? y.get(i) : null;
                    final DecisionLog.Decision any = d != null ? d : e;
                    final String change = d == null ? "appears" : e == null ? "disappears" :
                        d.cause() != e.cause() ? "moves" : !d.detail().equals(e.detail()) ? "differs" : null;
                    if (change != null)
                    {
                        ofAccount.add(new Change(account, any.ladder(), any.kind(), change, d, e));
                    }
                }
            }
            ofAccount.sort(Comparator.comparingLong(Change::firstCause));
            changes.addAll(ofAccount);
        }
        return changes;
    }

    private void text(
        final PrintWriter out, final WhatIfParams whatIf, final long inputs, final long lastIndex, final long nanos,
        final DecisionLog original, final DecisionLog changed, final List<Change> changes)
    {
        out.printf(Locale.ROOT, "== what-if: %s%n", whatIf.file());
        out.printf(Locale.ROOT, "%-20s%s%n", "changes", whatIf.describe());
        out.printf(Locale.ROOT, "%-20s%,d (index 0 to %d), replayed twice%n", "inputs", inputs, lastIndex);
        out.printf(Locale.ROOT, "%-20s%-12s%s%n", "", "recorded", "changed");
        for (final DecisionLog.Kind kind : DecisionLog.Kind.values())
        {
            out.printf(Locale.ROOT, "%-20s%-12d%d%n", kind.plural(), original.count(kind), changed.count(kind));
        }
        out.printf(Locale.ROOT, "%-20s%s (two processors)%n", "speed", Progress.rate(inputs, nanos));
        long account = Long.MIN_VALUE;
        final TreeSet<Long> accounts = new TreeSet<>();
        for (final Change c : changes)
        {
            if (c.account() != account)
            {
                account = c.account();
                accounts.add(account);
                out.printf(Locale.ROOT, "%naccount %d%n", account);
            }
            out.println("  " + sentence(c));
        }
        out.printf(Locale.ROOT, "%n%s%n", changes.isEmpty() ? "no margin call, cure or liquidation would have been different" :
            accounts.size() + " account(s) with different margin calls, cures or liquidations");
        refusals(out, original, changed);
    }

    /**
     * @param c a difference.
     * @return it in a sentence (and the figures of each side on their own lines).
     */
    static String sentence(final Change c)
    {
        final String what = c.kind().words() + " (" + (c.ladder() == DecisionLog.CROSS ? "cross" : "isolated, instrument " + c.ladder()) + ")";
        final StringBuilder s = new StringBuilder(what).append(' ');
        switch (c.change())
        {
            case "appears" -> s.append("appears at ").append(at(c.changed()));
            case "disappears" -> s.append("disappears: it was at ").append(at(c.original()));
            case "moves" -> s.append("moves from ").append(at(c.original())).append(" to ").append(at(c.changed()));
            default -> s.append("stays at ").append(at(c.original())).append(" with other figures");
        }
        if (c.original() != null && !c.original().detail().isEmpty())
        {
            s.append("\n      recorded: ").append(c.original().detail());
        }
        if (c.changed() != null && !c.changed().detail().isEmpty())
        {
            s.append("\n      changed:  ").append(c.changed().detail());
        }
        return s.toString();
    }

    private static String at(final DecisionLog.Decision d)
    {
        return "input " + d.cause() + " (ts " + d.ts() + ", " + Point.instant(d.ts()) + ")";
    }

    private static void refusals(final PrintWriter out, final DecisionLog original, final DecisionLog changed)
    {
        final List<Long> onlyChanged = new ArrayList<>();
        changed.refused().keySet().forEach(i -> { if (!original.refused().containsKey(i)) { onlyChanged.add(i); } });
        final List<Long> onlyOriginal = new ArrayList<>();
        original.refused().keySet().forEach(i -> { if (!changed.refused().containsKey(i)) { onlyOriginal.add(i); } });
        if (!onlyChanged.isEmpty())
        {
            out.printf(Locale.ROOT, "%d input(s) the recorded run took are refused in the changed run, first input %d: %s%n" +
                "  (recorded liquidation fills and expiries name orders of the recorded run; from there on the changed " +
                "run is no longer an exact counterfactual)%n", onlyChanged.size(), onlyChanged.get(0), changed.refused().get(onlyChanged.get(0)));
        }
        if (!onlyOriginal.isEmpty())
        {
            out.printf(Locale.ROOT, "%d input(s) the recorded run refused are taken in the changed run, first input %d: %s%n",
                onlyOriginal.size(), onlyOriginal.get(0), original.refused().get(onlyOriginal.get(0)));
        }
    }

    private static void jsonl(final PrintWriter out, final List<Change> changes)
    {
        for (final Change c : changes)
        {
            final ObjectNode node = MessageText.JSON.createObjectNode();
            node.put("account", c.account());
            if (c.ladder() != DecisionLog.CROSS)
            {
                node.put("instrument", c.ladder());
            }
            node.put("decision", c.kind().name().toLowerCase(Locale.ROOT));
            node.put("change", c.change());
            put(node, "recorded", c.original());
            put(node, "changed", c.changed());
            out.println(MessageText.line(node));
        }
    }

    private static void put(final ObjectNode node, final String name, final DecisionLog.Decision d)
    {
        if (d != null)
        {
            final ObjectNode side = node.putObject(name);
            side.put("cause", d.cause());
            side.put("ts", d.ts());
            side.put("detail", d.detail());
        }
    }
}
