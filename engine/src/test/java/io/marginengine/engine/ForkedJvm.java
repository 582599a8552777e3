package io.marginengine.engine;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a class's main in a new JVM like this one: same java, class path
 * and module flags (those of scripts/lib.sh), a small heap.
 */
final class ForkedJvm
{
    private ForkedJvm()
    {
    }

    /**
     * @param main the class whose main runs.
     * @param args its arguments.
     * @return the command.
     */
    static List<String> command(final Class<?> main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("--enable-native-access") ||
                flag.startsWith("--sun-misc-unsafe-memory-access") || flag.startsWith("-Dchronicle") ||
                flag.startsWith("-Dorg.slf4j"))
            {
                command.add(flag);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }
}
