package io.augreg.train;

/**
 * The running state of an {@link LrSchedule}: which rate each epoch trains with. The state is
 * small and explicit ({@link State}: epoch, rate, best dev cost, bad epochs) so that a checkpoint
 * can save it and {@link #restore} can continue a run exactly.
 */
public final class LrScheduler {
  /** ReduceLROnPlateau's default relative threshold: an improvement is below best·(1 − 1e-4). */
  static final double PLATEAU_THRESHOLD = 1e-4;

  private final LrSchedule schedule;
  private final double base;
  private final int epochs;
  private int epoch;
  private double lr;
  private double best = Double.POSITIVE_INFINITY;
  private int bad;

  /**
   * Everything a scheduler carries between epochs.
   *
   * @param epoch the last epoch whose rate was asked for (0 before the first)
   * @param lr the rate of that epoch (PLATEAU: the current reduced rate)
   * @param best PLATEAU: the best dev cost so far (infinite before the first)
   * @param badEpochs PLATEAU: recorded epochs since the last improvement or reduction
   */
  public record State(int epoch, double lr, double best, int badEpochs) {}

  /**
   * @param schedule the schedule
   * @param base the base learning rate α
   * @param epochs the number of epochs E (the cosine's length)
   */
  public LrScheduler(LrSchedule schedule, double base, int epochs) {
    this.schedule = schedule;
    this.base = base;
    this.epochs = epochs;
    this.lr = base;
  }

  /**
   * A scheduler continuing from a saved state.
   *
   * @param schedule the schedule of the saved run
   * @param base its base rate
   * @param epochs its number of epochs
   * @param state what {@link #state()} returned
   * @return the scheduler
   */
  public static LrScheduler restore(LrSchedule schedule, double base, int epochs, State state) {
    LrScheduler s = new LrScheduler(schedule, base, epochs);
    s.epoch = state.epoch();
    s.lr = state.lr();
    s.best = state.best();
    s.bad = state.badEpochs();
    return s;
  }

  /**
   * The current state.
   *
   * @return epoch, rate, best dev cost and bad epochs
   */
  public State state() {
    return new State(epoch, lr, best, bad);
  }

  /**
   * The rate epoch {@code e} trains with (called once per epoch, in order).
   *
   * @param e the 1-based epoch
   * @return its learning rate
   */
  public double rate(int e) {
    epoch = e;
    int w = schedule.warmup();
    boolean plateau = schedule.kind() == LrSchedule.Kind.PLATEAU;
    double r;
    if (e <= w) {
      // linear warm-up: α·e/W
      r = (plateau ? lr : base) * e / w;
    } else {
      r = switch (schedule.kind()) {
        case CONSTANT -> base;
        // α·γ^⌊(e − 1)/stepSize⌋
        case STEP -> base * Math.pow(schedule.gamma(), (e - 1) / schedule.stepSize());
        // α·(1 + cos(π·(e − W − 1)/(E − W)))/2
        case COSINE -> base * (1 + Math.cos(Math.PI * (e - w - 1) / Math.max(1, epochs - w))) / 2;
        case PLATEAU -> lr;
      };
    }
    if (!plateau) {
      lr = r;
    }
    return r;
  }

  /**
   * Tells the schedule a recorded epoch's dev cost (PLATEAU reduces the rate when it has not
   * improved for more than {@code patience} recorded epochs; the other kinds ignore it).
   *
   * @param devCost the dev cost of the weights after the epoch
   */
  public void devCost(double devCost) {
    if (schedule.kind() != LrSchedule.Kind.PLATEAU) {
      return;
    }
    // a NaN cost is no improvement
    if (devCost < best * (1 - PLATEAU_THRESHOLD)) {
      best = devCost;
      bad = 0;
    } else if (++bad > schedule.patience()) {
      lr *= schedule.factor();
      bad = 0;
    }
  }
}
