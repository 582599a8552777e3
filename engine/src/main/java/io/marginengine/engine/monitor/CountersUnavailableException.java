package io.marginengine.engine.monitor;

/**
 * The counters file cannot be read: it does not exist, no engine has written it, or it was
 * written by another layout version. The message is a sentence a person can act on.
 */
public final class CountersUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what was expected.
     */
    public CountersUnavailableException(final String message)
    {
        super(message);
    }
}
