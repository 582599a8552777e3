package io.marginengine.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marginengine.journal.codec.MessageTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code dump}: the journal (or, with {@code --output-queue}, the recorded outputs) as lines
 * a person reads, filtered by account, instrument, type, and index or time range. An input
 * matches {@code --account} or {@code --instrument} when it names that account or instrument
 * in its own top-level field (a mark names no account: {@code explain} follows an account
 * through marks); several filters must all match; a filter given twice matches either value.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = {"Prints the journal as human-readable lines: journal index, ts (ISO-8601) and the input as JSON, "
        + "filtered by account, instrument, type, and index or time range.",
        "--format scenario prints bare input lines that scripts/run-scenario.sh reads back; "
            + "--output-queue prints the recorded outputs instead (ranges then apply to their cause)."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:bad usage or input",
        "3:damaged or unreadable journal, or a record that is no message of the event contract", "4:unexpected failure"})
public final class DumpCommand implements Callable<Integer>
{
    /** How lines are written. */
    enum Format
    {
        /** {@code index  ts  json}, aligned, for people. */
        text,
        /** One JSON object a line, with {@code index} and {@code receiveTime} added after {@code type}. */
        jsonl,
        /** The bare input lines, which run-scenario.sh and the engine read back to the same bytes. */
        scenario
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--account", paramLabel = "A", description = "Only records naming this account (repeatable).")
    List<Long> accounts = new ArrayList<>();

    @Option(names = "--instrument", paramLabel = "I", description = "Only records naming this instrument (repeatable).")
    List<Long> instruments = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE", split = ",",
        description = "Only records of these types, e.g. fill,mark or margin_call (repeatable, comma-separated).")
    List<String> types = new ArrayList<>();

    @Option(names = "--from", paramLabel = "INDEX|TIME", converter = Point.Converter.class,
        description = "From this journal index, or from the first input at or after this time.")
    Point from;

    @Option(names = "--to", paramLabel = "INDEX|TIME", converter = Point.Converter.class,
        description = "To this journal index, or to the last input at or before this time.")
    Point to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
        description = "text (default), jsonl or scenario.")
    Format format;

    @Option(names = "--output-queue", description = "Dump the recorded output queue instead of the journal.")
    boolean outputQueue;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final DataLocation location = common.location();
        checkTypes();
        if (outputQueue && location.outputQueue() == null)
        {
            throw ToolException.usage("--output-queue: there is no output-queue/ beside the journal " + location.journal() +
                " (name it with --outputs DIR)");
        }
        if (outputQueue && format == Format.scenario)
        {
            throw ToolException.usage("--format scenario writes inputs: it cannot be used with --output-queue");
        }
        final Set<String> typeSet = new HashSet<>(types);
        final MessageText text = new MessageText();
        final long[] unknown = {0, -1};
        final Progress progress = common.progress(spec.commandLine().getErr());
        final String what = outputQueue ? "output queue" : "journal";
        try (JournalScan scan = new JournalScan(outputQueue ? location.outputQueue() : location.journal(), what, null, progress))
        {
            final long first = !outputQueue && from != null && from.isIndex() ? from.value() : 0;
            final long last = scan.lastCommittedIndex();
            progress.start("dump", last < first ? 0 : last - first + 1);
            scan.scan(first, (index, receiveTime, ts, buffer, offset, length) ->
            {
                final String line = text.text(buffer, offset, length);
                final ObjectNode node = MessageText.tree(line);
                final long position = outputQueue ? node.path("cause").asLong(-1) : index;
                if (to != null && to.isBefore(position, ts))
                {
                    return false;
                }
                if (from != null && from.isAfter(position, ts))
                {
                    return true;
                }
                if (!text.isKnown(buffer, offset, length))
                {
                    unknown[0]++;
                    unknown[1] = unknown[1] < 0 ? index : unknown[1];
                }
                else if (!matches(node, typeSet))
                {
                    return true;
                }
                print(out, index, receiveTime, ts, line, node);
                return true;
            });
        }
        finally
        {
            progress.finish();
        }
        out.flush();
        if (unknown[0] > 0)
        {
            throw ToolException.damaged(unknown[0] + " record(s) of the " + what + " are no message of the event " +
                "contract, the first at index " + unknown[1] + " (shown as type unknown)", null);
        }
        return ExitCodes.OK;
    }

    private void checkTypes()
    {
        for (final String type : types)
        {
            if (MessageTypes.templateId(type) == MessageTypes.UNKNOWN_TEMPLATE)
            {
                throw ToolException.usage("--type " + type + " is not a type of the event contract: expected an input " +
                    "(instrument, params, account, deposit, withdraw, margin_mode, isolated_margin, fill, " +
                    "liquidation_expired, mark, funding, clock, check, query) or an output (margin_call, " +
                    "margin_call_cured, liquidation_order, liquidation_done, adl, insurance_fund, price_stale, " +
                    "price_resumed, check_result, account_state, reject)");
            }
        }
    }

    private boolean matches(final ObjectNode node, final Set<String> typeSet)
    {
        if (!typeSet.isEmpty() && !typeSet.contains(node.path("type").asText()))
        {
            return false;
        }
        if (!accounts.isEmpty() && !namesOne(node.get("account"), accounts))
        {
            return false;
        }
        return instruments.isEmpty() || namesOne(node.get("instrument"), instruments);
    }

    private static boolean namesOne(final JsonNode field, final List<Long> ids)
    {
        return field != null && field.isIntegralNumber() && ids.contains(field.asLong());
    }

    private void print(
        final PrintWriter out, final long index, final long receiveTime, final long ts, final String line, final ObjectNode node)
    {
        switch (format)
        {
            case scenario:
                out.println(line);
                break;
            case jsonl:
            {
                final ObjectNode withIndex = MessageText.JSON.createObjectNode();
                withIndex.set("type", node.get("type"));
                withIndex.put("index", index);
                withIndex.put("receiveTime", receiveTime);
                node.fields().forEachRemaining(e -> withIndex.set(e.getKey(), e.getValue()));
                out.println(MessageText.line(withIndex));
                break;
            }
            default:
                out.printf(Locale.ROOT, "%8d  %-30s  %s%n", index, ts == Long.MIN_VALUE ? "-" : Point.instant(ts), line);
        }
    }
}
