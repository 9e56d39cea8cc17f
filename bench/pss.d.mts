// Types of bench/pss.mjs.
export function measure(
  command: string,
  args: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; sample?: boolean; intervalMs?: number },
): Promise<{ seconds: number; peakMiB?: number }>;
export function median(values: number[]): number;
