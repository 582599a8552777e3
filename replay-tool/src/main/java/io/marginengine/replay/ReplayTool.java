package io.marginengine.replay;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * The forensic replay tool: reads what an engine recorded (its input journal, output queue
 * and snapshots) and replays it through the engine's own {@code MarginProcessor}, to
 * reproduce, verify, explain and question its decisions. One class per command:
 * {@link ReplayCommand}, {@link DumpCommand}, {@link ExplainCommand},
 * {@link WhatIfCommand}, {@link StateCommand}. docs/REPLAY-TOOL.md is the manual;
 * {@code scripts/replay.sh} runs it.
 * <p>
 * Exit statuses ({@link ExitCodes}): 0 done (and, for {@code --verify}, everything matched),
 * 1 a difference found, 2 bad usage or input (said in a sentence), 3 a damaged or unreadable
 * journal or output queue, 4 an unexpected failure.
 */
@Command(name = "replay.sh", mixinStandardHelpOptions = true, version = "margin engine replay tool 0.1",
    description = "Replays an engine's input journal through the engine's own processor to reproduce, verify, "
        + "explain and question its decisions.",
    subcommands = {ReplayCommand.class, DumpCommand.class, ExplainCommand.class, WhatIfCommand.class, StateCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done; for replay --verify: every output and digest matched",
        "1:replay --verify found a difference (the first one is printed)",
        "2:bad usage or input, said in a sentence",
        "3:the journal or the output queue is damaged or unreadable",
        "4:unexpected failure of the engine or the tool"})
public final class ReplayTool implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the tool and exits with its status.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the tool.
     *
     * @param args the command line.
     * @param out  standard output.
     * @param err  standard error.
     * @return the exit status ({@link ExitCodes}).
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        final PrintWriter errWriter = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try
        {
            return commandLine(outWriter, errWriter).execute(args);
        }
        finally
        {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /**
     * The command line with its handlers: usage errors and {@link ToolException}s become a
     * sentence on standard error and their exit status.
     *
     * @param out standard output.
     * @param err standard error.
     * @return the command line, ready to execute.
     */
    static CommandLine commandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new ReplayTool());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine command = ex.getCommandLine();
            err.println(sentence(ex.getMessage()));
            err.println("usage: " + command.getCommandSpec().qualifiedName() + " --help shows the options");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, command, parseResult) ->
        {
            command.getOut().flush();
            if (ex instanceof ToolException)
            {
                err.println(ex.getMessage());
                return ((ToolException)ex).exitCode();
            }
            err.println("the replay tool failed unexpectedly: " + ex);
            ex.printStackTrace(err);
            return ExitCodes.FAILURE;
        });
        return commandLine;
    }

    private static String sentence(final String message)
    {
        if (message == null || message.isEmpty())
        {
            return "bad arguments";
        }
        return message;
    }

    /**
     * Without a command: says so, shows the usage, and ends with {@link ExitCodes#USAGE}.
     */
    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("no command given: expected one of replay, dump, explain, what-if, state");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }
}
