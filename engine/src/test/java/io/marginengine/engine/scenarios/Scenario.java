package io.marginengine.engine.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One worked scenario: {@code NAME.in.jsonl} (inputs, one JSON object a line) and
 * {@code NAME.expected.jsonl} (the outputs computed by hand, see docs/worked-examples.md).
 * The 0-based line index of an input is its journal index, which outputs name as {@code cause}.
 */
record Scenario(String name, List<JsonNode> inputs, List<JsonNode> expected)
{
    static final String RESOURCE_DIR = "/scenarios";
    static final String IN_SUFFIX = ".in.jsonl";
    static final String EXPECTED_SUFFIX = ".expected.jsonl";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The directory holding the scenario files (test resources on the class path). */
    static Path directory()
    {
        final URL url = Scenario.class.getResource(RESOURCE_DIR);
        if (url == null)
        {
            throw new IllegalStateException("no " + RESOURCE_DIR + " on the test class path");
        }
        try
        {
            return Paths.get(url.toURI());
        }
        catch (final URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /** Scenario names (file names without suffix), sorted, from every {@code .in.jsonl}. */
    static List<String> names()
    {
        try (Stream<Path> files = Files.list(directory()))
        {
            return files.map(p -> p.getFileName().toString())
                .filter(f -> f.endsWith(IN_SUFFIX))
                .map(f -> f.substring(0, f.length() - IN_SUFFIX.length()))
                .sorted()
                .toList();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    static List<Scenario> all()
    {
        return names().stream().map(Scenario::load).toList();
    }

    static Scenario load(final String name)
    {
        final Path dir = directory();
        return new Scenario(name, readLines(dir.resolve(name + IN_SUFFIX)), readLines(dir.resolve(name + EXPECTED_SUFFIX)));
    }

    /** Reads a JSON Lines file; a line that is not a JSON object fails with the file and line number. */
    static List<JsonNode> readLines(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        final List<JsonNode> nodes = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isBlank())
            {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": blank line");
            }
            final JsonNode node;
            try
            {
                node = MAPPER.readTree(line);
            }
            catch (final IOException e)
            {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": not JSON: " + e.getMessage(), e);
            }
            if (node == null || !node.isObject())
            {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": not a JSON object");
            }
            nodes.add(node);
        }
        return nodes;
    }

    @Override
    public String toString()
    {
        return name;
    }
}
