package io.marginengine.perf.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results of JMH runs, read from the CSV files JMH writes with {@code -rf csv}: one
 * {@link Row} per benchmark and parameter combination, with its secondary results (the
 * {@code gc} profiler's {@code gc.alloc.rate.norm}, bytes per operation) attached.
 */
final class JmhResults
{
    /** One benchmark and parameter combination. */
    static final class Row
    {
        final String benchmark;
        final String mode;
        final long samples;
        final double score;
        final double error;
        final String unit;
        final Map<String, String> params;
        final Map<String, Double> secondary = new LinkedHashMap<>();

        Row(final String benchmark, final String mode, final long samples, final double score, final double error,
            final String unit, final Map<String, String> params)
        {
            this.benchmark = benchmark;
            this.mode = mode;
            this.samples = samples;
            this.score = score;
            this.error = error;
            this.unit = unit;
            this.params = params;
        }

        /** @return the class's simple name, e.g. {@code MixedInputBenchmark}. */
        String className()
        {
            final String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
            return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
        }

        /** @return the method's name. */
        String method()
        {
            return benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        /** @return bytes allocated per operation, or NaN when the run had no gc profiler. */
        double bytesPerOp()
        {
            return secondary.getOrDefault("gc.alloc.rate.norm", Double.NaN);
        }

        /** @return operations per second, whatever the mode's unit. */
        double opsPerSecond()
        {
            switch (unit)
            {
                case "ops/s":
                    return score;
                case "ops/ms":
                    return score * 1e3;
                case "ops/us":
                    return score * 1e6;
                case "ns/op":
                    return 1e9 / score;
                case "us/op":
                    return 1e6 / score;
                case "ms/op":
                    return 1e3 / score;
                case "s/op":
                    return 1 / score;
                default:
                    return Double.NaN;
            }
        }

        /**
         * @param name a parameter's name.
         * @return its value, or "" when the benchmark has no such parameter.
         */
        String param(final String name)
        {
            return params.getOrDefault(name, "");
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /**
     * Reads every {@code jmh-*.csv} of a directory.
     *
     * @param directory the results directory.
     * @return the rows, in file name order then file order.
     * @throws IOException when a file cannot be read.
     */
    static JmhResults read(final Path directory) throws IOException
    {
        final JmhResults results = new JmhResults();
        if (!Files.isDirectory(directory))
        {
            return results;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : files.filter(f -> f.getFileName().toString().matches("jmh-.*\\.csv")).sorted().toList())
            {
                results.readFile(file);
            }
        }
        return results;
    }

    private void readFile(final Path file) throws IOException
    {
        final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty())
        {
            return;
        }
        final List<String> header = split(lines.get(0));
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.isBlank())
            {
                continue;
            }
            final List<String> cells = split(line);
            final Map<String, String> params = new LinkedHashMap<>();
            for (int i = 7; i < header.size() && i < cells.size(); i++)
            {
                if (!cells.get(i).isEmpty())
                {
                    params.put(header.get(i).replaceFirst("^Param: ", ""), cells.get(i));
                }
            }
            final String name = cells.get(0);
            final double score = number(cells.get(4));
            final int colon = name.indexOf(':');
            if (colon >= 0)
            {
                final String primary = name.substring(0, colon);
                final String metric = name.substring(colon + 1).replace("\u00b7", "");
                find(primary, params).ifPresent(row -> row.secondary.put(metric, score));
            }
            else
            {
                rows.add(new Row(name, cells.get(1), (long)number(cells.get(3)), score, number(cells.get(5)), cells.get(6), params));
            }
        }
    }

    private Optional<Row> find(final String benchmark, final Map<String, String> params)
    {
        for (int i = rows.size() - 1; i >= 0; i--)
        {
            final Row row = rows.get(i);
            if (row.benchmark.equals(benchmark) && row.params.equals(params))
            {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static double number(final String cell)
    {
        try
        {
            return Double.parseDouble(cell);
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    /** Splits a CSV line; cells may be quoted, with doubled quotes inside. */
    static List<String> split(final String line)
    {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"')
                {
                    cell.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else
            {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** @return every row. */
    List<Row> rows()
    {
        return rows;
    }

    /**
     * @param className a benchmark class's simple name.
     * @return its rows.
     */
    List<Row> ofClass(final String className)
    {
        return rows.stream().filter(r -> r.className().equals(className)).toList();
    }
}
