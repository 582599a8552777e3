package io.marginengine.engine;

import io.marginengine.engine.egress.JsonLinesSink;
import io.marginengine.engine.ingress.ScenarioReader;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;
import io.marginengine.journal.sbe.RejectCode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a JSON Lines scenario through the real pipeline (the Disruptor ring, the Chronicle
 * Queue input journal, the processor) and writes every output as JSON Lines (SPEC section
 * 6): {@code scripts/run-scenario.sh} and {@code scripts/demo.sh} call this.
 * <pre>
 *   ScenarioMain IN.jsonl [OUT.jsonl]      outputs to OUT, or to standard output
 *   ScenarioMain --demo [OUT.jsonl]        the embedded default scenario, with a summary
 * </pre>
 * The journal goes to the directory named by the system property {@code journal.dir}, or to
 * a temporary directory removed afterwards ({@code --demo}: {@code out/demo}, kept). Each
 * input's journal index is its position among the inputs read (0-based). Exit status: 0
 * done, 2 bad arguments or unreadable files.
 */
public final class ScenarioMain
{
    /** System property naming the directory of the input journal. */
    public static final String JOURNAL_DIR = "journal.dir";
    /** Classpath resource of the embedded default scenario. */
    public static final String DEMO_SCENARIO = "/scenarios/default.jsonl";

    private ScenarioMain()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs with the given arguments and streams.
     *
     * @param args arguments.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status.
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final boolean demo = args.length > 0 && "--demo".equals(args[0]);
        final int first = demo ? 1 : 0;
        if ((!demo && args.length < 1) || args.length - first > (demo ? 1 : 2) || (args.length > 0 && "--help".equals(args[0])))
        {
            err.println("usage: run-scenario.sh IN.jsonl [OUT.jsonl]   |   ScenarioMain --demo [OUT.jsonl]");
            return 2;
        }
        final String inName = demo ? "embedded default scenario" : args[0];
        final String outName = args.length > first + (demo ? 0 : 1) ? args[first + (demo ? 0 : 1)] : null;
        try (BufferedReader in = open(demo, inName, err); Writer sinkOut = outName == null ?
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) :
            Files.newBufferedWriter(Path.of(outName), StandardCharsets.UTF_8))
        {
            if (in == null)
            {
                return 2;
            }
            final JsonLinesSink sink = new JsonLinesSink(sinkOut);
            final Path engineDir = engineDirectory(demo);
            final MarginEngine engine = MarginEngine.launch(new Context(),
                new ChronicleInputJournal(new JournalWriter(QueueDirectories.inputJournal(engineDir))), sink);
            final ScenarioReader reader = new ScenarioReader(err);
            final long start = System.nanoTime();
            try
            {
                reader.read(in, inName, (line, buffer, offset, length) -> engine.publisher().publish(buffer, offset, length));
            }
            finally
            {
                engine.close();
            }
            sinkOut.flush();
            if (demo)
            {
                summary(err, inName, outName, engine.processor(), sink, reader, System.nanoTime() - start);
                err.println("journal             " + QueueDirectories.inputJournal(engineDir));
            }
            else if (System.getProperty(JOURNAL_DIR) == null)
            {
                deleteTree(engineDir);
            }
            return 0;
        }
        catch (final IOException ex)
        {
            err.println("cannot " + (outName == null ? "read " + inName : "read " + inName + " or write " + outName) + ": " + ex.getMessage());
            return 2;
        }
    }

    private static Path engineDirectory(final boolean demo) throws IOException
    {
        final String configured = System.getProperty(JOURNAL_DIR);
        if (configured != null)
        {
            return Path.of(configured);
        }
        if (demo)
        {
            final Path dir = Path.of("out", "demo");
            deleteTree(dir);
            return dir;
        }
        return Files.createTempDirectory("margin-engine-scenario");
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : (Iterable<Path>)paths.sorted(java.util.Comparator.reverseOrder())::iterator)
            {
                Files.delete(p);
            }
        }
    }

    private static BufferedReader open(final boolean demo, final String name, final PrintStream err) throws IOException
    {
        if (demo)
        {
            final InputStream stream = ScenarioMain.class.getResourceAsStream(DEMO_SCENARIO);
            if (stream == null)
            {
                err.println("the embedded default scenario " + DEMO_SCENARIO + " is missing from the classpath");
                return null;
            }
            return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }
        final Path path = Path.of(name);
        if (!Files.isRegularFile(path))
        {
            err.println("scenario file " + name + " does not exist or is not a file");
            return null;
        }
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
    }

    private static void summary(
        final PrintStream err, final String inName, final String outName, final MarginProcessor processor,
        final JsonLinesSink sink, final ScenarioReader reader, final long nanos)
    {
        err.println();
        err.println("== summary: " + inName);
        err.printf("inputs              %d (%d lines skipped)%n", processor.inputs(), reader.skipped());
        err.printf("rejected            %d%n", processor.rejects());
        for (final RejectCode code : RejectCode.values())
        {
            if (code != RejectCode.NULL_VAL && processor.rejects(code) > 0)
            {
                err.printf("  %-20s%d%n", code, processor.rejects(code));
            }
        }
        err.printf("margin calls        %d%n", processor.marginCalls());
        err.printf("liquidations        %d%n", processor.liquidations());
        err.println("outputs by type");
        for (final Map.Entry<String, Long> e : sink.countsByType().entrySet())
        {
            err.printf("  %-20s%d%n", e.getKey(), e.getValue());
        }
        err.printf("time                %.1f ms%n", nanos / 1e6);
        err.println("outputs             " + (outName == null ? "above, one JSON object a line" : outName));
    }
}
