package io.marginengine.replay;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, redrawn in place at most ten times a second:
 * {@code replay [#########-----------]  45%  1,234,567/2,743,000 inputs  2.1 M inputs/s}.
 * Silent when standard error is not a terminal or with {@code --quiet}, so logs and pipes
 * get no carriage returns. The check of the clock is amortised over 1,024 inputs.
 */
public final class Progress
{
    private static final int WIDTH = 24;
    private static final long REDRAW_NS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private String label = "";
    private long total;
    private long startNs;
    private long lastDrawNs;
    private boolean drawn;

    /**
     * @param err     where the bar is drawn.
     * @param enabled whether to draw at all.
     */
    public Progress(final PrintWriter err, final boolean enabled)
    {
        this.err = err;
        this.enabled = enabled;
    }

    /**
     * A progress that never draws.
     *
     * @return a silent progress.
     */
    public static Progress silent()
    {
        return new Progress(null, false);
    }

    /**
     * Whether standard error is a terminal. {@code scripts/replay.sh} tells the JVM, which
     * cannot see it, through {@code -Dreplay.stderr.tty=true|false}; without it the tool
     * guesses from {@link System#console()}.
     *
     * @return true to draw bars.
     */
    public static boolean stderrIsTerminal()
    {
        final String told = System.getProperty("replay.stderr.tty");
        if (told != null)
        {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Starts a bar.
     *
     * @param label what is being done, a word or two.
     * @param total how many inputs will be read, or 0 when unknown (no percentage then).
     */
    public void start(final String label, final long total)
    {
        this.label = label;
        this.total = total;
        startNs = System.nanoTime();
        lastDrawNs = startNs;
    }

    /**
     * Reports how many inputs are done; cheap enough to call for each one.
     *
     * @param done inputs done so far.
     */
    public void update(final long done)
    {
        if (!enabled || (done & 1023) != 0)
        {
            return;
        }
        final long now = System.nanoTime();
        if (now - lastDrawNs >= REDRAW_NS)
        {
            lastDrawNs = now;
            draw(done, now);
        }
    }

    /** Clears the bar, leaving the line empty for what is printed next. */
    public void finish()
    {
        if (enabled && drawn)
        {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    private void draw(final long done, final long now)
    {
        final StringBuilder line = new StringBuilder(96).append('\r').append(label).append(' ');
        if (total > 0)
        {
            final int filled = (int)Math.min(WIDTH, done * WIDTH / total);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%%  %,d/%,d", Math.min(100, done * 100 / total), done, total));
        }
        else
        {
            line.append(String.format(Locale.ROOT, "%,d", done));
        }
        line.append(" inputs  ").append(rate(done, now - startNs)).append("\033[K");
        err.print(line);
        err.flush();
        drawn = true;
    }

    /**
     * Formats a rate of inputs per second for people.
     *
     * @param inputs inputs read.
     * @param nanos  time taken.
     * @return such as {@code 2.1 M inputs/s} or {@code 830 inputs/s}.
     */
    public static String rate(final long inputs, final long nanos)
    {
        if (nanos <= 0)
        {
            return "- inputs/s";
        }
        final double perSecond = inputs * 1e9 / nanos;
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.1f M inputs/s", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%,d inputs/s", Math.round(perSecond));
    }
}
