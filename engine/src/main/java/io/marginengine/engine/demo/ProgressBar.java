package io.marginengine.engine.demo;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * One line of progress on standard error: redrawn in place on a terminal (at most ten times a
 * second), or a plain line at every tenth of the run when the output goes to a file or a pipe.
 */
final class ProgressBar
{
    private static final int WIDTH = 30;
    private static final long REDRAW_NS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final boolean enabled;
    private long lastDrawNs;
    private int lastTenth = -1;
    private int lastWidth;

    /**
     * @param out     where it is drawn.
     * @param enabled false draws nothing.
     */
    ProgressBar(final PrintStream out, final boolean enabled)
    {
        this.out = out;
        this.enabled = enabled;
        terminal = isTerminal();
    }

    /**
     * @param done  work done.
     * @param total all the work.
     * @param text  what to show beside the bar.
     */
    void update(final long done, final long total, final String text)
    {
        if (!enabled)
        {
            return;
        }
        final int percent = (int)(100 * done / Math.max(1, total));
        if (terminal)
        {
            final long now = System.nanoTime();
            if (now - lastDrawNs < REDRAW_NS && done < total)
            {
                return;
            }
            lastDrawNs = now;
            final int filled = percent * WIDTH / 100;
            final String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%% ", percent) + text;
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            out.flush();
        }
        else if (percent / 10 != lastTenth)
        {
            lastTenth = percent / 10;
            out.println(String.format("%3d%% ", percent) + text);
        }
    }

    /** Ends the bar's line. */
    void finish()
    {
        if (enabled && terminal)
        {
            out.println();
        }
    }

    /** A console that is a terminal (JDK 22 and later answer {@code isTerminal}; before, a console is one). */
    private static boolean isTerminal()
    {
        final Console console = System.console();
        if (console == null)
        {
            return false;
        }
        try
        {
            final Method method = Console.class.getMethod("isTerminal");
            return (Boolean)method.invoke(console);
        }
        catch (final ReflectiveOperationException ex)
        {
            return true;
        }
    }
}
