package io.marginengine.perf;

import io.marginengine.engine.Context;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The mixed workload of issue 6, shared by the processor, pipeline, replay and latency
 * measurements so that their figures compare: a book of accounts on {@value #INSTRUMENTS}
 * instruments, then an endless stream of 90% marks, 9% fills and 1% deposits and withdrawals.
 *
 * <h2>The book (setup)</h2>
 * Instruments 1 to {@value #INSTRUMENTS} at 1,000.00 to 8,000.00 (price scale 2, quantity scale
 * 3, three margin tiers), each with a first mark. Accounts 1 to N, each with a deposit of
 * 10,000 and one to three positions on distinct instruments, long or short, of 2,000 to 10,000
 * notional: at most about 3x leverage, so a margin call would need a move of about 30%.
 *
 * <h2>The stream</h2>
 * A loop of {@code streamLength} inputs, pre-encoded in one buffer and sent again and again:
 * <ul>
 * <li>marks (90%): a random walk per instrument of up to 5 ticks a mark, kept within 1% of
 *     the first mark: realistic small moves that cross no margin threshold, so that with the
 *     trigger index a mark costs a look at the index, not a scan of the holders;</li>
 * <li>fills (9%): a random account (uniform over the book, so most touch memory that is not
 *     in cache), on an instrument it holds, 1 to 5% of its position, at the current mark,
 *     with a fee of 0.01;</li>
 * <li>deposits and withdrawals (0.5% each) of 1 to 100 on a random account.</li>
 * </ul>
 * The loop closes: its second half mirrors the first (input {@code L-1-i} undoes input
 * {@code i}: the opposite fill at the same price, the withdrawal of the deposit, the mark back
 * to the price before), so after every whole loop each position's quantity and each mark is
 * back where it started. Wallets and entry prices drift a little (the fees, and the realized
 * profit or loss when a fill reduced a position at a price other than its entry), within
 * bounds since every price stays within 1% of the first mark. Every input has the same
 * {@code ts} and no {@code seq}, so the loop can be replayed any number of times without a
 * refusal; the checks of the benchmarks rely on that: after any number of inputs there are no
 * rejects and no margin calls.
 */
public final class MixedWorkload
{
    /** Instruments of the book. */
    public static final int INSTRUMENTS = 8;
    /** Price scale of every instrument. */
    public static final int PRICE_SCALE = 2;
    /** Quantity scale of every instrument. */
    public static final int QTY_SCALE = 3;
    /** The {@code ts} of every input. */
    public static final long TS = 1_700_000_000_000_000_000L;
    /** Most positions an account of the book holds. */
    public static final int MAX_HOLDINGS = 3;

    private static final byte MARK = 1;
    private static final byte FILL = 2;
    private static final byte DEPOSIT = 3;
    private static final byte WITHDRAW = 4;
    private static final int MAX_MESSAGE = 96;
    private static final int MAX_STEP_TICKS = 5;

    private final int accounts;
    private final long seed;
    private final long[] firstMark = new long[INSTRUMENTS + 1];
    private final byte[] holdingInstrument;
    private final int[] holdingLots;
    private final InputEncoders encoders = new InputEncoders();

    private final int streamLength;
    private final UnsafeBuffer stream;
    private final int[] offsets;
    private final int[] lengths;
    private final long[] loopCounts = new long[WITHDRAW + 1];

    /**
     * Builds the book and encodes the stream.
     *
     * @param accounts     accounts in the book, 1 or more.
     * @param streamLength inputs in the loop: an even number, at least 2.
     * @param seed         seed of the random choices (the same seed gives the same bytes).
     */
    public MixedWorkload(final int accounts, final int streamLength, final long seed)
    {
        if (accounts < 1)
        {
            throw new IllegalArgumentException("accounts " + accounts + " must be 1 or more");
        }
        if (streamLength < 2 || (streamLength & 1) != 0)
        {
            throw new IllegalArgumentException("streamLength " + streamLength + " must be an even number of at least 2");
        }
        this.accounts = accounts;
        this.seed = seed;
        this.streamLength = streamLength;
        for (int j = 1; j <= INSTRUMENTS; j++)
        {
            firstMark[j] = j * 1_000_00L;
        }
        holdingInstrument = new byte[accounts * MAX_HOLDINGS];
        holdingLots = new int[accounts * MAX_HOLDINGS];
        buildBook();
        stream = new UnsafeBuffer(ByteBuffer.allocateDirect(streamLength * MAX_MESSAGE));
        offsets = new int[streamLength];
        lengths = new int[streamLength];
        encodeStream();
    }

    /**
     * @param accounts accounts the book will hold.
     * @return a context sized for the book (the insurance fund included).
     */
    public static Context context(final int accounts)
    {
        return new Context().maxAccounts(accounts + 1).maxInstruments(INSTRUMENTS).maxPositionsPerAccount(MAX_HOLDINGS + 1);
    }

    /** @return a context sized for this book. */
    public Context context()
    {
        return context(accounts);
    }

    /** @return accounts in the book. */
    public int accounts()
    {
        return accounts;
    }

    /**
     * @param accountId an account of the book, 1 to {@link #accounts()}.
     * @return the instrument of its first position.
     */
    public int firstHolding(final long accountId)
    {
        return holdingInstrument[(int)(accountId - 1) * MAX_HOLDINGS];
    }

    /**
     * @param instrument an instrument of the book, 1 to {@value #INSTRUMENTS}.
     * @return its first mark, a price mantissa at {@link #PRICE_SCALE}.
     */
    public long firstMark(final int instrument)
    {
        return firstMark[instrument];
    }

    private void buildBook()
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int a = 0; a < accounts; a++)
        {
            final int holdings = 1 + random.nextInt(MAX_HOLDINGS);
            final int first = random.nextInt(INSTRUMENTS);
            for (int k = 0; k < holdings; k++)
            {
                // first, first + 3, first + 6 (mod 8): distinct
                final int instrument = 1 + (first + 3 * k) % INSTRUMENTS;
                final long notional = 2_000 + random.nextInt(8_001);
                // lots of 0.001: notional x 1,000 / (price mantissa / 100)
                final int lots = (int)(notional * 1_000 * 100 / firstMark[instrument]);
                holdingInstrument[a * MAX_HOLDINGS + k] = (byte)instrument;
                holdingLots[a * MAX_HOLDINGS + k] = random.nextBoolean() ? -lots : lots;
            }
        }
    }

    /**
     * Sends the book: the instruments, their first marks, and every account with its deposit
     * and positions.
     *
     * @param target where the inputs go.
     * @return the number of inputs sent.
     */
    public long sendSetup(final InputTarget target)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        long sent = 0;
        for (int j = 1; j <= INSTRUMENTS; j++)
        {
            target.onInput(buffer, 0, encoders.jsonLine("{\"type\":\"instrument\",\"ts\":" + TS + ",\"instrument\":" + j +
                ",\"symbol\":\"PERP" + j + "\",\"priceScale\":" + PRICE_SCALE + ",\"qtyScale\":" + QTY_SCALE +
                ",\"multiplier\":\"1\",\"liquidationFeeRate\":\"0.005\",\"tiers\":[" +
                "{\"floor\":\"0\",\"imr\":\"0.01\",\"mmr\":\"0.005\"}," +
                "{\"floor\":\"50000\",\"imr\":\"0.02\",\"mmr\":\"0.01\"}," +
                "{\"floor\":\"500000\",\"imr\":\"0.05\",\"mmr\":\"0.025\"}]}", buffer, 0));
            target.onInput(buffer, 0, encoders.mark(buffer, 0, TS, j, firstMark[j], PRICE_SCALE));
            sent += 2;
        }
        for (int a = 0; a < accounts; a++)
        {
            final long id = a + 1;
            target.onInput(buffer, 0, encoders.account(buffer, 0, TS, id));
            target.onInput(buffer, 0, encoders.deposit(buffer, 0, TS, id, 10_000, 0));
            sent += 2;
            for (int k = 0; k < MAX_HOLDINGS; k++)
            {
                final int instrument = holdingInstrument[a * MAX_HOLDINGS + k];
                if (instrument != 0)
                {
                    final int lots = holdingLots[a * MAX_HOLDINGS + k];
                    target.onInput(buffer, 0, encoders.fill(buffer, 0, TS, id, instrument, lots < 0, Math.abs(lots), QTY_SCALE,
                        firstMark[instrument], PRICE_SCALE, 0));
                    sent++;
                }
            }
        }
        return sent;
    }

    private void encodeStream()
    {
        final int half = streamLength / 2;
        final byte[] type = new byte[half];
        final int[] account = new int[half];
        final byte[] instrument = new byte[half];
        final int[] qty = new int[half];
        final long[] price = new long[half];
        final long[] priceBefore = new long[half];
        final long[] mark = firstMark.clone();
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < half; i++)
        {
            final int r = random.nextInt(1_000);
            if (r < 900)
            {
                final int j = 1 + random.nextInt(INSTRUMENTS);
                final long band = firstMark[j] / 100;
                long next = mark[j] + random.nextInt(2 * MAX_STEP_TICKS + 1) - MAX_STEP_TICKS;
                if (Math.abs(next - firstMark[j]) > band)
                {
                    next = 2 * mark[j] - next;
                }
                type[i] = MARK;
                instrument[i] = (byte)j;
                priceBefore[i] = mark[j];
                price[i] = next;
                mark[j] = next;
            }
            else if (r < 990)
            {
                final int a = random.nextInt(accounts);
                int holdings = 0;
                while (holdings < MAX_HOLDINGS && holdingInstrument[a * MAX_HOLDINGS + holdings] != 0)
                {
                    holdings++;
                }
                final int k = random.nextInt(holdings);
                final int j = holdingInstrument[a * MAX_HOLDINGS + k];
                final int lots = Math.abs(holdingLots[a * MAX_HOLDINGS + k]);
                type[i] = FILL;
                account[i] = a + 1;
                instrument[i] = (byte)j;
                qty[i] = Math.max(1, lots / 100 + random.nextInt(Math.max(1, lots / 25)));
                // the sign of qty is the side: negative sells
                qty[i] = random.nextBoolean() ? -qty[i] : qty[i];
                price[i] = mark[j];
            }
            else
            {
                type[i] = r < 995 ? DEPOSIT : WITHDRAW;
                account[i] = 1 + random.nextInt(accounts);
                qty[i] = 1 + random.nextInt(100);
            }
        }
        int offset = 0;
        for (int i = 0; i < streamLength; i++)
        {
            final boolean mirror = i >= half;
            final int k = mirror ? streamLength - 1 - i : i;
            final int length;
            switch (type[k])
            {
                case MARK:
                    length = encoders.mark(stream, offset, TS, instrument[k], mirror ? priceBefore[k] : price[k], PRICE_SCALE);
                    loopCounts[MARK]++;
                    break;
                case FILL:
                    final boolean sell = (qty[k] < 0) != mirror;
                    length = encoders.fill(stream, offset, TS, account[k], instrument[k], sell, Math.abs(qty[k]), QTY_SCALE,
                        price[k], PRICE_SCALE, 1);
                    loopCounts[FILL]++;
                    break;
                default:
                    final boolean deposit = (type[k] == DEPOSIT) != mirror;
                    length = deposit ? encoders.deposit(stream, offset, TS, account[k], qty[k], 0) :
                        encoders.withdraw(stream, offset, TS, account[k], qty[k], 0);
                    loopCounts[deposit ? DEPOSIT : WITHDRAW]++;
                    break;
            }
            offsets[i] = offset;
            lengths[i] = length;
            offset += length;
        }
    }

    /**
     * Sends stream inputs, continuing the loop from a position.
     *
     * @param target   where they go.
     * @param position stream position of the first (any position; taken modulo the loop).
     * @param count    how many.
     * @return the position after the last one sent.
     */
    public long sendStream(final InputTarget target, final long position, final long count)
    {
        final UnsafeBuffer stream = this.stream;
        final int[] offsets = this.offsets;
        final int[] lengths = this.lengths;
        int i = (int)(position % streamLength);
        for (long n = 0; n < count; n++)
        {
            target.onInput(stream, offsets[i], lengths[i]);
            if (++i == streamLength)
            {
                i = 0;
            }
        }
        return position + count;
    }

    /** @return inputs in one loop of the stream. */
    public int streamLength()
    {
        return streamLength;
    }

    /** @return the buffer holding the encoded loop. */
    public UnsafeBuffer stream()
    {
        return stream;
    }

    /** @return where each input of the loop starts in {@link #stream()}; read-only. */
    public int[] offsets()
    {
        return offsets;
    }

    /** @return each input's length; read-only. */
    public int[] lengths()
    {
        return lengths;
    }

    /** @return marks in one loop. */
    public long marksPerLoop()
    {
        return loopCounts[MARK];
    }

    /** @return fills in one loop. */
    public long fillsPerLoop()
    {
        return loopCounts[FILL];
    }

    /** @return deposits and withdrawals in one loop. */
    public long transfersPerLoop()
    {
        return loopCounts[DEPOSIT] + loopCounts[WITHDRAW];
    }

    /** @return a one-line description of the workload, for reports. */
    public String describe()
    {
        return String.format("%,d accounts on %d instruments; a loop of %,d inputs: %,d marks, %,d fills, %,d deposits and withdrawals",
            accounts, INSTRUMENTS, streamLength, marksPerLoop(), fillsPerLoop(), transfersPerLoop());
    }
}
