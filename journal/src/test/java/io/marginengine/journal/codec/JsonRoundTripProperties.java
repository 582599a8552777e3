package io.marginengine.journal.codec;

import io.marginengine.journal.sbe.BooleanType;
import io.marginengine.journal.sbe.DecimalEncoder;
import io.marginengine.journal.sbe.FillEncoder;
import io.marginengine.journal.sbe.InstrumentEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.Side;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random inputs with canonical decimals go SBE to JSON to SBE and come back as the same bytes.
 */
class JsonRoundTripProperties
{
    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final JsonOutputWriter writer = new JsonOutputWriter();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final UnsafeBuffer original = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer reencoded = new UnsafeBuffer(new byte[1024]);

    @Property(tries = 500)
    void fillsSurviveJson(
        @ForAll @LongRange(min = Long.MIN_VALUE + 1) final long ts,
        @ForAll("optionalLongs") final long seq,
        @ForAll @IntRange(min = Integer.MIN_VALUE + 1) final int source,
        @ForAll @LongRange(min = Long.MIN_VALUE + 1) final long account,
        @ForAll @IntRange(min = Integer.MIN_VALUE + 1) final int instrument,
        @ForAll final boolean sell,
        @ForAll("decimals") final long[] qty,
        @ForAll("decimals") final long[] price,
        @ForAll("decimals") final long[] fee,
        @ForAll final boolean liquidation,
        @ForAll("optionalLongs") final long orderId)
    {
        final FillEncoder fill = new FillEncoder().wrapAndApplyHeader(original, 0, header)
            .ts(ts).seq(seq).source(source).account(account).instrument(instrument).side(sell ? Side.SELL : Side.BUY);
        decimal(fill.qty(), qty);
        decimal(fill.price(), price);
        decimal(fill.fee(), fee);
        fill.liquidation(liquidation ? BooleanType.TRUE : BooleanType.FALSE).orderId(orderId);
        assertSameBytesThroughJson(MessageHeaderEncoder.ENCODED_LENGTH + fill.encodedLength());
    }

    @Property(tries = 300)
    void instrumentsSurviveJson(
        @ForAll @LongRange(min = Long.MIN_VALUE + 1) final long ts,
        @ForAll @IntRange(min = Integer.MIN_VALUE + 1) final int instrument,
        @ForAll @IntRange(min = 0, max = 254) final int priceScale,
        @ForAll @IntRange(min = 0, max = 254) final int qtyScale,
        @ForAll("decimals") final long[] multiplier,
        @ForAll @LongRange(min = Long.MIN_VALUE + 1) final long staleAfterNs,
        @ForAll @Size(max = 12) final List<@From("decimals") long[]> floors,
        @ForAll("symbols") final String symbol)
    {
        final InstrumentEncoder e = new InstrumentEncoder().wrapAndApplyHeader(original, 0, header)
            .ts(ts).seq(Long.MIN_VALUE).source(0).instrument(instrument)
            .priceScale((short)priceScale).qtyScale((short)qtyScale);
        decimal(e.multiplier(), multiplier);
        decimal(e.liquidationFeeRate(), multiplier);
        e.staleAfterNs(staleAfterNs);
        e.maxMarkMoveRate().mantissa(Long.MIN_VALUE).scale((short)0);
        final InstrumentEncoder.TiersEncoder tiers = e.tiersCount(floors.size());
        for (final long[] floor : floors)
        {
            tiers.next();
            decimal(tiers.floor(), floor);
            decimal(tiers.imr(), multiplier);
            decimal(tiers.mmr(), floor);
        }
        e.symbol(symbol);
        assertSameBytesThroughJson(MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
    }

    /** Canonical decimals: {mantissa, scale} with no trailing zero when the scale is above 0. */
    @Provide
    Arbitrary<long[]> decimals()
    {
        return Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE)
            .flatMap(m -> Arbitraries.integers().between(0, 18).map(s -> canonical(m, s)));
    }

    @Provide
    Arbitrary<Long> optionalLongs()
    {
        return Arbitraries.oneOf(Arbitraries.just(Long.MIN_VALUE), Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<String> symbols()
    {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16);
    }

    private static long[] canonical(final long mantissa, final int scale)
    {
        long m = mantissa;
        int s = scale;
        while (s > 0 && m % 10 == 0)
        {
            m /= 10;
            s--;
        }
        return new long[] {m, s};
    }

    private static void decimal(final DecimalEncoder decimal, final long[] value)
    {
        decimal.mantissa(value[0]).scale((short)value[1]);
    }

    private void assertSameBytesThroughJson(final int length)
    {
        final StringBuilder json = new StringBuilder();
        assertEquals(length, writer.write(original, 0, json));
        assertEquals(length, encoder.encode(json, reencoded, 0), () -> json + " -> " + encoder.errorMessage());
        for (int i = 0; i < length; i++)
        {
            assertEquals(original.getByte(i), reencoded.getByte(i), json::toString);
        }
    }
}
