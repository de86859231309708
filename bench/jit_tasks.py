#!/usr/bin/env python3
"""What the JIT compilers spend their CPU on, per compile task (issue 13).

Runs a command (default: ./augreg football --reference --json) with the JVM's compile log
(-XX:+LogCompilation, through AUGREG_JAVA_OPTS) under `perf record -k CLOCK_REALTIME` (cpu-clock
samples), then gives each sample of the C1 / C2 compiler threads to the compile task that thread
was running at that moment (the log's task start and end stamps, seconds since the JVM's start
time in the log header). Prints the compiler threads' CPU, the tasks by package and tier, the
largest tasks, and methods compiled more than once at the same tier.

    bench/jit_tasks.py [--hz 2000] [--top 40] [--cuts 0.75,2.65] [-- COMMAND...]

--cuts T1,T2,...: also splits the compile CPU into phases at these JVM uptimes (e.g. the start
and end of training, read from the log's nmethod stamps). The compile log itself makes C2 slower
(it writes every inlining decision), so compare tasks with each other, not with a run without it.
"""
import argparse, bisect, collections, os, re, subprocess, sys, tempfile

ap = argparse.ArgumentParser()
ap.add_argument('--hz', type=int, default=2000)
ap.add_argument('--top', type=int, default=40)
ap.add_argument('--cuts', default='')
ap.add_argument('command', nargs='*')
a = ap.parse_args()
cmd = a.command or ['./augreg', 'football', '--reference', '--json']
tmp = tempfile.mkdtemp()
log, data = os.path.join(tmp, 'compile.log'), os.path.join(tmp, 'perf.data')
env = dict(os.environ)
env['AUGREG_JAVA_OPTS'] = (env.get('AUGREG_JAVA_OPTS', '') +
    ' -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=' + log).strip()
if cmd[:2] == ['./augreg', 'football'] and '--out' not in cmd:
    cmd = cmd + ['--out', os.path.join(tmp, 'out')]
subprocess.run(['perf', 'record', '-q', '-k', 'CLOCK_REALTIME', '-e', 'cpu-clock', '-F', str(a.hz),
                '-o', data, '--'] + cmd, env=env, stdout=subprocess.DEVNULL, check=True)
text = open(log).read()
base = int(re.search(r"time_ms='(\d+)'", text).group(1)) / 1000.0
threads = {}
for sec in re.finditer(r"<compilation_log thread='(\d+)'>(.*?)</compilation_log>", text, re.S):
    tasks = []
    for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done ([^>]*)/>", sec.group(2), re.S):
        t = dict(re.findall(r"(\w+)='([^']*)'", m.group(1)))
        d = dict(re.findall(r"(\w+)='([^']*)'", m.group(3)))
        t.update(t0=base + float(t['stamp']), t1=base + float(d['stamp']), n=0,
                 inl=d.get('inlined_bytes', '0'), tier='C2' if 'level' not in t else 'L' + t['level'])
        tasks.append(t)
    threads[sec.group(1)] = tasks
period = 1.0 / a.hz
per_thread, outside = collections.Counter(), collections.Counter()
out = subprocess.run(['perf', 'script', '-i', data, '-F', 'comm,tid,time'], capture_output=True,
                     text=True).stdout
for line in out.splitlines():
    m = re.match(r'\s*(.*?)\s+(\d+)\s+([\d.]+):', line)
    if not m:
        continue
    per_thread[re.sub(r'[-#]?\d+$', '', m.group(1).strip())] += 1
    ts = threads.get(m.group(2))
    if ts is None:
        continue
    t = float(m.group(3))
    i = bisect.bisect_right([x['t0'] for x in ts], t) - 1
    if i >= 0 and t <= ts[i]['t1'] + 0.001:
        ts[i]['n'] += 1
    else:
        outside[m.group(2)] += 1
print('CPU per thread group (perf samples / %d Hz):' % a.hz)
for k, v in per_thread.most_common(8):
    print('  %-20s %.3f s' % (k, v * period))
print('  compiler samples outside any task: %d' % sum(outside.values()))
tasks = [t for ts in threads.values() for t in ts]
comp = lambda t: 'C2' if t['tier'] == 'C2' else 'C1'
by = collections.defaultdict(lambda: [0, 0])
for t in tasks:
    k = (comp(t), '.'.join(t['method'].split(' ')[0].split('.')[:3]))
    by[k][0] += t['n']; by[k][1] += 1
print('\ncompile CPU by compiler and package:')
for k, (n, c) in sorted(by.items(), key=lambda kv: -kv[1][0])[:30]:
    print('  %s %-34s %4d tasks %.3f s' % (k[0], k[1], c, n * period))
tiers = collections.Counter()
for t in tasks:
    tiers[t['tier']] += t['n']
print('\nby tier:', ', '.join('%s %.3f s' % (k, v * period) for k, v in sorted(tiers.items())))
if a.cuts:
    cuts = [float(c) for c in a.cuts.split(',')]
    ph = collections.Counter()
    for t in tasks:
        ph[(sum(1 for c in cuts if t['t0'] - base >= c), comp(t))] += t['n']
    print('by phase (cuts at %s s):' % a.cuts, ', '.join('%d %s %.3f s' % (k[0], k[1], v * period)
                                                      for k, v in sorted(ph.items())))
print('\nlargest tasks:')
for t in sorted(tasks, key=lambda t: -t['n'])[:a.top]:
    print('  %.3f s %-3s %s id=%s bytes=%s inlined=%s at %.2f s  %s' % (
        t['n'] * period, t['tier'], 'OSR' if 'osr_bci' in t else '   ', t['compile_id'],
        t.get('bytes'), t['inl'], t['t0'] - base, t['method'].replace('&lt;', '<').replace('&gt;', '>')[:120]))
again = collections.Counter((t['method'], t['tier'], 'osr_bci' in t) for t in tasks)
print('\ncompiled more than once at the same tier:')
for (m, tier, osr), c in again.most_common():
    if c > 1:
        print('  %d x %s %s %s' % (c, tier, 'OSR' if osr else '', m[:120]))
traps = re.findall(r"<uncommon_trap thread='\d+' reason='([^']*)' action='([^']*)'[^>]*compile_id='(\d+)'", text)
print('\nuncommon traps in compiled code: %d %s' % (len(traps), collections.Counter(r + '/' + ac for r, ac, _ in traps).most_common()))
