package io.augreg.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) during {@code augreg train}: the first one runs the action every armed run gave
 * (which asks its trainer to stop at the end of the current mini-batch and write a checkpoint) and
 * lets the runs finish their outputs; a second one ends the process at once with exit status 130
 * (128 + SIGINT, as a shell reports it). With no run armed (before training, or outside {@code
 * train}) Ctrl-C keeps its usual effect: the JVM's own handler ends the process.
 *
 * <p>One handler serves the whole process (installed on the first {@link #install}), so that runs
 * in the same JVM ({@code augreg tune} runs several at once) arm and disarm their own actions
 * without replacing each other's handler. The JDK's only way to catch a signal and go on is {@code
 * sun.misc.Signal} (module {@code jdk.unsupported}); it is reached by reflection, since javac
 * warns about it at every use. Where it is missing, Ctrl-C keeps its default effect (the process
 * ends; the last checkpoint stands).
 */
final class CtrlC implements AutoCloseable {
  /** The exit status of a run stopped by Ctrl-C. */
  static final int EXIT = 130;

  private static final Set<Runnable> ARMED = ConcurrentHashMap.newKeySet();
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static boolean installed;
  private static Object previous;

  private Runnable armed;

  private CtrlC() {}

  /**
   * The process's handler, installed on the first call; nothing armed yet.
   *
   * @return this run's handle (close it to disarm)
   */
  static CtrlC install() {
    synchronized (CtrlC.class) {
      if (!installed) {
        installed = true;
        previous = handle(handler());
      }
    }
    return new CtrlC();
  }

  /**
   * What the next Ctrl-C does for this run; null: nothing (the process ends at once unless another
   * run is armed).
   *
   * @param first the action
   */
  void arm(Runnable first) {
    if (armed != null) {
      ARMED.remove(armed);
    }
    armed = first;
    if (first != null) {
      ARMED.add(first);
    }
  }

  private static void onSignal(Object signal) throws ReflectiveOperationException {
    if (ARMED.isEmpty()) {
      Object p = previous;
      if (p == null) {
        Runtime.getRuntime().halt(EXIT);
      }
      // the JVM's own handler: an orderly exit with status 130
      Class.forName("sun.misc.SignalHandler")
          .getMethod("handle", Class.forName("sun.misc.Signal")).invoke(p, signal);
      return;
    }
    if (COUNT.incrementAndGet() > 1) {
      Runtime.getRuntime().halt(EXIT);
    }
    for (Runnable r : ARMED) {
      r.run();
    }
  }

  private static Object handler() {
    try {
      Class<?> type = Class.forName("sun.misc.SignalHandler");
      InvocationHandler h = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          onSignal(args[0]);
          return null;
        }
        return switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> "CtrlC";
        };
      };
      return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** {@code Signal.handle(new Signal("INT"), handler)}; returns the previous handler or null. */
  private static Object handle(Object handler) {
    if (handler == null) {
      return null;
    }
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> type = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, type);
      return handle.invoke(null, signal.getConstructor(String.class).newInstance("INT"), handler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no signal support (or SIGINT is reserved): Ctrl-C keeps its default effect
      return null;
    }
  }

  /** Disarms this run. */
  @Override
  public void close() {
    arm(null);
  }
}
