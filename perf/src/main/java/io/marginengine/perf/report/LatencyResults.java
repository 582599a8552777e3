package io.marginengine.perf.report;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the latency harness wrote: {@code latency.csv} (one {@link Run} per line),
 * {@code saturation.csv}, and each run's histogram log.
 */
final class LatencyResults
{
    /** One measured run: a wait strategy at an offered rate. */
    static final class Run
    {
        final String strategy;
        final String label;
        final long offered;
        final long count;
        final double achieved;
        final boolean sustained;
        final long lagNs;
        final long[] intendedNs;
        final long[] publishNs;
        Histogram intended;

        Run(final List<String> cells)
        {
            strategy = cells.get(0);
            label = cells.get(1);
            offered = Long.parseLong(cells.get(2));
            count = Long.parseLong(cells.get(3));
            achieved = Double.parseDouble(cells.get(4));
            sustained = Boolean.parseBoolean(cells.get(5));
            lagNs = Long.parseLong(cells.get(6));
            intendedNs = new long[6];
            for (int i = 0; i < 6; i++)
            {
                intendedNs[i] = Long.parseLong(cells.get(7 + i));
            }
            publishNs = new long[4];
            for (int i = 0; i < 4; i++)
            {
                publishNs[i] = Long.parseLong(cells.get(13 + i));
            }
        }

        /** @return the file name of its histogram log. */
        String logName()
        {
            return "latency-" + strategy + "-" + label + (label.startsWith("max") ? "-" + offered : "") + ".hlog";
        }
    }

    final List<Run> runs = new ArrayList<>();
    final Map<String, Double> saturated = new LinkedHashMap<>();

    /**
     * @param directory the results directory.
     * @return what it holds; empty when the harness did not run.
     * @throws IOException when a file cannot be read.
     */
    static LatencyResults read(final Path directory) throws IOException
    {
        final LatencyResults results = new LatencyResults();
        final Path csv = directory.resolve("latency.csv");
        if (Files.exists(csv))
        {
            final List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (final String line : lines.subList(1, lines.size()))
            {
                if (!line.isBlank())
                {
                    final Run run = new Run(JmhResults.split(line));
                    run.intended = readIntended(directory.resolve(run.logName()));
                    results.runs.add(run);
                }
            }
        }
        final Path saturation = directory.resolve("saturation.csv");
        if (Files.exists(saturation))
        {
            final List<String> lines = Files.readAllLines(saturation, StandardCharsets.UTF_8);
            for (final String line : lines.subList(1, lines.size()))
            {
                final List<String> cells = JmhResults.split(line);
                if (cells.size() == 2)
                {
                    results.saturated.put(cells.get(0), Double.parseDouble(cells.get(1)));
                }
            }
        }
        return results;
    }

    private static Histogram readIntended(final Path log) throws FileNotFoundException
    {
        if (!Files.exists(log))
        {
            return null;
        }
        final HistogramLogReader reader = new HistogramLogReader(log.toFile());
        try
        {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram())
            {
                if ("intended".equals(h.getTag()) && h instanceof Histogram)
                {
                    return (Histogram)h;
                }
            }
            return null;
        }
        finally
        {
            reader.close();
        }
    }

    /**
     * @param label a run label (100k, 1M, max).
     * @return the runs with it, in strategy order.
     */
    List<Run> withLabel(final String label)
    {
        return runs.stream().filter(r -> r.label.equals(label)).toList();
    }
}
