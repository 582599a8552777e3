package io.marginengine.replay;

import io.marginengine.engine.Context;
import io.marginengine.engine.MarginEngine;
import io.marginengine.engine.egress.OutputQueueSink;
import io.marginengine.engine.ingress.ScenarioReader;
import io.marginengine.engine.pipeline.ChronicleInputJournal;
import io.marginengine.journal.JournalWriter;
import io.marginengine.journal.QueueDirectories;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a worked scenario as a live engine would: the real pipeline (ring, Chronicle input
 * journal, processor) writes {@code input-journal/} and {@code output-queue/} into a data
 * directory, the layout of {@link QueueDirectories}. The scenario's hand-worked outputs
 * ({@code .expected.jsonl}) are what the tool's answers are checked against.
 */
final class RecordedRun
{
    private RecordedRun()
    {
    }

    /**
     * Runs a scenario through the engine into a data directory.
     *
     * @param scenario the scenario's name, e.g. {@code 05_margin_call_deadline_liquidation}.
     * @param dataDir  the data directory to write.
     * @return the data directory.
     */
    static Path record(final String scenario, final Path dataDir)
    {
        return record(scenario, dataDir, new Context());
    }

    /**
     * Runs a scenario through an engine that writes a snapshot every few inputs (and at its
     * clean stop) into {@code dataDir/snapshots}.
     *
     * @param scenario the scenario's name.
     * @param dataDir  the data directory to write.
     * @param every    inputs between snapshots.
     * @return the data directory.
     */
    static Path recordWithSnapshots(final String scenario, final Path dataDir, final long every)
    {
        // one input per ring batch (the publisher waits for each), so the interval is met as it falls due
        return record(scenario, dataDir, new Context().snapshotDirectory(dataDir.resolve("snapshots"))
            .snapshotIntervalInputs(every).snapshotsKept(1_000));
    }

    private static Path record(final String scenario, final Path dataDir, final Context context)
    {
        try (BufferedReader in = reader(scenario + ".in.jsonl");
            OutputQueueSink outputs = new OutputQueueSink(new JournalWriter(QueueDirectories.outputQueue(dataDir))))
        {
            final MarginEngine engine = MarginEngine.launch(context,
                new ChronicleInputJournal(new JournalWriter(QueueDirectories.inputJournal(dataDir))), outputs);
            try
            {
                final boolean paced = context.snapshotDirectory() != null;
                final long[] published = {0};
                new ScenarioReader(new PrintStream(PrintStream.nullOutputStream())).read(in, scenario, (line, buffer, offset, length) ->
                {
                    engine.publisher().publish(buffer, offset, length);
                    published[0]++;
                    while (paced && engine.processed() < published[0])
                    {
                        Thread.onSpinWait();
                    }
                });
            }
            finally
            {
                engine.close();
            }
            if (engine.failure() != null)
            {
                throw new IllegalStateException("the engine failed recording " + scenario, engine.failure());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return dataDir;
    }

    /**
     * @param name a file of the worked scenarios.
     * @return its lines.
     */
    static List<String> lines(final String name)
    {
        try (BufferedReader in = reader(name))
        {
            final List<String> lines = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine())
            {
                if (!line.isBlank())
                {
                    lines.add(line);
                }
            }
            return lines;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The hand-worked outputs write {@code "reason":"*"} where any sentence is right (the
     * engine's scenario test reads them the same way): such a line matches whatever reason.
     *
     * @param expected the hand-worked lines.
     * @param actual   the lines the tool printed.
     * @return the actual lines, their reasons replaced by {@code *} where the expected line has {@code *}.
     */
    static List<String> withWildcardReasons(final List<String> expected, final List<String> actual)
    {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++)
        {
            final String line = actual.get(i);
            final boolean wildcard = i < expected.size() && expected.get(i).contains("\"reason\":\"*\"");
            out.add(wildcard ? line.replaceAll("\"reason\":\"(\\\\.|[^\"\\\\])*\"", "\"reason\":\"*\"") : line);
        }
        return out;
    }

    private static BufferedReader reader(final String name)
    {
        final InputStream stream = RecordedRun.class.getResourceAsStream("/scenarios/" + name);
        if (stream == null)
        {
            throw new IllegalArgumentException("no scenario file " + name + " on the test classpath");
        }
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }
}
