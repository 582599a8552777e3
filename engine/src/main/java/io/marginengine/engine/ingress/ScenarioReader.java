package io.marginengine.engine.ingress;

import io.marginengine.journal.codec.JsonInputEncoder;
import io.marginengine.journal.codec.MessageTypes;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Reads a JSON Lines scenario (SPEC section 6) and hands each input, in the binary form of
 * the event contract, to a handler. A line that is not JSON or names no known input type is
 * reported on the error stream with its line number and skipped; a well-formed input that
 * breaks a rule is passed on (the processor rejects it, so it is journaled and replayed
 * like any other). Blank lines are ignored.
 */
public final class ScenarioReader
{
    /** Receives each encoded input. */
    @FunctionalInterface
    public interface InputHandler
    {
        /**
         * @param lineNumber 1-based line of the scenario file.
         * @param buffer     the SBE message, header included.
         * @param offset     where it starts.
         * @param length     its length.
         */
        void onInput(long lineNumber, DirectBuffer buffer, int offset, int length);
    }

    private final JsonInputEncoder encoder = new JsonInputEncoder();
    private final UnsafeBuffer slot = new UnsafeBuffer(new byte[MessageTypes.MAX_INPUT_LENGTH]);
    private final PrintStream errors;
    private long inputs;
    private long skipped;

    /**
     * @param errors where skipped lines are reported.
     */
    public ScenarioReader(final PrintStream errors)
    {
        this.errors = errors;
    }

    /**
     * Reads every line.
     *
     * @param reader  the scenario.
     * @param source  its name, for messages.
     * @param handler receives each input.
     * @return inputs handed on.
     * @throws IOException if reading fails.
     */
    public long read(final BufferedReader reader, final String source, final InputHandler handler) throws IOException
    {
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null)
        {
            lineNumber++;
            if (line.isBlank())
            {
                continue;
            }
            final int length = encoder.encode(line, slot, 0);
            if (length < 0)
            {
                skipped++;
                errors.println(source + ":" + lineNumber + ": skipped: " + encoder.errorMessage());
                continue;
            }
            inputs++;
            handler.onInput(lineNumber, slot, 0, length);
        }
        return inputs;
    }

    /** @return inputs handed on so far. */
    public long inputs()
    {
        return inputs;
    }

    /** @return lines skipped so far. */
    public long skipped()
    {
        return skipped;
    }
}
