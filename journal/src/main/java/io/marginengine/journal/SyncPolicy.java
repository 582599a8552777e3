package io.marginengine.journal;

/**
 * When a {@link JournalWriter} forces its records from the page cache to the storage device
 * ({@code msync(MS_SYNC)}): the choice between surviving a power loss and the cost of waiting
 * for the device.
 * <p>
 * Whatever the policy, a committed record is in the OS page cache the moment the commit
 * returns, so it survives a crash of the process (kill -9, JVM crash); a reader in another
 * process sees it at once. The policy decides only what survives a power loss or kernel
 * crash: what was msynced. Records not yet msynced may or may not survive it; the kernel
 * writes dirty pages back on its own schedule (typically within about 30 seconds on Linux).
 */
public enum SyncPolicy
{
    /**
     * Never msync. The fastest; a power loss can lose any record the kernel had not yet
     * written back. {@link JournalWriter#sync()} refuses to run, so that a caller who asks
     * for durability is never silently given none.
     */
    NONE,

    /**
     * Msync when {@link JournalWriter#sync()} is called: the caller decides, e.g. once per
     * batch, or before acknowledging to a client. Chronicle also msyncs a mapped chunk when
     * it lets go of it (each 64 MiB of journal, and on close).
     */
    ON_REQUEST,

    /**
     * Msync after every commit: each single append, each committed batch. Every record whose
     * append (or batch commit) returned survives a power loss. Costs a device round trip per
     * commit; batching amortises it.
     */
    EVERY_COMMIT
}
