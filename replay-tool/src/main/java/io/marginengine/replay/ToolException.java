package io.marginengine.replay;

/**
 * Ends a command with an exit status and a sentence for the person who ran it: what was
 * wrong, with the value and what was expected. The tool prints the sentence on standard
 * error, without a stack trace.
 */
public final class ToolException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private ToolException(final int exitCode, final String sentence, final Throwable cause)
    {
        super(sentence, cause);
        this.exitCode = exitCode;
    }

    /**
     * @param sentence what was wrong with the arguments or the input, and what was expected.
     * @return an exception ending the command with {@link ExitCodes#USAGE}.
     */
    public static ToolException usage(final String sentence)
    {
        return new ToolException(ExitCodes.USAGE, sentence, null);
    }

    /**
     * @param sentence which journal or queue cannot be read, where, and why.
     * @param cause    the failure of the reader, kept for debugging.
     * @return an exception ending the command with {@link ExitCodes#DAMAGED}.
     */
    public static ToolException damaged(final String sentence, final Throwable cause)
    {
        return new ToolException(ExitCodes.DAMAGED, sentence, cause);
    }

    /**
     * @param sentence what failed unexpectedly.
     * @param cause    the failure.
     * @return an exception ending the command with {@link ExitCodes#FAILURE}.
     */
    public static ToolException failure(final String sentence, final Throwable cause)
    {
        return new ToolException(ExitCodes.FAILURE, sentence, cause);
    }

    /** @return the exit status the command ends with. */
    public int exitCode()
    {
        return exitCode;
    }
}
