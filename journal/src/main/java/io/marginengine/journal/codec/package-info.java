/**
 * The JSON Lines edge of the event contract.
 * <p>
 * {@link io.marginengine.journal.codec.JsonInputEncoder} turns a scenario line into the SBE
 * input that travels on the ring and into the journal;
 * {@link io.marginengine.journal.codec.JsonOutputWriter} turns any SBE message back into a
 * line. {@link io.marginengine.journal.codec.DecimalText} converts decimal text exactly, and
 * {@link io.marginengine.journal.codec.MessageTypes} holds the type names and size limits
 * every edge shares. JSON exists only here; the processor sees SBE alone.
 */
package io.marginengine.journal.codec;
