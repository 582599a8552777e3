package io.marginengine.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the benchmarks put their journals, and their removal afterwards.
 * <ul>
 * <li>{@code disk}: under {@code -Dperf.diskDir}, by default {@code java.io.tmpdir}: a journal
 *     on the machine's disk, as the engine runs it (written through the page cache; sustained
 *     writing is bounded by how fast the kernel can write the dirty pages back).</li>
 * <li>{@code tmpfs}: under {@code -Dperf.tmpfsDir}, by default {@code /dev/shm}: memory only,
 *     the CPU cost of journaling without the disk's bandwidth.</li>
 * </ul>
 */
public final class BenchmarkDirectories
{
    private BenchmarkDirectories()
    {
    }

    /**
     * Creates a new, empty directory.
     *
     * @param location {@code disk} or {@code tmpfs}.
     * @param prefix   start of its name.
     * @return the directory.
     */
    public static Path create(final String location, final String prefix)
    {
        final Path base;
        switch (location)
        {
            case "disk":
                base = Paths.get(System.getProperty("perf.diskDir", System.getProperty("java.io.tmpdir")));
                break;
            case "tmpfs":
                base = Paths.get(System.getProperty("perf.tmpfsDir", "/dev/shm"));
                break;
            default:
                throw new IllegalArgumentException("journal location " + location + " is unknown: expected disk or tmpfs");
        }
        try
        {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not create a benchmark directory under " + base, ex);
        }
    }

    /**
     * Deletes a directory and everything in it; nothing when it is null or gone.
     *
     * @param directory the directory.
     */
    public static void delete(final Path directory)
    {
        if (directory == null || !Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path ->
            {
                try
                {
                    Files.delete(path);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException("could not delete " + path, ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not delete " + directory, ex);
        }
    }
}
