// Layout checks by bounding boxes, shared by the per-screen layout specs: where a control really shows (cut to
// the panels that clip it), whether two boxes overlap, and whether the page itself scrolls.
import type { Locator, Page } from '@playwright/test';
import { expect } from './serve-fixture.ts';

/** The three window sizes users have; 1024×700 is the smallest supported. */
export const LAYOUT_SIZES = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

export interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where a control shows: its box cut to the panels that clip it (a panel that scrolls hides what lies outside it)
 * and to the window, or null when none of it shows.
 */
export async function shownBox(name: string, locator: Locator): Promise<Box | null> {
  await expect(locator, `${name} is on the screen`).toBeVisible();
  const rect = await locator.evaluate((node) => {
    type Rect = { left: number; top: number; right: number; bottom: number };
    type El = { getBoundingClientRect(): Rect; parentElement: El | null };
    const view = globalThis as unknown as { getComputedStyle(e: El): { overflowX: string; overflowY: string }; innerWidth: number; innerHeight: number };
    let r: Rect = (node as unknown as El).getBoundingClientRect();
    r = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let p = (node as unknown as El).parentElement; p; p = p.parentElement) {
      const style = view.getComputedStyle(p);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const c = p.getBoundingClientRect();
      r = { left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) };
    }
    r = { left: Math.max(r.left, 0), top: Math.max(r.top, 0), right: Math.min(r.right, view.innerWidth), bottom: Math.min(r.bottom, view.innerHeight) };
    return r.right > r.left && r.bottom > r.top ? r : null;
  });
  return rect && { name, x: rect.left, y: rect.top, width: rect.right - rect.left, height: rect.bottom - rect.top };
}

/** The overlapping area of two boxes (0 when they only touch). */
export function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0.5 && h > 0.5 ? w * h : 0;
}

/** The page's scroll size: equal to the window when the page itself does not scroll (panels scroll instead). */
export function pageScrollSize(page: Page): Promise<{ width: number; height: number }> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; scrollHeight: number } } }).document.documentElement;
    return { width: root.scrollWidth, height: root.scrollHeight };
  });
}

/**
 * Every control shows (scrolled to, where its panel scrolls), and in one state of the scrolled panels (the last
 * one: a box measured before a panel scrolled would be compared with one measured after it) none covers another.
 * Answers the boxes that show at once and the overlaps found.
 */
export async function checkControls(controls: [string, Locator][]): Promise<{ shown: Box[]; overlaps: string[] }> {
  for (const [name, locator] of controls) {
    if (await shownBox(name, locator)) continue;
    await locator.scrollIntoViewIfNeeded();
    expect(await shownBox(name, locator), `${name} shows once its panel is scrolled to it`).not.toBeNull();
  }
  const shown: Box[] = [];
  for (const [name, locator] of controls) {
    const box = await shownBox(name, locator);
    if (box) shown.push(box);
  }
  const overlaps: string[] = [];
  for (const [i, a] of shown.entries()) for (const b of shown.slice(i + 1)) if (overlap(a, b) > 0) overlaps.push(`${a.name} × ${b.name}`);
  return { shown, overlaps };
}
