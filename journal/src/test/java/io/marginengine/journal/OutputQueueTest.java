package io.marginengine.journal;

import io.marginengine.journal.sbe.LiquidationDoneDecoder;
import io.marginengine.journal.sbe.LiquidationDoneEncoder;
import io.marginengine.journal.sbe.MessageHeaderDecoder;
import io.marginengine.journal.sbe.MessageHeaderEncoder;
import io.marginengine.journal.sbe.RejectCode;
import io.marginengine.journal.sbe.RejectDecoder;
import io.marginengine.journal.sbe.RejectEncoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The output queue uses the journal's classes and framing in its own directory: a pretend
 * processor reads the input journal and publishes an output per input, naming the input's
 * journal index as its cause; from any output read back, forensics finds its cause in the
 * input journal by that index.
 */
class OutputQueueTest
{
    private static final int INPUTS = 60;

    @TempDir
    Path engineDirectory;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final UnsafeBuffer output = new UnsafeBuffer(new byte[512]);

    @Test
    void everyOutputLeadsBackToItsCauseInTheInputJournal()
    {
        final Path inputs = QueueDirectories.inputJournal(engineDirectory);
        final Path outputs = QueueDirectories.outputQueue(engineDirectory);
        final List<byte[]> messages = TestMessages.inputs(INPUTS);
        try (JournalWriter journal = new JournalWriter(inputs))
        {
            for (int i = 0; i < INPUTS; i++)
            {
                journal.append(new UnsafeBuffer(messages.get(i)), 0, messages.get(i).length, 5_000 + i);
            }
        }

        try (JournalReader journal = new JournalReader(inputs);
            JournalWriter outputQueue = new JournalWriter(outputs))
        {
            final JournalRecordHandler processor = (cause, receiveTime, buffer, offset, length) ->
            {
                final long ts = buffer.getLong(offset + MessageHeaderEncoder.ENCODED_LENGTH);
                final int outputLength = cause % 2 == 0 ?
                    encodeLiquidationDone(ts, cause) : encodeReject(ts, cause, templateIdOf(buffer, offset));
                outputQueue.append(output, 0, outputLength, 9_000 + cause);
            };
            assertEquals(INPUTS, journal.poll(processor, INPUTS));
        }

        try (JournalReader outputQueue = new JournalReader(outputs);
            JournalReader journal = new JournalReader(inputs))
        {
            final RecordCollector published = new RecordCollector().drain(outputQueue);
            assertEquals(INPUTS, published.size());
            for (int i = 0; i < INPUTS; i++)
            {
                assertEquals(i, published.indexes.get(i), "the output's own sequence");
                final UnsafeBuffer message = new UnsafeBuffer(published.messages.get(i));
                final long cause = causeOf(message);
                final long ts = message.getLong(MessageHeaderEncoder.ENCODED_LENGTH);
                assertEquals(9_000 + cause, published.receiveTimes.get(i), "published when its cause was processed");

                journal.seek(cause);
                final RecordCollector input = new RecordCollector();
                journal.poll(input, 1);
                assertEquals(cause, input.indexes.get(0));
                assertArrayEquals(messages.get((int)cause), input.messages.get(0), "the cause, byte for byte");
                assertEquals(ts, new UnsafeBuffer(input.messages.get(0)).getLong(MessageHeaderEncoder.ENCODED_LENGTH),
                    "the output carries the ts of its cause");
            }
        }
    }

    private int encodeLiquidationDone(final long ts, final long cause)
    {
        final LiquidationDoneEncoder done = new LiquidationDoneEncoder().wrapAndApplyHeader(output, 0, headerEncoder)
            .ts(ts).cause(cause).account(7);
        return MessageHeaderEncoder.ENCODED_LENGTH + done.encodedLength();
    }

    private int encodeReject(final long ts, final long cause, final int inputType)
    {
        final RejectEncoder reject = new RejectEncoder().wrapAndApplyHeader(output, 0, headerEncoder)
            .ts(ts).cause(cause).code(RejectCode.BAD_INPUT).inputType(inputType).reason("input " + cause + " refused");
        return MessageHeaderEncoder.ENCODED_LENGTH + reject.encodedLength();
    }

    private int templateIdOf(final DirectBuffer buffer, final int offset)
    {
        return headerDecoder.wrap(buffer, offset).templateId();
    }

    private long causeOf(final UnsafeBuffer message)
    {
        headerDecoder.wrap(message, 0);
        if (headerDecoder.templateId() == LiquidationDoneDecoder.TEMPLATE_ID)
        {
            return new LiquidationDoneDecoder().wrapAndApplyHeader(message, 0, headerDecoder).cause();
        }
        final RejectDecoder reject = new RejectDecoder().wrapAndApplyHeader(message, 0, headerDecoder);
        assertEquals("input " + reject.cause() + " refused", reject.reason());
        return reject.cause();
    }
}
