package io.marginengine.replay;

import io.marginengine.engine.egress.JsonLinesSink;
import io.marginengine.engine.egress.OutputSink;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.journal.sbe.RejectCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code replay}: feeds the journal to a fresh processor (or one restored from a snapshot)
 * up to an index or a time, and writes its outputs as JSON Lines, or a summary. With
 * {@code --verify} it compares every output with the recorded output queue, byte for byte,
 * and the state with the digest each snapshot recorded, and reports the first difference
 * (exit status 1).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replays the journal through the engine's processor and writes the outputs as JSON Lines "
        + "(standard output, or --out), or a summary; --verify compares them with the recorded output queue.",
        "The summary (on standard error, or standard output with --summary) reports the replay speed in inputs/s."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:replayed; with --verify: every output matched", "1:--verify found a difference",
        "2:bad usage or input", "3:damaged or unreadable journal or output queue", "4:unexpected failure"})
public final class ReplayCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--to", paramLabel = "INDEX|TIME", converter = Point.Converter.class,
        description = "Stop after this journal index, or after the last input at or before this time "
            + "(ISO-8601, or ts=NANOS). Default: the end of the journal.")
    Point to;

    @Option(names = "--from-snapshot", arity = "0..1", paramLabel = "INDEX", fallbackValue = ReplayStart.LATEST,
        description = "Start from a snapshot in DATA/snapshots: the one of INDEX, or without a value the latest "
            + "at or before --to. Default: from the start of the journal.")
    String fromSnapshot;

    @Option(names = "--verify", description = "Compare every output with the recorded output queue and the state "
        + "with each snapshot's digest; report the first difference (exit 1). Outputs are then not printed "
        + "unless --out is given.")
    boolean verify;

    @Option(names = "--summary", description = "Print the summary on standard output instead of the outputs.")
    boolean summaryOnly;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the outputs, as JSON Lines, to FILE.")
    Path out;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final DataLocation location = common.location();
        final EngineSettings settings = common.settings(location);
        if (verify && location.outputQueue() == null)
        {
            throw ToolException.usage("--verify needs the recorded output queue: there is no output-queue/ beside the " +
                "journal " + location.journal() + " (name it with --outputs DIR)");
        }
        final boolean printOutputs = out == null && !summaryOnly && !verify;
        try (Writer outputs = openOutputs(stdout, printOutputs))
        {
            final JsonLinesSink lines = outputs == null ? null : new JsonLinesSink(outputs);
            final long firstIndex = ReplayStart.firstIndex(location, fromSnapshot, to);
            try (OutputVerifier verifier = verify ? new OutputVerifier(location.outputQueue(), firstIndex) : null)
            {
                final CountingSink counter = new CountingSink(fanOut(lines, verifier));
                final ReplayStart start = ReplayStart.of(settings, location, fromSnapshot, to, counter);
                final DigestCheck digests = new DigestCheck(verify, location, start.processor());
                final Progress progress = common.progress(err);
                final long inputs;
                final long lastIndex;
                final long nanos;
                try (JournalScan scan = new JournalScan(location.journal(), "journal", to, progress))
                {
                    progress.start("replay", total(scan.lastCommittedIndex(), start.firstIndex()));
                    final MarginProcessor processor = start.processor();
                    final long startNs = System.nanoTime();
                    inputs = scan.scan(start.firstIndex(), (index, receiveTime, ts, buffer, offset, length) ->
                    {
                        processor.onInput(index, buffer, offset, length);
                        digests.after(index);
                        return verifier == null || verifier.difference() == null;
                    });
                    nanos = System.nanoTime() - startNs;
                    lastIndex = scan.lastIndex();
                }
                finally
                {
                    progress.finish();
                }
                if (verifier != null)
                {
                    verifier.finish(lastIndex);
                }
                if (outputs != null)
                {
                    outputs.flush();
                }
                final PrintWriter report = summaryOnly || verify ? stdout : err;
                summary(report, location, settings, start, inputs, lastIndex, counter, nanos);
                if (verify)
                {
                    return verification(report, verifier, digests);
                }
                report.flush();
                return ExitCodes.OK;
            }
        }
    }

    private static long total(final long lastCommitted, final long first)
    {
        return lastCommitted < first ? 0 : lastCommitted - first + 1;
    }

    private Writer openOutputs(final PrintWriter stdout, final boolean printOutputs) throws IOException
    {
        if (out != null)
        {
            try
            {
                return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw ToolException.usage("cannot write the outputs to " + out + ": " + ex.getMessage());
            }
        }
        return printOutputs ? new NonClosing(new BufferedWriter(stdout, 1 << 16)) : null;
    }

    private static OutputSink fanOut(final OutputSink a, final OutputSink b)
    {
        if (a == null)
        {
            return b;
        }
        if (b == null)
        {
            return a;
        }
        return (buffer, offset, length) ->
        {
            a.onOutput(buffer, offset, length);
            b.onOutput(buffer, offset, length);
        };
    }

    private void summary(
        final PrintWriter w, final DataLocation location, final EngineSettings settings, final ReplayStart start,
        final long inputs, final long lastIndex, final CountingSink counter, final long nanos)
    {
        final MarginProcessor p = start.processor();
        w.printf(Locale.ROOT, "== replay of %s%n", location.journal());
        w.printf(Locale.ROOT, "%-20s%s%n", "from", start.description());
        w.printf(Locale.ROOT, "%-20s%s%n", "to", to == null ? "the end of the journal" : to.describe());
        w.printf(Locale.ROOT, "%-20s%s%n", "capacities", settings.describe());
        w.printf(Locale.ROOT, "%-20s%s%n", "  from", settings.source());
        w.printf(Locale.ROOT, "%-20s%,d%s%n", "inputs", inputs,
            inputs == 0 ? "" : " (index " + start.firstIndex() + " to " + lastIndex + ")");
        w.printf(Locale.ROOT, "%-20s%,d%n", "rejected", p.rejects());
        for (final RejectCode code : RejectCode.values())
        {
            if (code != RejectCode.NULL_VAL && p.rejects(code) > 0)
            {
                w.printf(Locale.ROOT, "  %-22s%,d%n", code, p.rejects(code));
            }
        }
        w.printf(Locale.ROOT, "%-20s%,d%n", "margin calls", p.marginCalls());
        w.printf(Locale.ROOT, "%-20s%,d%n", "liquidations", p.liquidations());
        w.printf(Locale.ROOT, "%-20s%,d%n", "outputs", counter.count());
        for (final Map.Entry<String, Long> e : counter.byType().entrySet())
        {
            w.printf(Locale.ROOT, "  %-22s%,d%n", e.getKey(), e.getValue());
        }
        w.printf(Locale.ROOT, "%-20s%.1f ms%n", "time", nanos / 1e6);
        w.printf(Locale.ROOT, "%-20s%s (the processor fed from the journal, outputs written)%n", "speed",
            Progress.rate(inputs, nanos));
        if (out != null)
        {
            w.printf(Locale.ROOT, "%-20s%s%n", "outputs written to", out);
        }
    }

    private static int verification(final PrintWriter w, final OutputVerifier verifier, final DigestCheck digests)
    {
        w.println("== verify");
        final OutputVerifier.Difference difference = verifier.difference();
        if (difference != null)
        {
            w.println("DIFFERENCE after " + verifier.matched() + " matching outputs: " + difference.describe().stripTrailing());
        }
        else
        {
            w.println("outputs             " + verifier.matched() + " replayed, all equal to the recorded output queue");
        }
        final String digestDifference = digests.difference();
        w.println("state digests       " + digests.describe());
        w.flush();
        return difference != null || digestDifference != null ? ExitCodes.DIFFERENCE : ExitCodes.OK;
    }

    /**
     * Compares the replayed state with each snapshot's recorded digest, at the snapshot's index.
     */
    private static final class DigestCheck
    {
        private final List<SnapshotBridge.SnapshotFile> files;
        private final MarginProcessor processor;
        private final boolean active;
        private int next;
        private int checked;
        private String difference;

        DigestCheck(final boolean verify, final DataLocation location, final MarginProcessor processor)
        {
            files = SnapshotBridge.list(location.snapshots());
            this.processor = processor;
            active = verify && !files.isEmpty();
        }

        void after(final long index)
        {
            if (!active)
            {
                return;
            }
            while (next < files.size() && files.get(next).journalIndex() < index)
            {
                next++;
            }
            if (next < files.size() && files.get(next).journalIndex() == index && difference == null)
            {
                final SnapshotBridge.SnapshotFile file = files.get(next);
                final String recorded = SnapshotBridge.recordedDigest(file);
                final String replayed = SnapshotBridge.stateDigest(processor);
                checked++;
                if (!recorded.equals(replayed))
                {
                    difference = "after input " + index + " the replayed state's digest is " + replayed + " but " +
                        file.path() + " recorded " + recorded;
                }
            }
        }

        String difference()
        {
            return difference;
        }

        String describe()
        {
            if (difference != null)
            {
                return "DIFFERENCE: " + difference;
            }
            if (files.isEmpty())
            {
                return "none to check (no snapshots beside the journal)";
            }
            return checked + " checked, all equal";
        }
    }

    /** Lets the command close its writer without closing standard output. */
    private static final class NonClosing extends java.io.FilterWriter
    {
        NonClosing(final Writer out)
        {
            super(out);
        }

        @Override
        public void close()
        {
            try
            {
                flush();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
