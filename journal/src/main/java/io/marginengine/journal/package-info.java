/**
 * The journal: records of SBE messages on Chronicle Queue.
 * <p>
 * {@link io.marginengine.journal.JournalRecordDescriptor} is the framing of one record
 * (journal index, receive time, length, message); {@link io.marginengine.journal.JournalWriter}
 * appends records, singly or in batches, with the durability a
 * {@link io.marginengine.journal.SyncPolicy} asks for; {@link io.marginengine.journal.JournalReader}
 * reads and tails them from any journal index without allocating.
 * {@link io.marginengine.journal.QueueDirectories} names the engine's input journal and output
 * queue, which share the framing.
 */
package io.marginengine.journal;
