package io.marginengine.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.engine.logic.MarginProcessor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code explain --account A [--at INDEX|TIME]}: the account's story from the start of the
 * journal: every input that touched it, its cross equity, maintenance and initial margin,
 * margin ratio and status after each, and in plain words why it was called, cured or
 * liquidated ({@link AccountStory}).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Tells an account's story: every input that touched it (named it, moved its figures, or caused "
        + "an output about it), its equity, maintenance and initial margin, ratio and status after each, and in plain "
        + "words why it was called, cured or liquidated.",
        "Figures are the cross part's; outputs about isolated positions are explained with their own figures."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:explained", "2:bad usage or input (such as an account never opened)",
        "3:damaged or unreadable journal", "4:unexpected failure"})
public final class ExplainCommand implements Callable<Integer>
{
    /** How the story is written. */
    enum Format
    {
        /** Blocks of lines for people. */
        text,
        /** One JSON object per input that touched the account. */
        jsonl
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--account", required = true, paramLabel = "A", description = "The account to explain.")
    long account;

    @Option(names = "--at", paramLabel = "INDEX|TIME", converter = Point.Converter.class,
        description = "Tell the story up to this journal index or time. Default: the end of the journal.")
    Point at;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or jsonl.")
    Format format;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final DataLocation location = common.location();
        final EngineSettings settings = common.settings(location);
        final AccountStory[] story = new AccountStory[1];
        final MarginProcessor processor = new MarginProcessor(settings.context(),
            (buffer, offset, length) -> story[0].onOutput(buffer, offset, length));
        story[0] = new AccountStory(account, new AccountView(processor, settings.context().maxPositionsPerAccount()));
        final Progress progress = common.progress(spec.commandLine().getErr());
        final long lastIndex;
        try (JournalScan scan = new JournalScan(location.journal(), "journal", at, progress))
        {
            progress.start("explain", Math.max(0, scan.lastCommittedIndex() + 1));
            scan.scan(0, (index, receiveTime, ts, buffer, offset, length) ->
            {
                story[0].before(buffer, offset, length);
                processor.onInput(index, buffer, offset, length);
                story[0].after(index, ts, buffer, offset, length);
                return true;
            });
            lastIndex = scan.lastIndex();
        }
        finally
        {
            progress.finish();
        }
        if (!story[0].opened())
        {
            throw ToolException.usage("account " + account + " is never opened in the journal " + location.journal() +
                (at == null ? "" : " up to " + at.describe()));
        }
        if (format == Format.jsonl)
        {
            jsonl(out, story[0]);
        }
        else
        {
            text(out, story[0], lastIndex);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void text(final PrintWriter out, final AccountStory story, final long lastIndex)
    {
        out.printf(Locale.ROOT, "== account %d: %d inputs touched it, from the start of the journal to index %d%s%n",
            account, story.entries().size(), lastIndex, at == null ? " (its end)" : " (" + at.describe() + ")");
        AccountStory.Figures last = null;
        for (final AccountStory.Entry entry : story.entries())
        {
            out.printf(Locale.ROOT, "%n#%-6d ts %d (%s)%n", entry.index(), entry.ts(), Point.instant(entry.ts()));
            out.println("        " + entry.input());
            out.println("        " + figures(entry.after()));
            for (final String sentence : entry.why())
            {
                out.println("        -> " + sentence);
            }
            last = entry.after();
        }
        out.printf(Locale.ROOT, "%n== summary: %d margin call(s), %d cured, %d liquidation(s) (%d order(s)), %d ADL close(s)%n",
            story.calls(), story.cures(), story.liquidations(), story.orders(), story.adls());
        if (last != null)
        {
            out.println("   at the end: " + figures(last));
        }
    }

    private static String figures(final AccountStory.Figures f)
    {
        return "wallet " + AccountStory.money(f.wallet()) + "  equity " + AccountStory.money(f.equity()) +
            "  maintenance " + AccountStory.money(f.maintenance()) + "  initial " + AccountStory.money(f.initial()) +
            "  ratio " + f.marginRatio() + "  " + f.statusName();
    }

    private static void jsonl(final PrintWriter out, final AccountStory story)
    {
        for (final AccountStory.Entry entry : story.entries())
        {
            final ObjectNode node = MessageText.JSON.createObjectNode();
            node.put("index", entry.index());
            node.put("ts", entry.ts());
            node.set("input", MessageText.tree(entry.input()));
            final AccountStory.Figures f = entry.after();
            node.put("status", f.statusName());
            node.put("wallet", AccountStory.money(f.wallet()));
            node.put("equity", AccountStory.money(f.equity()));
            node.put("maintenance", AccountStory.money(f.maintenance()));
            node.put("initial", AccountStory.money(f.initial()));
            node.put("marginRatio", f.marginRatio());
            final ArrayNode outputs = node.putArray("outputs");
            entry.outputs().forEach(line -> outputs.add(MessageText.tree(line)));
            final ArrayNode why = node.putArray("why");
            entry.why().forEach(why::add);
            out.println(MessageText.line(node));
        }
    }
}
