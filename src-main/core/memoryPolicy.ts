/**
 * Imported FIRST by every host entry point (headless/cli.ts, electron/main.ts), for its side effect.
 *
 * The monitor runs for weeks in a small process. Under an allocation burst (loading its modules, then
 * every environment connecting at once) V8 doubles its young generation up to 3 × 16 MB and keeps it for
 * tens of seconds although nothing in it survives: a third of a tray app's memory, for no data. Keeping
 * the young generation at its initial size trades that for more, smaller scavenges (bench (h) and (i)
 * measure both). V8 reads the flag each time it would grow the new space, so setting it at run time works,
 * but only before the first burst has grown it — hence first import. It is process-wide by nature.
 *
 * The old generation likewise: V8 lets a small heap grow to several times its live data before the next
 * full collection, slack that RSS pays for (memoryPolicy.test.ts: about 40 MB live reached 179 MB of old
 * space; with this flag, 56 MB). Growing by 20 % instead costs a few more full collections of a small
 * heap, which the monitor's allocation rate makes rare.
 * V8 reads this one after every full collection, so it too works when set at run time.
 *
 * Sparkplug, V8's baseline compiler, compiles a function that has run a few times into machine code, on
 * the main thread and into code space, kept for as long as the function stays warm. A monitor wakes a few
 * times a second and runs a little of many functions: each is warm, few are hot. Without Sparkplug they
 * stay interpreted: bench (i) peaked a few MB lower at the same CPU (memoryPolicy.test.ts shows the tier;
 * the README gives the runs). V8 reads it each time it would tier a function up, so it works when set at
 * run time.
 *
 * Turbofan, the optimizing compiler, goes the same way. Its compile jobs run on V8's worker threads, whose
 * malloc arenas keep the peak of every job, and its code and deoptimization data stay in the heap. For a
 * process that spends 1–2 % of a core, the interpreter is fast enough: bench (i) peaked about 8 MB lower
 * on average at the same CPU, (g) and (h) still meet their targets (the README gives the runs). Maglev,
 * the mid-tier compiler that newer V8 (Node 22 on, Electron) turns on by default, is the same trade; this
 * Node 20 has none built in, where the flag changes nothing. Both are read at each tier-up decision.
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--semi-space-growth-factor=1');
v8.setFlagsFromString('--heap-growing-percent=20');
v8.setFlagsFromString('--no-sparkplug');
v8.setFlagsFromString('--no-turbofan');
v8.setFlagsFromString('--no-maglev');
