package io.marginengine.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on SIGTERM or SIGINT instead of the JVM's default of running the shutdown
 * hooks and exiting with status 143 or 130. The engine uses it so that its clean stop (drain the
 * ring, flush the outputs, close the journal) runs before any library's shutdown hook, and
 * exits 0.
 * <p>
 * It goes through {@code sun.misc.Signal} of module {@code jdk.unsupported} (JEP 260 keeps it
 * accessible), reached by reflection: the build then carries no proprietary-API warning, and a
 * JDK without it makes {@link #handle} return false, leaving the JVM's default.
 */
final class TerminationSignals
{
    private TerminationSignals()
    {
    }

    /**
     * @param name     the signal's name without {@code SIG}: {@code TERM} or {@code INT}.
     * @param onSignal what to run, on the JVM's signal thread, each time the signal comes.
     * @return false when the signal could not be taken over (no {@code sun.misc.Signal}, or the
     * signal is reserved, as SIGINT is under {@code -Xrs}); the JVM's default then applies.
     */
    static boolean handle(final String name, final Runnable onSignal)
    {
        try
        {
            final Class<?> signalClass = Class.forName("sun.misc.Signal");
            final Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            final Object signal = signalClass.getConstructor(String.class).newInstance(name);
            final Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                (proxy, method, args) -> invoke(proxy, method, args, onSignal));
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            return true;
        }
        catch (final ReflectiveOperationException | IllegalArgumentException | SecurityException ex)
        {
            return false;
        }
    }

    private static Object invoke(final Object proxy, final Method method, final Object[] args, final Runnable onSignal)
    {
        switch (method.getName())
        {
            case "handle":
                onSignal.run();
                return null;
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "TerminationSignals handler";
            default:
                throw new UnsupportedOperationException("signal handler method " + method.getName() + " is not expected");
        }
    }
}
