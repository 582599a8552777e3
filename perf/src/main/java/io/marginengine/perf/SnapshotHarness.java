package io.marginengine.perf;

import io.marginengine.engine.Context;
import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.snapshot.SnapshotDescriptor;
import io.marginengine.engine.snapshot.SnapshotLoader;
import io.marginengine.engine.snapshot.SnapshotWriter;
import io.marginengine.engine.snapshot.StateDigest;
import io.marginengine.engine.snapshot.StateImage;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Every step of a snapshot with many accounts, timed once each (the copy eleven times), with a
 * self-check: the snapshot written, loaded and restored into a fresh processor has the
 * original's digest, else the harness fails.
 * <pre>
 *   java $(jvm_flags) -Xmx2g -XX:MaxDirectMemorySize=8g -cp perf/target/benchmarks.jar \
 *       io.marginengine.perf.SnapshotHarness [ACCOUNTS [POSITIONS [MAX_POSITIONS [DIR]]]]
 * </pre>
 * Defaults: 1,000,000 accounts, 1 position each, stores sized for 4, a temporary directory.
 */
public final class SnapshotHarness
{
    private SnapshotHarness()
    {
    }

    /**
     * @param args accounts, positions each, positions per account the stores hold, directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int accounts = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        final int positions = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        final int maxPositions = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        final Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("snapshot-harness");
        System.out.printf("machine: %d cpus, %s %s; jdk %s %s; flags %s%n", Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.vm.vendor"),
            System.getProperty("java.runtime.version"), String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.printf("state: %,d accounts, %d positions each, stores sized for %d positions per account%n",
            accounts, positions, maxPositions);

        long start = System.nanoTime();
        final MarginProcessor processor = LargeState.build(accounts, positions, maxPositions);
        System.out.printf("built in %.1f s; account store %,d bytes%n", seconds(start),
            (long)processor.accounts().recordLength() * (accounts + 1));

        start = System.nanoTime();
        final StateImage image = new StateImage(processor.maxStateLength());
        System.out.printf("image of %,d bytes allocated in %.1f ms (once, at engine start)%n", image.capacity(), millis(start));

        final double[] copies = new double[11];
        for (int i = 0; i < copies.length; i++)
        {
            start = System.nanoTime();
            processor.copyStateTo(image);
            copies[i] = millis(start);
        }
        final double first = copies[0];
        final double[] warm = Arrays.copyOfRange(copies, 1, copies.length);
        Arrays.sort(warm);
        System.out.printf("copy on the processor thread (the pause): first %.1f ms; then min %.1f, median %.1f, max %.1f ms " +
            "over %d copies; image %,d bytes%n", first, warm[0], warm[warm.length / 2], warm[warm.length - 1], warm.length,
            image.length());

        StateDigest digest = null;
        Path file = null;
        for (int round = 1; round <= 3; round++)
        {
            start = System.nanoTime();
            final CRC32C crc = new CRC32C();
            crc.update(image.byteBuffer(false));
            final double crcMs = millis(start);
            start = System.nanoTime();
            digest = StateDigest.of(image);
            System.out.printf("writer thread, snapshot %d: CRC32C %.1f ms, XXH3-128 digest %.1f ms%n", round, crcMs, millis(start));
            start = System.nanoTime();
            file = SnapshotWriter.write(dir, image, processor.lastJournalIndex(), processor.lastTs(),
                processor.outputsPublished(), new int[] {4, accounts + 1, maxPositions, 64}, 0,
                new SnapshotDescriptor(new UnsafeBuffer(ByteBuffer.allocateDirect(SnapshotDescriptor.HEADER_LENGTH))),
                new long[2]);
            System.out.printf("writer thread, snapshot %d: whole write (CRC32C, digest, write, fsync, rename, fsync dir) " +
                "%.1f ms, file %,d bytes%n", round, millis(start), Files.size(file));
        }

        start = System.nanoTime();
        final StateImage loaded = new StateImage(0);
        final SnapshotLoader.Loaded snapshot = SnapshotLoader.loadNewest(dir, processor.lastJournalIndex(), Long.MAX_VALUE,
            loaded, System.out::println);
        System.out.printf("recovery: load and check %s in %.1f ms%n", snapshot.file().getFileName(), millis(start));
        final MarginProcessor fresh = new MarginProcessor(new Context().maxAccounts(accounts + 1).maxInstruments(4)
            .maxPositionsPerAccount(maxPositions), (buffer, offset, length) -> { });
        start = System.nanoTime();
        fresh.restoreState(loaded);
        System.out.printf("recovery: restore into a fresh processor in %.1f ms%n", millis(start));
        start = System.nanoTime();
        final StateDigest restored = fresh.stateDigest();
        System.out.printf("stateDigest() of the restored processor in %.1f ms%n", millis(start));
        if (!restored.equals(digest) || !snapshot.digest().equals(digest))
        {
            throw new IllegalStateException("self-check failed: digest " + digest + ", in the file " + snapshot.digest() +
                ", restored " + restored);
        }
        System.out.println("self-check: the restored state has the original's digest " + digest);
        Files.delete(file);
    }

    private static double millis(final long start)
    {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double seconds(final long start)
    {
        return (System.nanoTime() - start) / 1e9;
    }
}
