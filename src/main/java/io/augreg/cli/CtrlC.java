package io.augreg.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) during {@code augreg train}: the first one runs {@code first} (which asks the
 * trainer to stop at the end of the current mini-batch and write a checkpoint) and lets the run
 * finish its outputs; a second one, or one while nothing is armed, ends the process at once with
 * exit status 130 (128 + SIGINT, as a shell reports it). {@link #close()} puts the previous
 * handler back.
 *
 * <p>The JDK's only way to catch a signal and go on is {@code sun.misc.Signal} (module {@code
 * jdk.unsupported}); it is reached by reflection, since javac warns about it at every use. Where
 * it is missing, Ctrl-C keeps its default effect (the process ends; the last checkpoint stands).
 */
final class CtrlC implements AutoCloseable {
  /** The exit status of a run stopped by Ctrl-C. */
  static final int EXIT = 130;

  private final AtomicInteger count = new AtomicInteger();
  private volatile Runnable armed;
  private Object previous;

  private CtrlC() {}

  /**
   * Installs the handler; until {@link #arm} nothing is armed, so Ctrl-C exits at once.
   *
   * @return the handler (close it to restore the previous one)
   */
  static CtrlC install() {
    CtrlC c = new CtrlC();
    c.previous = c.handle(c.handler());
    return c;
  }

  /**
   * What the next Ctrl-C does instead of exiting; null: exit at once.
   *
   * @param first the action
   */
  void arm(Runnable first) {
    armed = first;
  }

  /**
   * Whether a Ctrl-C arrived.
   *
   * @return true after the first
   */
  boolean fired() {
    return count.get() > 0;
  }

  private void onSignal() {
    Runnable r = armed;
    if (count.incrementAndGet() > 1 || r == null) {
      Runtime.getRuntime().halt(EXIT);
    }
    r.run();
  }

  private Object handler() {
    try {
      Class<?> type = Class.forName("sun.misc.SignalHandler");
      InvocationHandler h = (proxy, method, args) -> {
        if (method.getName().equals("handle")) {
          onSignal();
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
  private Object handle(Object handler) {
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

  @Override
  public void close() {
    armed = null;
    if (previous != null) {
      handle(previous);
    }
  }
}
