#!/usr/bin/env bash
# Do the football tables depend on the summation order of the gradient sums? (issue 13, foottrain)
# Runs `football` and `football --reference` (no pictures) with RowKernels.timesTrans replaced by
# plain loops in other orders: a copy of RowKernels.java with one loop per order switched on by a
# system property, compiled against the jar and put before it on the class path.
# Orders: recorded (the jar as is); sequential (plain fused multiply-adds j = 0..m-1, also for the
# leftovers the jar sums with four accumulators); reversed (j = m-1..0); unfused (s = s + x·y);
# lanes4 (four accumulators j mod 4, then (l0+l1)+(l2+l3)); halves (two halves, then added).
# Usage: bench/football_orders.sh [JAR=target/augreg.jar]  → the two tables per order.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="${1:-$root/target/augreg.jar}"
data="$root/data/football/data.mat"
[[ -f "$data" ]] || data="$root/../shared/datasets/football/data.mat" # ../shared beside the checkout
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
python3 - "$root/src/main/java/io/augreg/nn/linalg/RowKernels.java" "$tmp/RowKernels.java" <<'EOF'
import sys
s = open(sys.argv[1]).read()
anchor = "      double[][] g, int n, double[][] a, int p, int m, double[] w, int rs, int cs) {\n"
i = s.index(anchor) + len(anchor)
alt = """    String order = System.getProperty("order", "recorded");
    if (!order.equals("recorded")) {
      for (int r = 0; r < n; r++) {
        for (int k = 0; k < p; k++) {
          double[] x = g[r];
          double[] y = a[k];
          double s = 0;
          switch (order) {
            case "sequential" -> {
              for (int j = 0; j < m; j++) s = Math.fma(x[j], y[j], s);
            }
            case "reversed" -> {
              for (int j = m - 1; j >= 0; j--) s = Math.fma(x[j], y[j], s);
            }
            case "unfused" -> {
              for (int j = 0; j < m; j++) s = s + x[j] * y[j];
            }
            case "lanes4" -> {
              double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
              int j = 0;
              for (; j + 4 <= m; j += 4) {
                l0 = Math.fma(x[j], y[j], l0);
                l1 = Math.fma(x[j + 1], y[j + 1], l1);
                l2 = Math.fma(x[j + 2], y[j + 2], l2);
                l3 = Math.fma(x[j + 3], y[j + 3], l3);
              }
              s = (l0 + l1) + (l2 + l3);
              for (; j < m; j++) s = Math.fma(x[j], y[j], s);
            }
            case "halves" -> {
              double s1 = 0;
              for (int j = 0; j < m / 2; j++) s = Math.fma(x[j], y[j], s);
              for (int j = m / 2; j < m; j++) s1 = Math.fma(x[j], y[j], s1);
              s = s + s1;
            }
            default -> throw new IllegalArgumentException(order);
          }
          w[r * rs + k * cs] = s;
        }
      }
      return;
    }
"""
open(sys.argv[2], "w").write(s[:i] + alt + s[i:])
EOF
mkdir -p "$tmp/classes"
javac -nowarn -cp "$jar" -d "$tmp/classes" "$tmp/RowKernels.java" 2>/dev/null
for order in recorded sequential reversed unfused lanes4 halves; do
  for mode in --reference ""; do
    echo "== $order ${mode:-default}"
    java -Dorder="$order" -cp "$tmp/classes:$jar" io.augreg.cli.Main football $mode --no-pictures \
      --no-report --data "$data" --out "$tmp/out" 2>&1 | grep -E '^(none|L2|dropout) ' \
      | awk '{printf "  %s\n", $0}' | sed -E 's/ +[0-9.]+$//'
  done
done
