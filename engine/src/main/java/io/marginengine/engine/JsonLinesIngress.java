package io.marginengine.engine;

import io.marginengine.engine.ingress.InputPublisher;
import io.marginengine.engine.ingress.ScenarioReader;
import io.marginengine.engine.monitor.EngineCounters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The engine process's ingress for now: reads JSON Lines inputs (a file or standard input)
 * on its own thread and publishes each onto the ring. Malformed lines are reported on the
 * error stream and counted ({@link EngineCounters#ingressSkipped}, updated before each wait for
 * the next line), never published.
 * <p>
 * {@link #stopAccepting()} is the first step of a clean stop: once it returns, nothing more is
 * published, so draining the ring afterwards drains everything that was accepted. A line read
 * but not yet published when the stop comes is not accepted. The thread is a daemon: one
 * blocked reading standard input does not keep the process alive.
 */
final class JsonLinesIngress
{
    /** Thrown through the reader to end it once the engine stops accepting. */
    private static final class Stopped extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Stopped()
        {
            super("ingress stopped", null, false, false);
        }
    }

    private final Object gate = new Object();
    private final BufferedReader in;
    private final String source;
    private final InputPublisher publisher;
    private final EngineCounters counters;
    private final ScenarioReader reader;
    private final Thread thread;
    private boolean accepting = true;
    private long accepted;
    private volatile long skipped;

    /**
     * @param in        the JSON Lines inputs.
     * @param source    their name, for messages.
     * @param publisher the engine's publisher.
     * @param counters  where skipped lines are counted.
     * @param errors    where malformed lines are reported.
     * @param onEnd     called on the ingress thread when reading ends (the input ended, could
     *                  not be read, or publishing failed), with the reason as a phrase.
     */
    JsonLinesIngress(
        final BufferedReader in, final String source, final InputPublisher publisher, final EngineCounters counters,
        final PrintStream errors, final Consumer<String> onEnd)
    {
        this.in = new BufferedReader(in)
        {
            @Override
            public String readLine() throws IOException
            {
                publishSkipped();
                return super.readLine();
            }
        };
        this.source = source;
        this.publisher = publisher;
        this.counters = counters;
        this.reader = new ScenarioReader(errors);
        this.thread = new Thread(() -> onEnd.accept(readAll()), "margin-engine-ingress");
        thread.setDaemon(true);
    }

    /** Starts reading. */
    void start()
    {
        thread.start();
    }

    private String readAll()
    {
        try
        {
            reader.read(in, source, (line, buffer, offset, length) ->
            {
                synchronized (gate)
                {
                    if (!accepting)
                    {
                        throw new Stopped();
                    }
                    publisher.publish(buffer, offset, length);
                    accepted++;
                }
            });
            publishSkipped();
            return "input ended";
        }
        catch (final Stopped ex)
        {
            return "stopped";
        }
        catch (final IOException ex)
        {
            return "input " + source + " could not be read: " + ex.getMessage();
        }
        catch (final RuntimeException ex)
        {
            return "ingress failed on " + source + ": " + ex;
        }
        finally
        {
            closeInput();
        }
    }

    private void closeInput()
    {
        try
        {
            in.close();
        }
        catch (final IOException ex)
        {
            // the input was read to its end or abandoned; a failure to close it changes nothing
        }
    }

    private void publishSkipped()
    {
        skipped = reader.skipped();
        counters.ingressSkipped(skipped);
    }

    /** Publishes nothing more once this returns; waits for a publish under way to finish. */
    void stopAccepting()
    {
        synchronized (gate)
        {
            accepting = false;
        }
    }

    /** @return inputs published; final once {@link #stopAccepting()} returned. */
    long accepted()
    {
        synchronized (gate)
        {
            return accepted;
        }
    }

    /** @return malformed lines skipped so far. */
    long skipped()
    {
        return skipped;
    }
}
