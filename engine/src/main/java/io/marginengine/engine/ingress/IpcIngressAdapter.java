package io.marginengine.engine.ingress;

import io.marginengine.journal.JournalReader;
import io.marginengine.journal.JournalRecordDescriptor;
import io.marginengine.journal.JournalRecordHandler;
import io.marginengine.journal.sbe.InvalidInputEncoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.RejectCode;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.Agent;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The IPC ingress: tails an input queue that another process (the matching engine) writes
 * with a {@code JournalWriter}, and publishes every input onto the ring with its position in
 * that queue. The position travels into the input journal with the input, so a restarted
 * engine resumes right after the last position its journal holds
 * ({@link #resumePosition(Path)}): an input is never read twice and none is skipped, whatever
 * the moment the engine stopped or crashed. Malformed inputs are published as they are; the
 * processor refuses them with a sentence.
 * <p>
 * An Agrona {@link Agent}: run it on its own thread with an idle strategy that does not spin
 * (on two cores at most one thread may busy-spin).
 */
public final class IpcIngressAdapter implements Agent, JournalRecordHandler, AutoCloseable
{
    /** Inputs read per duty cycle at most, so a busy queue cannot starve shutdown checks. */
    public static final int POLL_LIMIT = 256;

    private final JournalReader reader;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[InputSlot.CAPACITY]);
    private final InvalidInputEncoder invalidInput = new InvalidInputEncoder();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final InputPublisher publisher;
    private long published;

    /**
     * @param ingressQueue the queue the other process writes.
     * @param fromPosition the first position to read (see {@link #resumePosition(Path)}).
     * @param publisher    where inputs go.
     */
    public IpcIngressAdapter(final Path ingressQueue, final long fromPosition, final InputPublisher publisher)
    {
        this.reader = new JournalReader(ingressQueue, fromPosition);
        this.publisher = publisher;
    }

    /**
     * The position an ingress must resume from: one after the highest source position the
     * input journal holds, or 0 when it holds none (or does not exist yet).
     *
     * @param inputJournal the engine's input journal.
     * @return the first ingress position not yet journaled.
     */
    public static long resumePosition(final Path inputJournal)
    {
        if (!Files.isDirectory(inputJournal))
        {
            return 0;
        }
        final long[] highest = {JournalRecordDescriptor.NO_SOURCE_POSITION};
        try (JournalReader journal = new JournalReader(inputJournal))
        {
            while (journal.poll((index, time, buffer, offset, length) ->
                highest[0] = Math.max(highest[0], journal.sourcePosition()), POLL_LIMIT) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return highest[0] + 1;
    }

    /**
     * Reads and publishes what the other process has written since the last call.
     *
     * @return inputs published.
     */
    @Override
    public int doWork()
    {
        return poll(POLL_LIMIT);
    }

    /**
     * Reads and publishes at most {@code limit} inputs.
     *
     * @param limit most inputs to read.
     * @return inputs published.
     */
    public int poll(final int limit)
    {
        return reader.poll(this, limit);
    }

    @Override
    public void onRecord(final long journalIndex, final long receiveTimeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > InputSlot.CAPACITY)
        {
            // refused by the processor like any malformed input, and journaled with its position
            final int invalid = encodeOversize(length);
            publisher.publish(scratch, 0, invalid, journalIndex);
        }
        else
        {
            publisher.publish(buffer, offset, length, journalIndex);
        }
        published++;
    }

    private int encodeOversize(final int length)
    {
        invalidInput.wrapAndApplyHeader(scratch, 0, header).ts(InvalidInputEncoder.tsNullValue())
            .seq(InvalidInputEncoder.seqNullValue()).source(0).inputType(0).code(RejectCode.BAD_INPUT)
            .reason("an input of " + length + " bytes from the IPC ingress does not fit a ring slot of "
                + InputSlot.CAPACITY + " bytes");
        return MessageHeaderEncoder.ENCODED_LENGTH + invalidInput.encodedLength();
    }

    /** @return inputs published since start. */
    public long published()
    {
        return published;
    }

    @Override
    public String roleName()
    {
        return "ipc-ingress";
    }

    @Override
    public void onClose()
    {
        reader.close();
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
