// `npm run bench -- grounding`: the accessibility grounder on the corpus (>= 200 descriptions
// over the simulated apps in English and Chinese, bench/grounding/corpus.ts) at 1080x2400 and
// 720x1600: accuracy, confident-and-wrong (answered "found" and acted on the wrong element, or
// found something where nothing or several should match), median time per grounding; and what
// the tree costs on the simulated phone's real-phone latency profile (`uiautomator dump` over
// real adb, first read of a screen vs. the same screen again).
import { uiDumpXml } from '#virtual-phone';
import { AccessibilityGrounder } from '../src/main/agent/grounding/accessibility-grounder';
import type { GroundingPurpose } from '../src/main/agent/grounding/types';
import { createAdbClient } from '../src/main/phone/adb/adbkit';
import { DeviceShell } from '../src/main/phone/adb/device-shell';
import { UiTreeReader } from '../src/main/phone/ui-tree';
import { parseUiXml, type UiTree } from '../src/shared/ui-tree';
import { startAdbServer } from '../tests/support/adb-server';
import { startConnectedPhone } from '../tests/support/virtual-phone';
import { CORPUS, type CorpusCase } from './grounding/corpus';
import { expectationOn, judge, nameOf, type Verdict } from './grounding/evaluate';
import { phoneOn } from './grounding/screens';
import { round, summarize } from './stats';

const SIZES = [{ width: 1080, height: 2400 }, { width: 720, height: 1600 }];
const ROUNDS = 3;

interface SizeResult {
  size: string;
  cases: number;
  accuracy: number;
  confidentWrong: number;
  missed: number;
  byLocale: Record<string, { cases: number; accuracy: number }>;
  bySet: Record<string, { cases: number; accuracy: number }>;
  byExpectation: Record<string, { cases: number; accuracy: number }>;
  msPerGrounding: ReturnType<typeof summarize>;
  failures: Array<{ screen: string; locale: string; target: string; verdict: Verdict; got: string; expected: string; heldOut: boolean }>;
}

async function runSize(size: { width: number; height: number }): Promise<SizeResult> {
  const trees = new Map<string, UiTree>();
  const treeFor = (c: CorpusCase) => {
    const key = `${c.screen}|${c.locale}`;
    if (!trees.has(key)) trees.set(key, parseUiXml(uiDumpXml(phoneOn(c.screen, c.locale, size).uiTree(), 0)));
    return trees.get(key)!;
  };
  const verdicts: Array<{ c: CorpusCase; verdict: Verdict; got: string }> = [];
  const times: number[] = [];
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    for (const c of CORPUS) {
      const tree = treeFor(c);
      const grounder = new AccessibilityGrounder({ tree: { read: async () => ({ tree, ms: 0, cached: true, attempts: 0 }) } });
      const purpose: GroundingPurpose = c.purpose ?? 'tap';
      const capture = { image: new Uint8Array(), mime: 'image/png' as const, ...size, currentApp: '' };
      const result = await grounder.ground({ target: c.target, hint: c.hint, purpose, capture, fingerprint: `${c.screen}|${c.locale}` });
      times.push(result.timings.totalMs);
      if (round_ > 0) continue;
      const expect = expectationOn(tree, c.expect, size);
      const verdict = judge(tree, expect, purpose, result, `${c.screen}/${c.locale} "${c.target}"`);
      const got = result.status === 'found' ? `${nameOf(tree, result.element)} ${result.confidence}` : `${result.status} ${result.confidence}`;
      verdicts.push({ c, verdict, got });
    }
  }
  const share = (list: typeof verdicts, v: Verdict) => round(list.filter((x) => x.verdict === v).length / Math.max(1, list.length), 4);
  const groupBy = (key: (c: CorpusCase) => string) => {
    const out: Record<string, { cases: number; accuracy: number }> = {};
    for (const k of new Set(verdicts.map((v) => key(v.c)))) {
      const list = verdicts.filter((v) => key(v.c) === k);
      out[k] = { cases: list.length, accuracy: share(list, 'right') };
    }
    return out;
  };
  return {
    size: `${size.width}x${size.height}`, cases: verdicts.length,
    accuracy: share(verdicts, 'right'), confidentWrong: share(verdicts, 'wrong'), missed: share(verdicts, 'missed'),
    byLocale: groupBy((c) => c.locale),
    bySet: groupBy((c) => (c.heldOut ? 'held-out' : 'tuning')),
    byExpectation: groupBy((c) => (typeof c.expect === 'string' ? c.expect : 'element')),
    msPerGrounding: roundAll(summarize(times)),
    failures: verdicts.filter((v) => v.verdict !== 'right').map((v) => ({
      screen: v.c.screen, locale: v.c.locale, target: v.c.target, verdict: v.verdict, got: v.got, heldOut: v.c.heldOut === true,
      expected: typeof v.c.expect === 'string' ? v.c.expect : JSON.stringify(v.c.expect),
    })),
  };
}

/** The tree's cost over real adb on the real-phone latency profile: a new screen vs. the same screen. */
async function treeCost(): Promise<Record<string, unknown>> {
  const adb = await startAdbServer();
  const phone = await startConnectedPhone(adb, { latencyProfile: 'real-phone', android: { settleMs: 0 } });
  try {
    const client = createAdbClient({ port: adb.port });
    const reader = new UiTreeReader(new DeviceShell(client, phone.serial));
    const fresh: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < 3; i++) {
      fresh.push((await reader.read({ fingerprint: `screen-${i}` })).ms);
      cached.push((await reader.read({ fingerprint: `screen-${i}` })).ms);
    }
    const xml = uiDumpXml(phone.phone.android.uiTree(), 0);
    const parse: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      parseUiXml(xml);
      parse.push(performance.now() - t);
    }
    return { newScreenMs: roundAll(summarize(fresh)), sameScreenMs: roundAll(summarize(cached)), parseMs: roundAll(summarize(parse)), xmlBytes: xml.length };
  } finally {
    await phone.stop();
    await adb.stop();
  }
}

function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, 3)])) as T;
}

export async function runGroundingBench(): Promise<Record<string, unknown>> {
  const sizes: SizeResult[] = [];
  for (const size of SIZES) {
    const r = await runSize(size);
    sizes.push(r);
    process.stdout.write(`accessibility grounder @ ${r.size}: ${r.cases} descriptions, accuracy ${(r.accuracy * 100).toFixed(1)}%, `
      + `confident-and-wrong ${(r.confidentWrong * 100).toFixed(1)}%, missed ${(r.missed * 100).toFixed(1)}%, `
      + `median ${r.msPerGrounding.median} ms (p95 ${r.msPerGrounding.p95} ms) per grounding\n`);
    for (const [k, v] of Object.entries({ ...r.byLocale, ...r.bySet, ...r.byExpectation })) process.stdout.write(`  ${k}: ${v.cases} cases, ${(v.accuracy * 100).toFixed(1)}%\n`);
    for (const f of r.failures) process.stdout.write(`  ${f.verdict.padEnd(6)}${f.heldOut ? ' [held out]' : ''} ${f.screen}/${f.locale} "${f.target}" -> ${f.got} (expected ${f.expected})\n`);
  }
  const cost = await treeCost();
  process.stdout.write(`tree over adb (real-phone profile): new screen median ${(cost.newScreenMs as { median: number }).median} ms, `
    + `same screen ${(cost.sameScreenMs as { median: number }).median} ms, parse ${(cost.parseMs as { median: number }).median} ms for ${cost.xmlBytes} bytes\n`);
  return { sizes, treeCost: cost };
}
