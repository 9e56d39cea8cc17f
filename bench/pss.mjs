// Runs a command and measures it as a whole: wall time, and the peak of the summed PSS of its process tree
// (node and every Chromium process), sampled from /proc. Max-RSS sees only the largest process.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Children of every process, read from /proc/<pid>/stat. */
function processTree(root) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Proportional set size of one process in KiB (shared pages split between the processes sharing them). */
function pss(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `command args` and resolves to { seconds, peakMiB }. With `sample`, reads the tree's PSS every
 * `intervalMs` (reading /proc costs CPU, so timing runs leave it off).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, sample?: boolean, intervalMs?: number }} [options]
 */
export function measure(command, args, { cwd, env, sample: sampling = false, intervalMs = 25 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    let peak = 0;
    const sample = () => {
      const total = processTree(child.pid).reduce((sum, pid) => sum + pss(pid), 0);
      peak = Math.max(peak, total);
    };
    const timer = sampling ? setInterval(sample, intervalMs) : undefined;
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`));
      else resolve({ seconds, peakMiB: sampling ? peak / 1024 : undefined });
    });
  });
}

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
