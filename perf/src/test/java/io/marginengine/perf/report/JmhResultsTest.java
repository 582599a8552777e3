package io.marginengine.perf.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report reads JMH's CSV (as JMH 1.37 writes it with {@code -rf csv}): one row per
 * benchmark and parameters, the gc profiler's bytes per operation attached to it, rates
 * whatever the mode.
 */
class JmhResultsTest
{
    @TempDir
    Path directory;

    @Test
    void readsRowsParametersAndAllocation() throws IOException
    {
        Files.writeString(directory.resolve("jmh-1.csv"), String.join("\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: accounts\"",
            "\"io.marginengine.perf.ProcessorBenchmark.fill\",\"avgt\",1,5,250.000000,12.500000,\"ns/op\",1000",
            "\"io.marginengine.perf.ProcessorBenchmark.fill:gc.alloc.rate\",\"avgt\",1,5,0.005000,0.000100,\"MB/sec\",1000",
            "\"io.marginengine.perf.ProcessorBenchmark.fill:gc.alloc.rate.norm\",\"avgt\",1,5,0.003000,0.001000,\"B/op\",1000",
            "\"io.marginengine.perf.ProcessorBenchmark.fill\",\"avgt\",1,5,400.000000,NaN,\"ns/op\",100000", ""));
        Files.writeString(directory.resolve("jmh-2.csv"), String.join("\n",
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: journal\",\"Param: waitStrategy\"",
            "\"io.marginengine.perf.PipelineBenchmark.publish\",\"thrpt\",1,4,2500000.000000,100000.000000,\"ops/s\",disk,blocking",
            "\"io.marginengine.perf.PipelineBenchmark.publish:journalBatches\",\"thrpt\",1,4,5000.000000,NaN,\"ops/s\",disk,blocking", ""));
        Files.writeString(directory.resolve("other.csv"), "not read");

        final JmhResults results = JmhResults.read(directory);

        assertEquals(3, results.rows().size());
        final List<JmhResults.Row> fills = results.ofClass("ProcessorBenchmark");
        assertEquals("fill", fills.get(0).method());
        assertEquals("1000", fills.get(0).param("accounts"));
        assertEquals(4_000_000, fills.get(0).opsPerSecond(), 1e-6, "250 ns an operation");
        assertEquals(0.003, fills.get(0).bytesPerOp(), 1e-12);
        assertTrue(Double.isNaN(fills.get(1).bytesPerOp()), "the second fill row had no gc figures");
        assertTrue(Double.isNaN(fills.get(1).error));
        final JmhResults.Row pipeline = results.ofClass("PipelineBenchmark").get(0);
        assertEquals("blocking", pipeline.param("waitStrategy"));
        assertEquals(2_500_000, pipeline.opsPerSecond(), 1e-6);
        assertEquals(5_000, pipeline.secondary.get("journalBatches"), 1e-9);
    }

    @Test
    void splitsQuotedCells()
    {
        assertEquals(List.of("a,b", "say \"x\"", "", "3"), JmhResults.split("\"a,b\",\"say \"\"x\"\"\",,3"));
    }
}
