package io.augreg.augment;

import io.augreg.augment.kernel.Colour;
import io.augreg.core.AugregException;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Permutes the colour channels by a uniformly drawn permutation (torchvision's {@code
 * RandomChannelPermutation}); gray images and alpha are unchanged. Spec: {@code channelshuffle}
 * (no keys).
 */
public record ChannelShuffle() implements Step<ChannelShuffle.ChannelShuffleParams> {
  /**
   * One permutation.
   *
   * @param order output channel c (in B, G, R order) is input channel {@code order.charAt(c)}, e.g.
   *     {@code "210"}
   */
  public record ChannelShuffleParams(String order) implements StepParams {
    /** Validates a permutation of 0, 1, 2. */
    public ChannelShuffleParams {
      if (order == null || order.length() != 3 || order.chars().distinct().count() != 3
          || !order.chars().allMatch(c -> c >= '0' && c <= '2')) {
        throw new AugregException(
            "channelshuffle parameters: order must be a permutation of 012, got " + order);
      }
    }

    @Override
    public void apply(Mat src, Mat dst) {
      int[] perm = {order.charAt(0) - '0', order.charAt(1) - '0', order.charAt(2) - '0'};
      LutKernel.run(src, dst, (b, n, ch, s) -> Colour.permute(b, n, ch, perm));
    }
  }

  @Override
  public ChannelShuffleParams sample(SplittableRandom rng, int width, int height, int channels) {
    // Fisher–Yates on (0, 1, 2)
    char[] o = {'0', '1', '2'};
    for (int i = 2; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      char t = o[i];
      o[i] = o[j];
      o[j] = t;
    }
    return new ChannelShuffleParams(new String(o));
  }
}
