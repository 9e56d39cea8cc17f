// The CLI's exit codes, one per kind of failure, so scripts can tell them apart. Listed in the README.
export const EXIT = {
  ok: 0,
  /** The slides, the essay or the settings have errors. */
  content: 1,
  usage: 2,
  build: 3,
  /** No Chromium found. */
  browser: 4,
  /** The PDF's folder cannot be written. */
  output: 5,
  /** Printing took longer than --timeout. */
  timeout: 6,
  /** The browser crashed. */
  crash: 7,
  /** The PDF failed its check. */
  verify: 8,
} as const;
