import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, the one the project's browser tests run (never a downloaded build). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless, no sandbox (containers), no GPU, and nothing that reaches the network by itself. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts Debian's Chromium headless with the project's flags. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}
