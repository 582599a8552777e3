package io.marginengine.perf.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws latency-by-percentile plots as a PNG, the way HdrHistogram's plotter does: the
 * horizontal axis is the percentile on a log scale of {@code 1 / (1 - p)} (0%, 90%, 99%, 99.9%
 * ... evenly spaced), so the tail gets as much room as the median. The vertical axis is the
 * latency on a log scale as well, from 0.1 us, since a run's median and maximum are often
 * three or more decades apart. One panel per offered rate, one line per wait strategy.
 * Headless (java.awt with {@code java.awt.headless=true}); no other library.
 */
final class PercentilePlot
{
    /** One line: a label and its histogram (ns). */
    static final class Series
    {
        final String label;
        final Histogram histogram;

        Series(final String label, final Histogram histogram)
        {
            this.label = label;
            this.histogram = histogram;
        }
    }

    /** One panel: a title and its lines. */
    static final class Panel
    {
        final String title;
        final List<Series> series = new ArrayList<>();

        Panel(final String title)
        {
            this.title = title;
        }
    }

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b)};
    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;
    private static final double MIN_US = 0.1;

    private PercentilePlot()
    {
    }

    /**
     * Draws the panels side by side into a PNG file.
     *
     * @param panels the panels.
     * @param title  the figure's title.
     * @param file   where to write it.
     * @throws IOException when it cannot be written.
     */
    static void draw(final List<Panel> panels, final String title, final Path file) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final int width = Math.max(2, panels.size()) * PANEL_WIDTH;
        final BufferedImage image = new BufferedImage(width, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 20);
        final double maxX = maxX(panels);
        final double maxUs = maxUs(panels);
        for (int i = 0; i < panels.size(); i++)
        {
            drawPanel(g, panels.get(i), i * PANEL_WIDTH, maxX, maxUs);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static double maxX(final List<Panel> panels)
    {
        long most = 10;
        for (final Panel panel : panels)
        {
            for (final Series s : panel.series)
            {
                most = Math.max(most, s.histogram.getTotalCount());
            }
        }
        // the last percentile a histogram of n values resolves is about 1 - 1/n
        return Math.ceil(Math.log10(most));
    }

    private static double maxUs(final List<Panel> panels)
    {
        double most = 10;
        for (final Panel panel : panels)
        {
            for (final Series s : panel.series)
            {
                most = Math.max(most, s.histogram.getMaxValue() / 1e3);
            }
        }
        return Math.pow(10, Math.ceil(Math.log10(most)));
    }

    private static void drawPanel(final Graphics2D g, final Panel panel, final int x0, final double maxX, final double maxUs)
    {
        final int left = x0 + LEFT;
        final int right = x0 + PANEL_WIDTH - RIGHT;
        final int top = TOP;
        final int bottom = HEIGHT - BOTTOM;
        final double minY = Math.log10(MIN_US);
        final double maxY = Math.log10(maxUs);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(panel.title, left, top - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        final FontMetrics metrics = g.getFontMetrics();
        // grid and axes; a percentile label that would overlap the one before it is left out
        int labelEnd = Integer.MIN_VALUE;
        for (int decade = 0; decade <= (int)maxX; decade++)
        {
            final int x = (int)Math.round(left + (right - left) * decade / maxX);
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, top, x, bottom);
            g.setColor(Color.BLACK);
            final String text = percentileLabel(decade);
            final int textX = Math.min(x - metrics.stringWidth(text) / 2, x0 + PANEL_WIDTH - 2 - metrics.stringWidth(text));
            if (textX > labelEnd + 4)
            {
                g.drawString(text, textX, bottom + 15);
                labelEnd = textX + metrics.stringWidth(text);
            }
        }
        for (double y = minY; y <= maxY + 1e-9; y += 1)
        {
            final int py = (int)Math.round(bottom - (bottom - top) * (y - minY) / (maxY - minY));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, py, right, py);
            g.setColor(Color.BLACK);
            final String text = usLabel(Math.pow(10, y));
            g.drawString(text, left - 6 - metrics.stringWidth(text), py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.drawString("percentile", (left + right) / 2 - 25, bottom + 32);
        g.rotate(-Math.PI / 2);
        g.drawString("latency from intended send time (us, log)", -bottom + 20, x0 + 14);
        g.rotate(Math.PI / 2);
        // lines
        int legendY = bottom + 50;
        for (int i = 0; i < panel.series.size(); i++)
        {
            final Series s = panel.series.get(i);
            final Color color = COLORS[i % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            int lastX = -1;
            int lastY = -1;
            for (final HistogramIterationValue v : s.histogram.percentiles(5))
            {
                final double p = v.getPercentileLevelIteratedTo() / 100.0;
                final double x = p >= 1 ? maxX : Math.min(maxX, Math.log10(1 / (1 - p)));
                final double us = Math.max(MIN_US, s.histogram.highestEquivalentValue(v.getValueIteratedTo()) / 1e3);
                final int px = (int)Math.round(left + (right - left) * x / maxX);
                final int py = (int)Math.round(bottom - (bottom - top) * (Math.log10(us) - minY) / (maxY - minY));
                if (lastX >= 0)
                {
                    g.drawLine(lastX, lastY, px, py);
                }
                lastX = px;
                lastY = py;
            }
            g.setStroke(new BasicStroke(1f));
            g.fillRect(left, legendY - 8, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label, left + 20, legendY - 3);
            legendY += 15;
        }
    }

    private static String percentileLabel(final int decade)
    {
        if (decade == 0)
        {
            return "0%";
        }
        final StringBuilder text = new StringBuilder("99");
        if (decade == 1)
        {
            return "90%";
        }
        if (decade > 2)
        {
            text.append('.');
            for (int i = 2; i < decade; i++)
            {
                text.append('9');
            }
        }
        return text.append('%').toString();
    }

    private static String usLabel(final double us)
    {
        if (us < 1)
        {
            return String.format(Locale.ROOT, "%.1f", us);
        }
        if (us >= 1e6)
        {
            return String.format(Locale.ROOT, "%.0f s", us / 1e6);
        }
        if (us >= 1e3)
        {
            return String.format(Locale.ROOT, "%.0f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", us);
    }
}
