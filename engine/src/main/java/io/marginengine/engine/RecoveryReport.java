package io.marginengine.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What recovery did when an engine started: the snapshot it loaded (if any), the journal
 * inputs it replayed through the processor, and what became of their outputs.
 *
 * @param snapshot          the snapshot loaded, or null (whole journal replayed, or nothing to do).
 * @param firstReplayed     journal index of the first input replayed.
 * @param replayed          inputs replayed.
 * @param outputsSuppressed outputs of the replay the output queue already held, not sent again.
 * @param outputsSent       outputs of the replay the output queue did not hold (lost with a crash), sent.
 * @param durationNs        time recovery took.
 * @param notes             sentences: snapshots skipped and why, or why the whole journal is replayed.
 */
public record RecoveryReport(
    Path snapshot, long firstReplayed, long replayed, long outputsSuppressed, long outputsSent, long durationNs,
    List<String> notes)
{
    /**
     * @return one line for the log, e.g. {@code loaded snapshot-123.snap covering index 123,
     * replayed 456 inputs (124 to 579) in 0.2 s; 12 outputs already in the output queue not
     * sent again, 3 sent}.
     */
    public String summary()
    {
        final String start = snapshot == null ?
            (replayed == 0 ? "nothing to recover: the journal is empty" : "no snapshot loaded") :
            "loaded " + snapshot.getFileName() + " covering index " + (firstReplayed - 1);
        if (replayed == 0)
        {
            return start + (snapshot == null ? "" : ", nothing after it to replay") + String.format(" (%.1f s)", durationNs / 1e9);
        }
        return String.format("%s, replayed %d inputs (%d to %d) in %.1f s; %d outputs already in the output queue not sent again, " +
            "%d sent", start, replayed, firstReplayed, firstReplayed + replayed - 1, durationNs / 1e9, outputsSuppressed, outputsSent);
    }
}
