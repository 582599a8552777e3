package io.marginengine.replay;

import io.marginengine.engine.logic.MarginProcessor;
import io.marginengine.engine.state.AccountStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code state --at INDEX|TIME [--account A]}: replays to a point and prints the state of
 * every account (in the order they were opened, the insurance fund first) or of one, as the
 * {@code account_state} JSON lines a {@code query} would have answered right after the
 * point's input (SPEC section 5). Their {@code ts} and {@code cause} are that input's.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = {"Prints the state of all accounts, or of one, after the input at a point, as account_state JSON "
        + "Lines (SPEC section 5), one account a line, in the order the accounts were opened.",
        "ts and cause are those of the last input replayed."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:bad usage or input (such as an account not open at that point)",
        "3:damaged or unreadable journal", "4:unexpected failure"})
public final class StateCommand implements Callable<Integer>
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--at", required = true, paramLabel = "INDEX|TIME", converter = Point.Converter.class,
        description = "The state after this journal index, or after the last input at or before this time "
            + "(ISO-8601, or ts=NANOS).")
    Point at;

    @Option(names = "--account", paramLabel = "A", description = "Only this account.")
    Long account;

    @Option(names = "--from-snapshot", arity = "0..1", paramLabel = "INDEX", fallbackValue = ReplayStart.LATEST,
        description = "Start from a snapshot (the latest at or before --at without a value) instead of the start.")
    String fromSnapshot;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final DataLocation location = common.location();
        final EngineSettings settings = common.settings(location);
        final ReplayStart start = ReplayStart.of(settings, location, fromSnapshot, at, (b, o, l) -> { });
        final MarginProcessor processor = start.processor();
        final long[] last = {-1, 0};
        final Progress progress = common.progress(spec.commandLine().getErr());
        try (JournalScan scan = new JournalScan(location.journal(), "journal", at, progress))
        {
            final long lastCommitted = scan.lastCommittedIndex();
            if (at.isIndex() && lastCommitted != JournalScan.UNKNOWN && at.value() > lastCommitted)
            {
                throw ToolException.usage("--at " + at + " is past the end of the journal " + location.journal() +
                    ", whose last input is index " + lastCommitted);
            }
            progress.start("state", at.isIndex() ? at.value() - start.firstIndex() + 1 : Math.max(0, lastCommitted - start.firstIndex() + 1));
            scan.scan(start.firstIndex(), (index, receiveTime, ts, buffer, offset, length) ->
            {
                processor.onInput(index, buffer, offset, length);
                last[0] = index;
                last[1] = ts;
                return true;
            });
        }
        finally
        {
            progress.finish();
        }
        if (last[0] < 0)
        {
            throw ToolException.usage("no input of the journal " + location.journal() + " is at or before " + at.describe());
        }
        final AccountView view = new AccountView(processor, settings.context().maxPositionsPerAccount());
        if (account != null)
        {
            final int slot = view.slotOf(account);
            if (slot == AccountStore.MISSING)
            {
                throw ToolException.usage("account " + account + " is not open after input " + last[0] +
                    " (" + at.describe() + ")");
            }
            out.println(view.accountState(slot, last[1], last[0]));
        }
        else
        {
            for (int slot = 0; slot < view.accountCount(); slot++)
            {
                out.println(view.accountState(slot, last[1], last[0]));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
