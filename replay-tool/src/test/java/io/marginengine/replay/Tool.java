package io.marginengine.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs the tool in-process as {@code scripts/replay.sh} would, keeping what it printed.
 *
 * @param exitCode its exit status.
 * @param out      what it printed on standard output.
 * @param err      what it printed on standard error.
 */
record Tool(int exitCode, String out, String err)
{
    static Tool run(final Object... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] strings = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        final int code = ReplayTool.run(strings, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Tool(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** @return standard output's non-empty lines. */
    List<String> lines()
    {
        return out.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    }

    /** @return standard output's lines read as JSON objects. */
    List<ObjectNode> json()
    {
        return lines().stream().map(MessageText::tree).collect(Collectors.toList());
    }

    @Override
    public String toString()
    {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
