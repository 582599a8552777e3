package io.marginengine.engine.demo;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.state.AccountStore;
import io.marginengine.journal.QueueDirectories;
import io.marginengine.journal.codec.MessageTypes;
import io.marginengine.journal.sbe.AccountStateDecoder;
import io.marginengine.journal.sbe.CheckResultDecoder;
import io.marginengine.journal.sbe.LiquidationDoneDecoder;
import io.marginengine.journal.sbe.LiquidationOrderDecoder;
import io.marginengine.journal.sbe.MarginCallCuredDecoder;
import io.marginengine.journal.sbe.PriceResumedDecoder;
import io.marginengine.journal.sbe.PriceStaleDecoder;
import io.marginengine.journal.sbe.RejectCode;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The end-of-run report of the demo, written for a risk officer: what came in, what the
 * engine did about it (calls, cures, liquidations, the fund, ADL, refusals), how fast, and
 * where the evidence is. Money is printed in dollars from the exact fixed-point tallies.
 */
final class RiskSummary
{
    private static final String SPARKS = " ▁▂▃▄▅▆▇█";
    private static final int PATH_WIDTH = 60;

    private final PrintStream out;
    private final SyntheticVenue venue;
    private final VenueInputs inputs;
    private final VenueOutputs tally;
    private final MarginProcessor processor;
    private final Histogram latency;

    RiskSummary(
        final PrintStream out, final SyntheticVenue venue, final VenueInputs inputs, final VenueOutputs tally,
        final MarginProcessor processor, final Histogram latency)
    {
        this.out = out;
        this.venue = venue;
        this.inputs = inputs;
        this.tally = tally;
        this.processor = processor;
        this.latency = latency;
    }

    void print(
        final long setupInputs, final long setupNs, final long elapsedNs, final long[] fundPath, final Path dir,
        final Path outputsFile)
    {
        final VenueMarket market = venue.market();
        out.println();
        out.println("== what happened");
        out.printf("market       crash of %d%% (x beta) from t=%ds to %ds, rebound to %d%% from %ds to %ds;%n",
            -VenueMarket.crashDepthPercent(), market.crashStart(), market.crashEnd(), -VenueMarket.reboundPercent(),
            market.reboundStart(), market.reboundEnd());
        out.printf("             short squeeze +25%% on %s%n", squeezed(market));
        out.printf("risk params  call below 100%% of maintenance, liquidation below %d%%, %ds to cure a call%n",
            SyntheticVenue.LIQUIDATION_LEVEL_PERCENT, SyntheticVenue.CALL_GRACE_NS / SyntheticVenue.STEP_NS);
        out.printf("             %s feed silent for %ds from t=%ds%n", market.symbols[market.staleIndex()], VenueMarket.STALE_GAP_STEPS, market.crashStart() + 2);
        out.printf("inputs       %,d journaled and processed:%s%n", inputs.published(), inputsByType());
        final long calls = tally.crossCalls + tally.isolatedCalls;
        final long cured = tally.outputsByType[MarginCallCuredDecoder.TEMPLATE_ID];
        out.printf("margin calls %,d issued (%,d cross, %,d isolated); %,d cured (%s); %,d ladders went to liquidation%n",
            calls, tally.crossCalls, tally.isolatedCalls, cured, percent(cured, calls), processor.liquidations());
        out.printf("             traders answered %,d calls with money and cut %,d positions themselves%n",
            venue.curesSent, venue.reductionsSent);
        out.printf("liquidation  %,d orders sent: %,d filled, %,d partly filled then expired, %,d expired unfilled%n",
            tally.outputsByType[LiquidationOrderDecoder.TEMPLATE_ID], venue.ordersFilled, venue.ordersPartlyFilled,
            venue.ordersExpired);
        out.printf("             (%,d of them because the mark was already past the bankruptcy price; %,d such orders%n",
            venue.ordersBeyondMarket, venue.ordersBackstopped);
        out.printf("             were taken whole at the bankruptcy price by a backstop provider); %,d ladders done%n",
            tally.outputsByType[LiquidationDoneDecoder.TEMPLATE_ID]);
        printFund(fundPath);
        out.printf("ADL          %,d counterparties deleveraged, %s of notional%n", tally.adlEvents, dollars(tally.adlNotional8));
        out.printf("prices       %,d stale, %,d resumed%n", tally.outputsByType[PriceStaleDecoder.TEMPLATE_ID],
            tally.outputsByType[PriceResumedDecoder.TEMPLATE_ID]);
        out.printf("checks       %,d pre-trade checks answered; %,d account_state queries%n",
            tally.outputsByType[CheckResultDecoder.TEMPLATE_ID], tally.outputsByType[AccountStateDecoder.TEMPLATE_ID]);
        out.printf("rejects      %,d:%s%n", processor.rejects(), rejects());
        out.println();
        out.println("== how fast (this machine; the whole pipeline: ring, journal, processor, three output sinks)");
        final long marketInputs = inputs.published() - setupInputs;
        final long marketNs = elapsedNs - setupNs;
        out.printf("throughput   opening: %,d inputs (accounts, deposits, positions) in %.2f s, %,d inputs/s%n",
            setupInputs, setupNs / 1e9, perSecond(setupInputs, setupNs));
        out.printf("             market:  %,d inputs in %.2f s, %,d inputs/s (the venue waits for each simulated second)%n",
            marketInputs, marketNs / 1e9, perSecond(marketInputs, marketNs));
        out.printf("latency      market phase, publish to processed, n=%,d: p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s%n",
            latency.getTotalCount(), micros(latency.getValueAtPercentile(50)), micros(latency.getValueAtPercentile(90)),
            micros(latency.getValueAtPercentile(99)), micros(latency.getValueAtPercentile(99.9)),
            micros(latency.getValueAtPercentile(99.99)), micros(latency.getMaxValue()));
        out.println("             (each simulated second's inputs go out as one burst: an input waits behind the ones before it)");
        if (tally.lostNotices > 0)
        {
            out.printf("warning      %,d notices to the venue did not fit its buffer and were dropped%n", tally.lostNotices);
        }
        out.println();
        out.println("== where the evidence is");
        out.printf("journal      %s (%,d inputs, %s)%n", QueueDirectories.inputJournal(dir), inputs.published(),
            megabytes(QueueDirectories.inputJournal(dir)));
        out.printf("output queue %s%n", QueueDirectories.outputQueue(dir));
        out.printf("snapshots    %s (the state at the clean stop, with its digest %s)%n", dir.resolve("snapshots"),
            processor.stateDigest());
        out.printf("outputs      %s (%,d JSON lines)%n", outputsFile, totalOutputs());
        out.printf("replay it    scripts/replay.sh replay %s --verify   (or dump, explain --account A, what-if, state)%n", dir);
    }

    private void printFund(final long[] fundPath)
    {
        final int fundSlot = processor.accounts().slotOf(0);
        final String low = tally.fundMin8 < fundPath[0] ? "low " + dollars(tally.fundMin8) + " at t=" +
            (tally.fundMinAt - SyntheticVenue.EPOCH_NS) / SyntheticVenue.STEP_NS + "s" : "never below its opening";
        out.printf("fund         %s -> %s (%s); fees in %s; %,d deficits paid, %s; shortfall %s%n",
            dollars(fundPath[0]), dollars(tally.fundBalance8), low, dollars(tally.feesToFund8),
            tally.deficitsPaidCount, dollars(tally.deficitsPaid8),
            tally.shortfallCount == 0 ? "none" : dollars(tally.shortfall8) + " in " + tally.shortfallCount + " events");
        out.printf("             holds %d positions taken over; balance by second: %s%n",
            fundSlot == AccountStore.MISSING ? 0 : processor.accounts().positionCount(fundSlot), sparkline(fundPath));
    }

    private String inputsByType()
    {
        final StringBuilder text = new StringBuilder();
        for (int type = 1; type <= VenueInputs.MAX_TYPE; type++)
        {
            if (inputs.published(type) > 0)
            {
                text.append(text.length() % 100 > 80 ? "\n            " : "").append(' ').append(MessageTypes.typeName(type))
                    .append(' ').append(String.format("%,d", inputs.published(type)));
            }
        }
        return text.toString();
    }

    private String rejects()
    {
        final StringBuilder text = new StringBuilder();
        for (final RejectCode code : RejectCode.values())
        {
            if (code != RejectCode.NULL_VAL && code != RejectCode.ACCEPTED && processor.rejects(code) > 0)
            {
                text.append(' ').append(code.name()).append(' ').append(String.format("%,d", processor.rejects(code)));
            }
        }
        return text.length() == 0 ? " none" : text.toString();
    }

    private long totalOutputs()
    {
        long total = 0;
        for (final long n : tally.outputsByType)
        {
            total += n;
        }
        return total;
    }

    private static String squeezed(final VenueMarket market)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < market.count; i++)
        {
            if (market.squeezed[i])
            {
                text.append(text.length() == 0 ? "" : ", ").append(market.symbols[i]);
            }
        }
        return (text.length() == 0 ? "none" : text) + " from t=" + market.squeezeStart() + "s to " + market.squeezeEnd() + "s";
    }

    private static String sparkline(final long[] path)
    {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (final long v : path)
        {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        final StringBuilder line = new StringBuilder();
        final int columns = Math.min(PATH_WIDTH, path.length);
        for (int c = 0; c < columns; c++)
        {
            final long v = path[(int)((long)c * (path.length - 1) / Math.max(1, columns - 1))];
            final int level = max == min ? SPARKS.length() - 1 : 1 + (int)((v - min) * (SPARKS.length() - 2) / (max - min));
            line.append(SPARKS.charAt(level));
        }
        return line.toString();
    }

    private static long perSecond(final long count, final long nanos)
    {
        return nanos <= 0 ? 0 : count * 1_000_000_000L / nanos;
    }

    private static String percent(final long part, final long whole)
    {
        return whole == 0 ? "-" : (100 * part / whole) + "%";
    }

    /** Money at scale 8 as dollars and cents, truncated. */
    static String dollars(final long scaled8)
    {
        final long cents = scaled8 / 1_000_000L;
        final String sign = cents < 0 ? "-" : "";
        final long abs = Math.abs(cents);
        return String.format("%s$%,d.%02d", sign, abs / 100, abs % 100);
    }

    private static String micros(final long nanos)
    {
        return nanos < 10_000 ? String.format("%.1f µs", nanos / 1e3) : String.format("%,d µs", nanos / 1_000);
    }

    private static String megabytes(final Path directory)
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            final long bytes = files.filter(Files::isRegularFile).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }).sum();
            return String.format("%,d MB on disk", bytes >> 20);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return "size unknown";
        }
    }
}
