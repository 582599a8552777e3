package io.marginengine.replay;

/**
 * The exit statuses of every replay-tool command (docs/REPLAY-TOOL.md lists them too).
 */
public final class ExitCodes
{
    /** The command did its work; for {@code replay --verify}: everything matched. */
    public static final int OK = 0;

    /** {@code replay --verify} found a difference (an output or a state digest). */
    public static final int DIFFERENCE = 1;

    /** Bad usage or input: an unknown option, a missing directory, a bad parameter file. */
    public static final int USAGE = 2;

    /** The journal (or the output queue) is damaged or cannot be read. */
    public static final int DAMAGED = 3;

    /** Anything else: the engine or the tool failed unexpectedly (a bug to report). */
    public static final int FAILURE = 4;

    private ExitCodes()
    {
    }
}
