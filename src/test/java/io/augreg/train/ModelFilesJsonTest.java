package io.augreg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.augreg.nn.Architecture;
import io.augreg.nn.Network;
import io.augreg.nn.OutputKind;
import io.augreg.nn.Shape;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed model description is byte for byte what the former {@code ObjectNode} +
 * {@code ObjectMapper(INDENT_OUTPUT)} code wrote, kept here as {@link #objectMapperText}.
 */
class ModelFilesJsonTest {
  @TempDir Path dir;

  private static final ObjectMapper OLD =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final String[] SPECS = {
    "dense units=5 | dense units=3",
    "flatten",
    "conv filters=4 k=3 bn=true | pool k=2 | dense units=6 act=none | bn momentum=0.2 act=relu",
    "conv filters=3 k=3 stride=2 pad=1 act=relu | dropout keep=0.7 | pool k=2 | dense units=4",
    "conv filters=2 k=3 | dropout keep=0.8 spatial=true | conv filters=2 k=1 | pool k=2 stride=1",
    "bn | dense units=7 | dropout keep=0.5 | dense units=2",
  };

  /** The former writer: ObjectNode fields, valueToTree of config and extras, one mapper. */
  private static String objectMapperText(Network network, int arrays, String weights,
      String created, TrainConfig config, Map<String, Double> metrics, Map<String, Object> extra)
      throws Exception {
    ObjectNode root = OLD.createObjectNode();
    root.put("format", ModelFiles.FORMAT);
    root.put("format_version", ModelFiles.FORMAT_VERSION);
    root.put("augreg_version", ModelFiles.version());
    root.put("created", created);
    ObjectNode arch = root.putObject("architecture");
    arch.put("kind", ModelFiles.KIND);
    arch.put("spec", network.architecture().toSpec());
    Shape in = network.input();
    arch.putArray("input").add(in.height()).add(in.width()).add(in.channels());
    arch.put("output", network.output().name());
    arch.put("outputs", network.outputs());
    arch.put("parameters", network.parameterCount());
    arch.put("parameter_arrays", arrays);
    arch.put("weights_file", weights);
    arch.put("layout", "the l-th layer with parameters (output layer last): Wl (outputs x inputs;"
        + " conv: filters x k*k*C in row, column, channel order) and bl (outputs x 1), or bn's"
        + " gammal, betal, running_meanl, running_varl (channels x 1); activations NHWC");
    if (config != null) {
      root.set("config", OLD.valueToTree(config));
      root.put("seed", config.seed());
    }
    ObjectNode m = root.putObject("metrics");
    if (metrics != null) {
      metrics.forEach((k, v) -> {
        if (v != null && Double.isFinite(v)) {
          m.put(k, v);
        } else {
          m.putNull(k);
        }
      });
    }
    extra.forEach((k, v) -> root.set(k, OLD.valueToTree(v)));
    return OLD.writeValueAsString(root) + "\n";
  }

  private static TrainConfig config(Random r) {
    TrainConfig.Builder b = TrainConfig.builder()
        .optimizer(Optimizer.values()[r.nextInt(Optimizer.values().length)])
        .learningRate(r.nextDouble() * (r.nextBoolean() ? 1 : 1e-6) + 1e-9)
        .epochs(1 + r.nextInt(100_000))
        .batchSize(r.nextInt(300))
        .l2(r.nextBoolean() ? 0 : r.nextDouble() * 10)
        .l1(r.nextBoolean() ? 0 : 1e-12 * r.nextDouble())
        .weightDecay(r.nextInt(3) * 0.25)
        .dropoutMasks(DropoutMasks.values()[r.nextInt(DropoutMasks.values().length)])
        .seed(r.nextBoolean() ? r.nextLong() : r.nextInt(10))
        .evalEvery(1 + r.nextInt(50))
        .momentum(r.nextDouble() * 0.99)
        .beta1(0.9)
        .beta2(r.nextDouble())
        .epsilon(r.nextBoolean() ? 1e-8 : 1e-300)
        .baseError(r.nextDouble() * 0.5)
        .biasThreshold(r.nextDouble())
        .varianceThreshold(r.nextDouble())
        .recordedCost(RecordedCost.values()[r.nextInt(RecordedCost.values().length)]);
    double[] keep = new double[1 + r.nextInt(3)];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = r.nextBoolean() ? 1.0 : 0.05 + 0.9 * r.nextDouble();
    }
    b.keepProb(keep);
    if (r.nextBoolean()) {
      b.earlyStopping(new EarlyStopping(EarlyStopping.Monitor.values()[r.nextInt(
          EarlyStopping.Monitor.values().length)], 1 + r.nextInt(20), r.nextDouble() * 1e-3));
    }
    if (r.nextBoolean()) {
      LrSchedule s = new LrSchedule(LrSchedule.Kind.values()[r.nextInt(LrSchedule.Kind.values().length)],
          1 + r.nextInt(30), 0.01 + 0.99 * r.nextDouble(), r.nextInt(5), 0.01 + 0.9 * r.nextDouble(),
          r.nextInt(20));
      b.aids(new TrainingAids(r.nextDouble() * 0.3, r.nextInt(2) * 0.4, r.nextInt(2) * 1.0,
          r.nextDouble(), r.nextInt(2) * 3.5, s));
    }
    return b.build();
  }

  private static final double[] ODD = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 1e-320, 1e300,
    Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, 30000, 123456789.0
  };

  private static Map<String, Double> metrics(Random r) {
    if (r.nextInt(8) == 0) {
      return r.nextBoolean() ? null : Map.of();
    }
    Map<String, Double> m = new LinkedHashMap<>();
    int n = r.nextInt(7);
    for (int i = 0; i < n; i++) {
      double v = r.nextBoolean() ? ODD[r.nextInt(ODD.length)] : r.nextDouble();
      m.put("metric_" + i + (i == 2 ? " \"quoted\" é\n" : ""), r.nextInt(9) == 0 ? null : v);
    }
    return m;
  }

  /** Extras of every shape the callers pass, some of them replacing an earlier field. */
  private static Map<String, Object> extra(Random r) {
    Map<String, Object> e = new LinkedHashMap<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String key = switch (r.nextInt(8)) {
        case 0 -> "metrics";
        case 1 -> "seed";
        case 2 -> "config";
        case 3 -> "created";
        default -> "extra_" + i;
      };
      e.put(key, value(r, 0));
    }
    return e;
  }

  private static Object value(Random r, int depth) {
    int kind = r.nextInt(depth > 2 ? 12 : 17);
    return switch (kind) {
      case 0 -> null;
      case 1 -> r.nextBoolean() ? "text \u2028 \t </script> λ" : new Object[] {"a", null, 3};
      case 2 -> r.nextInt();
      case 3 -> r.nextLong();
      case 4 -> ODD[r.nextInt(ODD.length)];
      case 5 -> r.nextFloat();
      case 6 -> r.nextBoolean();
      case 7 -> OutputKind.SOFTMAX;
      case 8 -> new double[] {r.nextDouble(), Double.NaN};
      case 9 -> new int[] {1, -2, r.nextInt()};
      case 10 -> new BigDecimal("1.2300");
      case 11 -> Path.of("a", "b c");
      case 12 -> new EarlyStopping(EarlyStopping.Monitor.DEV_LOSS, 1 + r.nextInt(9), 0.5);
      case 13 -> List.of();
      case 14 -> new LinkedHashMap<String, Object>();
      case 15 -> {
        List<Object> l = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          l.add(value(r, depth + 1));
        }
        yield l;
      }
      default -> {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
          m.put(r.nextInt(5) == 0 ? (Object) i : "k" + i, value(r, depth + 1));
        }
        yield m;
      }
    };
  }

  @Test
  void descriptionIsByteIdenticalToTheObjectMapperOne() throws Exception {
    Random r = new Random(20261207);
    for (int i = 0; i < 120; i++) {
      String spec = SPECS[i % SPECS.length];
      boolean flat = spec.startsWith("dense") || spec.equals("flatten");
      Shape shape = flat ? Shape.flat(2 + r.nextInt(4)) : new Shape(6 + r.nextInt(3), 6, 1 + r.nextInt(2));
      boolean softmax = r.nextBoolean();
      Network net = Network.initialize(Architecture.parse(spec), shape,
          softmax ? OutputKind.SOFTMAX : OutputKind.SIGMOID_BINARY, softmax ? 2 + r.nextInt(3) : 1, i);
      TrainConfig config = r.nextInt(4) == 0 ? null : config(r);
      Map<String, Double> metrics = metrics(r);
      Map<String, Object> extra = extra(r);
      String name = "model-" + i;
      ModelFiles.save(dir, name, net, config, metrics, extra);
      String text = Files.readString(dir.resolve(name + ".json"));
      // an extra named created replaces the timestamp in place: any value then does
      String created = OLD.readTree(text).path("created").asText();
      String expected = objectMapperText(net, net.parameters().size(), name + ".mat",
          created, config, metrics, extra);
      assertEquals(expected, text, "case " + i + ": " + spec);
    }
  }
}
