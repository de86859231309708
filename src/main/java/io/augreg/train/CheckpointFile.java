package io.augreg.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.core.AugregException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The checkpoint file of a {@link TrainingState}: one file, written under a second name beside
 * it and renamed over it, so that a kill at any instant leaves a complete checkpoint.
 *
 * <p>Layout (format 2, little-endian): the 8 bytes {@code AUGRCKPT}, the format version (int),
 * the length of a UTF-8 JSON header (int) and the header (what stays the same for a whole run:
 * data sizes, array counts, configuration, the caller's fields; encoded once per run); then the
 * position (epoch, batch: ints; step, samples, training nanoseconds: longs; whether an epoch was
 * kept, the kept epoch, whether kept weights follow, the recorded epochs: ints), the history (6
 * doubles per recorded epoch), the log's last cost, best score and wait, the schedule's epoch,
 * rate, best dev cost and bad epochs, the epoch's pass sums (doubles), and the arrays of the live
 * weights, the first and second optimizer moments and the kept weights, each as its length (int)
 * and its values; last a CRC-32C of everything before it (long). The doubles are stored bit for
 * bit, so a resumed run continues with exactly the same numbers. Format 1 (CRC-32, the position in
 * the JSON header) is refused with a message saying so.
 *
 * <p>Writing ({@link #save}): the state is encoded chunk by chunk into one reused 256 KiB direct
 * buffer, checksummed as it goes (CRC-32C, a CPU instruction) and written with positional writes
 * into {@code .NAME.tmp}, <em>in place</em>: that file is the checkpoint before the previous one,
 * recycled, so the write reuses its page-cache pages instead of allocating a new file and
 * replacing {@code NAME} does not make the file system flush the new file (ext4 does that when a
 * rename replaces an existing file). Then {@code NAME} is renamed to {@code .NAME.old}, {@code
 * .NAME.tmp} to {@code NAME}, and {@code .NAME.old} to {@code .NAME.tmp} (the next write's file);
 * no rename replaces an existing name. After a kill between the first two renames, {@code NAME}
 * is missing and {@code .NAME.tmp} holds the newest complete checkpoint (and {@code .NAME.old}
 * the one before): {@link #read} and the next {@link #save} take it from there.
 *
 * <p>What is promised: a process killed at any instant (SIGKILL included) leaves the last
 * complete checkpoint. Nothing is forced to the disk ({@code fsync}): after a power loss or an
 * operating-system crash the file may be an earlier checkpoint, or be refused as damaged (its
 * checksum), but never read as a wrong state.
 */
final class CheckpointFile {
  /** The format version this class writes and reads. */
  static final int VERSION = 2;

  private static final byte[] MAGIC = "AUGRCKPT".getBytes(StandardCharsets.US_ASCII);
  private static final String[] GROUPS = {"weights", "moment1", "moment2"};
  /** Bytes of the position block: 2 ints, 3 longs, 4 ints. */
  private static final int POSITION = 2 * 4 + 3 * 8 + 4 * 4;
  /** Doubles after the history: the log's 3, the schedule's 4, the pass sums' 2. */
  private static final int SCALARS = 9;

  /**
   * Test hook (system property {@code augreg.checkpoint.stallMs}): pause this long half-way
   * through writing the checkpoint, so that a test can kill the process during a write. The pause
   * is announced on the standard error.
   */
  private static final long STALL_MS = Long.getLong("augreg.checkpoint.stallMs", 0);

  /** The encoded state, reused from write to write (direct: written without another copy). */
  private ByteBuffer buffer = ByteBuffer.allocateDirect(0);
  /** Bytes of the write buffer (the state goes out in chunks of this size). */
  private static final int CHUNK = 1 << 18;
  /** The last header's fields and bytes: the header is the same for a whole run. */
  private Header headerOf;
  private byte[] header;

  /** The constant part of a state: what its JSON header holds. */
  private record Header(int examples, int devExamples, int weights, int moment1, int moment2,
      JsonNode config, Map<String, String> run) {
    static Header of(TrainingState s) {
      return new Header(s.examples(), s.devExamples(), s.weightArrays().size(),
          s.moment1().size(), s.moment2().size(), s.configNode(), s.run());
    }
  }

  /**
   * Writes {@code s} to {@code file} with a fresh buffer.
   *
   * @see #save
   */
  static void write(Path file, TrainingState s) {
    new CheckpointFile().save(file, s);
  }

  /**
   * Encodes the header of {@code s} (once per run) and allocates the write buffer, so that the
   * first {@link #save} does neither.
   *
   * @param s a state of the run (its constant fields count)
   */
  void prepare(TrainingState s) {
    header(s);
    chunk();
  }

  /** The reused write buffer, allocated on first use. */
  private ByteBuffer chunk() {
    if (buffer.capacity() < CHUNK) {
      buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    }
    return buffer;
  }

  /** The encoded size of {@code s} in bytes. */
  private long size(TrainingState s) {
    long doubles = 6L * s.log().records().size() + SCALARS;
    long arrays = 0;
    for (List<double[]> g : groups(s)) {
      for (double[] a : g) {
        doubles += a.length;
        arrays++;
      }
    }
    return MAGIC.length + 8L + header(s).length + POSITION + 8 * doubles + 4 * arrays + 8;
  }

  /**
   * Writes {@code s} to {@code file} atomically, reusing this writer's buffer and the file two
   * checkpoints back.
   *
   * @param file the checkpoint file
   * @param s the state
   * @throws AugregException naming the file when it cannot be written
   */
  void save(Path file, TrainingState s) {
    long size = size(s);
    if (size > Integer.MAX_VALUE - 16) {
      throw new AugregException(file + ": the training state (" + size + " bytes) is too large"
          + " for one checkpoint file");
    }
    Path abs = file.toAbsolutePath();
    Path tmp = sibling(abs, ".tmp");
    Path old = sibling(abs, ".old");
    try {
      Files.createDirectories(abs.getParent());
      if (!Files.exists(abs) && Files.exists(old) && Files.exists(tmp)) {
        // killed between the renames below: the newest complete checkpoint is under tmp
        move(tmp, abs);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        long at = new Sink(ch, file, size).write(s);
        if (ch.size() > at) {
          ch.truncate(at);
        }
      }
      Files.deleteIfExists(old);
      if (Files.exists(abs)) {
        move(abs, old);
      }
      move(tmp, abs);
      if (Files.exists(old)) {
        move(old, tmp);
      }
    } catch (IOException e) {
      throw new AugregException(file + ": cannot write the checkpoint (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Encodes a state into the file through {@link #buffer}, one chunk at a time, with the running
   * CRC-32C of everything before the checksum (so no buffer the size of the state is needed: its
   * first touch alone cost as much as the rest of a run's checkpoints).
   */
  private final class Sink {
    private final FileChannel ch;
    private final Path file;
    private final long size;
    private final ByteBuffer b = chunk();
    private final CRC32C crc = new CRC32C();
    private long at;
    private boolean stalled;

    Sink(FileChannel ch, Path file, long size) {
      this.ch = ch;
      this.file = file;
      this.size = size;
      b.clear();
    }

    /** Writes {@code s} and its checksum; returns the bytes written. */
    long write(TrainingState s) throws IOException {
      byte[] h = header(s);
      need(16);
      b.put(MAGIC).putInt(VERSION).putInt(h.length);
      bytes(h);
      EpochLog.Saved log = s.log();
      need(POSITION);
      b.putInt(s.epoch()).putInt(s.batch()).putLong(s.step()).putLong(s.samples())
          .putLong(s.trainNanos()).putInt(log.haveBest() ? 1 : 0).putInt(log.bestEpoch())
          .putInt(s.best() == null ? 0 : 1).putInt(log.records().size());
      for (EpochRecord r : log.records()) {
        need(48);
        b.putDouble(r.epoch()).putDouble(r.trainCost()).putDouble(r.devCost())
            .putDouble(r.trainAccuracy()).putDouble(r.devAccuracy()).putDouble(r.lr());
      }
      LrScheduler.State lr = s.schedule();
      need(8 * SCALARS);
      b.putDouble(log.lastCost()).putDouble(log.rule()[0]).putDouble(log.rule()[1])
          .putDouble(lr.epoch()).putDouble(lr.lr()).putDouble(lr.best()).putDouble(lr.badEpochs())
          .putDouble(s.passSums()[0]).putDouble(s.passSums()[1]);
      for (List<double[]> g : groups(s)) {
        for (double[] a : g) {
          need(4);
          b.putInt(a.length);
          doubles(a);
        }
      }
      flush();
      need(8);
      b.putLong(crc.getValue());
      b.flip();
      at = writeFully(ch, b, at);
      return at;
    }

    /** Makes room for {@code n} more bytes (n at most {@link #CHUNK}). */
    private void need(int n) throws IOException {
      if (b.remaining() < n) {
        flush();
      }
    }

    private void bytes(byte[] a) throws IOException {
      for (int off = 0; off < a.length; ) {
        need(1);
        int k = Math.min(b.remaining(), a.length - off);
        b.put(a, off, k);
        off += k;
      }
    }

    private void doubles(double[] a) throws IOException {
      for (int off = 0; off < a.length; ) {
        need(8);
        int k = Math.min(b.remaining() / 8, a.length - off);
        // a bulk copy (little-endian is the machine's order on x86 and ARM: a memory copy)
        b.asDoubleBuffer().put(a, off, k);
        b.position(b.position() + 8 * k);
        off += k;
      }
    }

    /** Checksums and writes what the buffer holds (the test hook pauses half-way through). */
    private void flush() throws IOException {
      b.flip();
      crc.update(b.duplicate());
      if (STALL_MS > 0 && !stalled && at + b.remaining() >= size / 2) {
        ByteBuffer half = b.duplicate();
        half.limit(b.position() + (int) Math.max(0, size / 2 - at));
        at = writeFully(ch, half, at);
        b.position(half.position());
        stalled = true;
        stall(file);
      }
      at = writeFully(ch, b, at);
      b.clear();
    }
  }

  /** {@code .NAME.suffix} beside {@code file}. */
  private static Path sibling(Path file, String suffix) {
    return file.resolveSibling("." + file.getFileName() + suffix);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Writes all of {@code b} at {@code at}; returns the position after it. */
  private static long writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      at += ch.write(b, at);
    }
    return at;
  }

  private static void stall(Path file) {
    System.err.println("augreg: checkpoint write paused for " + STALL_MS + " ms ("
        + file.getFileName() + ", augreg.checkpoint.stallMs)");
    System.err.flush();
    try {
      Thread.sleep(STALL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<List<double[]>> groups(TrainingState s) {
    return List.of(s.weightArrays(), s.moment1(), s.moment2(),
        s.best() == null ? List.of() : s.best());
  }

  /** The JSON header of {@code s}: encoded once for the states of one run. */
  private byte[] header(TrainingState s) {
    Header k = Header.of(s);
    if (k.equals(headerOf)) {
      return header;
    }
    ObjectNode h = TrainingState.JSON.createObjectNode();
    h.put("format", "augreg-checkpoint");
    h.put("examples", k.examples());
    h.put("dev_examples", k.devExamples());
    ObjectNode g = h.putObject("arrays");
    g.put(GROUPS[0], k.weights());
    g.put(GROUPS[1], k.moment1());
    g.put(GROUPS[2], k.moment2());
    h.set("config", k.config());
    h.set("run", TrainingState.JSON.valueToTree(k.run()));
    try {
      header = TrainingState.JSON.writeValueAsBytes(h);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    headerOf = k;
    return header;
  }

  /**
   * Removes a checkpoint file and the names its writes use (the recycled file first, the
   * checkpoint last, so that no step leaves an older state looking like the newest).
   *
   * @param file the checkpoint file
   * @throws IOException when one cannot be removed
   */
  static void delete(Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Files.deleteIfExists(sibling(abs, ".old"));
    Files.deleteIfExists(sibling(abs, ".tmp"));
    Files.deleteIfExists(abs);
  }

  /**
   * Whether {@code file} holds a checkpoint, or a kill between the renames of a write left it
   * under the write's names.
   *
   * @param file the checkpoint file
   * @return whether {@link #read} has a file to read
   */
  static boolean exists(Path file) {
    Path abs = file.toAbsolutePath();
    return Files.exists(abs) || Files.exists(sibling(abs, ".old"));
  }

  /**
   * Reads a checkpoint file (when a kill between the renames of a write left it missing: the
   * newest complete one of the write's two names).
   *
   * @param file the file
   * @return the state
   * @throws AugregException naming the file when it is missing, damaged or of another format
   */
  static TrainingState read(Path file) {
    Path abs = file.toAbsolutePath();
    Path old = sibling(abs, ".old");
    if (!Files.exists(abs) && Files.exists(old)) {
      try {
        return readOne(sibling(abs, ".tmp"));
      } catch (AugregException e) {
        return readOne(old);
      }
    }
    return readOne(file);
  }

  private static TrainingState readOne(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new AugregException(file + ": no checkpoint there", e);
    } catch (IOException e) {
      throw new AugregException(file + ": cannot read the checkpoint (" + e.getMessage() + ")", e);
    }
    if (bytes.length < MAGIC.length + 16
        || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new AugregException(file + ": not an augreg checkpoint");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.position(MAGIC.length);
    int version = b.getInt();
    if (version != VERSION) {
      throw new AugregException(file + ": checkpoint format version " + version
          + ", this augreg reads version " + VERSION + (version < VERSION
              ? " (the checkpoint was written by an earlier augreg: start the run again, with"
                  + " --overwrite)" : " (written by a newer augreg)"));
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 8);
    if (crc.getValue() != b.getLong(bytes.length - 8)) {
      throw new AugregException(file + ": the checkpoint is damaged (its checksum does not match)");
    }
    try {
      int len = b.getInt();
      JsonNode h = TrainingState.JSON.readTree(bytes, b.position(), len);
      b.position(b.position() + len);
      int epoch = b.getInt();
      int batch = b.getInt();
      long step = b.getLong();
      long samples = b.getLong();
      long trainNanos = b.getLong();
      boolean haveBest = b.getInt() != 0;
      int bestEpoch = b.getInt();
      boolean bestArrays = b.getInt() != 0;
      int n = b.getInt();
      List<EpochRecord> records = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        records.add(new EpochRecord((int) b.getDouble(), b.getDouble(), b.getDouble(),
            b.getDouble(), b.getDouble(), b.getDouble()));
      }
      double lastCost = b.getDouble();
      double[] rule = {b.getDouble(), b.getDouble()};
      LrScheduler.State lr = new LrScheduler.State((int) b.getDouble(), b.getDouble(),
          b.getDouble(), (int) b.getDouble());
      double[] passSums = {b.getDouble(), b.getDouble()};
      List<List<double[]>> groups = new ArrayList<>();
      for (String g : GROUPS) {
        groups.add(arrays(b, h.get("arrays").get(g).asInt()));
      }
      List<double[]> best = bestArrays ? arrays(b, groups.get(0).size()) : null;
      EpochLog.Saved log = new EpochLog.Saved(records, haveBest, bestEpoch, lastCost, rule);
      Map<String, String> run = new LinkedHashMap<>();
      h.get("run").properties().forEach(e -> run.put(e.getKey(), e.getValue().asText()));
      return new TrainingState(epoch, batch, step, groups.get(0), groups.get(1), groups.get(2),
          best, log, lr, passSums, samples, trainNanos, h.get("examples").asInt(),
          h.get("dev_examples").asInt(), h.get("config"), run);
    } catch (IOException | RuntimeException e) {
      throw new AugregException(file + ": the checkpoint is damaged (" + e.getMessage() + ")", e);
    }
  }

  /** {@code k} arrays, each its length and its values. */
  private static List<double[]> arrays(ByteBuffer b, int k) {
    List<double[]> arrays = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      double[] a = new double[b.getInt()];
      b.asDoubleBuffer().get(a);
      b.position(b.position() + 8 * a.length);
      arrays.add(a);
    }
    return arrays;
  }
}
