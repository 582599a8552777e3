package io.marginengine.engine;

import io.marginengine.engine.EngineDataDir.Truth;
import io.marginengine.engine.monitor.CountersUnavailableException;
import io.marginengine.engine.monitor.EngineCounters;
import io.marginengine.engine.monitor.EngineCountersReader;
import io.marginengine.engine.snapshot.StateDigest;
import io.marginengine.engine.testkit.RecordedStream;
import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine as its own process ({@link EngineMain} with {@code ingressQueue=}), fed a seeded
 * stream through the IPC ingress queue by this test, is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at random points, three times, while inputs flow, and
 * restarted each time; at the end it is stopped cleanly. Each restart recovers to the digest
 * of an uninterrupted run over the prefix its journal holds. At the end: every input the
 * producer saw acknowledged (appended to the ingress queue) is in the journal exactly once, in
 * order; the output queue holds every output of an uninterrupted run exactly once, in order;
 * and the final digest is the uninterrupted run's. The seed is printed with any failure
 * ({@code -Dcrash.seed=} replays it).
 */
@Tag("slow")
class EngineCrashTest
{
    private static final int LENGTH = 350;
    private static final int KILLS = 3;
    private static final Pattern RECOVERED = Pattern.compile("recovered to journal index (-?\\d+), state digest (\\p{XDigit}{32})");
    private static final Pattern LAST = Pattern.compile("last journal index (-?\\d+), state digest (\\p{XDigit}{32})");

    @Test
    void killedAtRandomPointsTheEngineLosesNothingAndSendsEveryOutputOnce(@TempDir final Path dir) throws Exception
    {
        final long seed = Long.getLong("crash.seed", System.nanoTime());
        final String about = "seed " + seed + " (-Dcrash.seed=" + seed + " replays it), directory " + dir;
        final Random random = new Random(seed);
        final RecordedStream stream = RecordedStream.record(seed, LENGTH, true);
        final int n = stream.size();
        final Path config = dir.resolve("engine.properties");
        Files.write(config, List.of("maxAccounts=10", "maxInstruments=4", "maxPositionsPerAccount=3", "ringSize=64",
            "ingressQueue=ingress", "dataDir=data", "outputDir=out", "countersDir=counters",
            "snapshotIntervalInputs=" + (150 + random.nextInt(300)), "snapshotIntervalNs=0", "snapshotsKept=2"));

        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicReference<Throwable> producerFailure = new AtomicReference<>();
        final Thread producer = new Thread(() -> produce(dir.resolve("ingress"), stream, new Random(seed + 1), acknowledged,
            producerFailure), "producer");
        producer.setDaemon(true);
        producer.start();

        final List<String> logs = new ArrayList<>();
        for (int round = 0; round <= KILLS; round++)
        {
            final Path stdout = dir.resolve("engine-" + round + ".out");
            final Process engine = new ProcessBuilder(ForkedJvm.command(EngineMain.class, config.toString()))
                .redirectOutput(stdout.toFile()).redirectErrorStream(true).start();
            try
            {
                final String recovered = awaitLine(stdout, RECOVERED, engine, about);
                final Matcher matcher = RECOVERED.matcher(recovered);
                assertTrue(matcher.find());
                final int prefix = Integer.parseInt(matcher.group(1)) + 1;
                assertEquals(Truth.of(stream, prefix).digest(), StateDigest.parse(matcher.group(2)),
                    about + ": round " + round + " recovered " + prefix + " inputs to the digest of an uninterrupted run over them");
                if (round < KILLS)
                {
                    final long target = Math.min(n, prefix + 50 + random.nextInt(Math.max(1, (n - prefix) / (KILLS - round))));
                    awaitProcessed(dir.resolve("counters"), target, engine, about);
                    Thread.sleep(random.nextInt(20));
                    engine.destroyForcibly();
                    assertTrue(engine.waitFor(10, TimeUnit.SECONDS), about);
                }
                else
                {
                    producer.join(TimeUnit.SECONDS.toMillis(30));
                    assertNull(producerFailure.get(), about);
                    assertEquals(n, acknowledged.get(), about + ": every input acknowledged");
                    awaitProcessed(dir.resolve("counters"), n, engine, about);
                    engine.destroy();
                    assertTrue(engine.waitFor(20, TimeUnit.SECONDS), about + ": clean stop");
                    assertEquals(0, engine.exitValue(), about + "\n" + Files.readString(stdout));
                }
            }
            finally
            {
                engine.destroyForcibly();
                engine.waitFor(10, TimeUnit.SECONDS);
                logs.add(Files.readString(stdout));
            }
        }
        final String log = String.join("\n---- restart ----\n", logs);
        System.out.println("EngineCrashTest " + about + ", " + n + " inputs:");
        log.lines().filter(line -> line.startsWith("recovery") || line.startsWith("last journal")).forEach(System.out::println);
        final Truth truth = Truth.of(stream, n);
        final Matcher last = LAST.matcher(logs.get(KILLS));
        assertTrue(last.find(), about + "\n" + log);
        assertEquals(n - 1, Long.parseLong(last.group(1)), about);
        assertEquals(truth.digest(), StateDigest.parse(last.group(2)), about + ": the final digest");

        final Path data = dir.resolve("data");
        final List<byte[]> journal = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
        try (JournalReader reader = new JournalReader(io.marginengine.journal.QueueDirectories.inputJournal(data)))
        {
            while (reader.poll((index, time, buffer, offset, length) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                journal.add(bytes);
                positions.add(reader.sourcePosition());
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        assertEquals(n, journal.size(), about + ": every acknowledged input journaled once");
        for (int i = 0; i < n; i++)
        {
            assertTrue(Arrays.equals(stream.inputs().get(i), journal.get(i)), about + ": journal record " + i);
            assertEquals(i, positions.get(i), about + ": journal record " + i + " read from ingress position " + i);
        }
        assertNull(RecordedStream.firstDifference(truth.outputs(),
            EngineDataDir.records(io.marginengine.journal.QueueDirectories.outputQueue(data))),
            about + ": the output queue holds every output exactly once\n" + log);
        assertTrue(log.contains("recovery: loaded snapshot-"), about + ": some restart began from a snapshot\n" + log);
    }

    /** Appends the stream to the ingress queue in bursts with pauses; each append returned is acknowledged. */
    private static void produce(
        final Path ingress, final RecordedStream stream, final Random random, final AtomicInteger acknowledged,
        final AtomicReference<Throwable> failure)
    {
        try (JournalWriter writer = new JournalWriter(ingress))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
            int i = 0;
            while (i < stream.size())
            {
                final int burst = 1 + random.nextInt(60);
                for (int b = 0; b < burst && i < stream.size(); b++, i++)
                {
                    buffer.wrap(stream.inputs().get(i));
                    writer.append(buffer, 0, buffer.capacity(), System.nanoTime());
                    acknowledged.incrementAndGet();
                }
                Thread.sleep(random.nextInt(25));
            }
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
        }
    }

    private static String awaitLine(final Path stdout, final Pattern pattern, final Process engine, final String about)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline)
        {
            final String text = Files.exists(stdout) ? Files.readString(stdout) : "";
            final Matcher matcher = pattern.matcher(text);
            if (matcher.find())
            {
                return matcher.group();
            }
            if (!engine.isAlive())
            {
                throw new AssertionError(about + ": the engine exited with " + engine.exitValue() + ":\n" + text);
            }
            Thread.sleep(10);
        }
        throw new AssertionError(about + ": no line '" + pattern + "' within 30 s:\n" + Files.readString(stdout));
    }

    private static void awaitProcessed(final Path countersDir, final long atLeast, final Process engine, final String about)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long seen = -1;
        while (System.nanoTime() < deadline && engine.isAlive())
        {
            try (EngineCountersReader counters = EngineCountersReader.open(countersDir))
            {
                if (counters.pid() == engine.pid())
                {
                    seen = counters.value(EngineCounters.INPUTS_TYPE_ID);
                    if (seen >= atLeast)
                    {
                        return;
                    }
                }
            }
            catch (final CountersUnavailableException ex)
            {
                // the engine has not created its counters yet
            }
            Thread.sleep(2);
        }
        throw new AssertionError(about + ": the engine did not process " + atLeast + " inputs within 30 s (saw " + seen +
            ", alive " + engine.isAlive() + ")");
    }
}
