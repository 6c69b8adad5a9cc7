/**
 * Every report rendered from fixture runs measured, by their meta.json, on two different machines: what the
 * reports say about the machine, the provider, the page cache and the data must be true for each, and no report
 * source may state such facts by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportMarkdown } from '../report/build.ts';
import type { ExperimentOutcome } from '../report/build.ts';
import {
  everyExperiment,
  FIXTURE_RUNS,
  fixtureSection,
  GPU_MACHINE,
  REPO_ROOT,
  SMALL_MACHINE,
} from './fixture-runs.ts';
import type { FixtureMachine } from './fixture-runs.ts';

/** Everything a reader sees of a section: facts, body and the chart titles and subtitles. */
async function renderAll(machine: FixtureMachine) {
  const experiments = await everyExperiment();
  const outcomes: ExperimentOutcome[] = [];
  const texts = new Map<string, string>();
  for (const { pkg, experiment } of experiments) {
    const section = await fixtureSection(experiment, machine, join('/nonexistent', experiment.name, 'quick'));
    outcomes.push({ name: pkg.name, group: pkg.group, status: 'ok', seconds: 60, section });
    const titles = section.charts.map((c) => JSON.stringify((c.spec as { title?: unknown }).title ?? '')).join('\n');
    texts.set(pkg.name, `${section.facts.join('\n')}\n${section.markdown}\n${titles}`);
  }
  return {
    experiments,
    texts,
    markdown: reportMarkdown({ scale: 'quick', startedAt: '2026-01-01T00:00:00Z', wallSeconds: 1000, outcomes }),
  };
}

/** Sentences that would be false on the GPU machine (64 cores, CUDA, H200, page cache dropped, real inputs). */
const FALSE_ON_GPU = [
  /\b2 (logical |shared |CPU )?cores\b/i,
  /`cpu`/,
  /\bcpu provider\b/i,
  /on (the|a) CPU\b/i,
  /could not be dropped/,
  /may (have )?(come|read) from memory/,
  /no GPU named/,
  /GPU was not used/,
];
/** Sentences that would be false on the small machine (2 cores, CPU, no GPU, the drop failed, synthetic inputs). */
const FALSE_ON_SMALL = [
  /H200/,
  /`cuda`/,
  /cuda provider/i,
  /64 logical cores/,
  /dropped before (each|every)/,
  /\breal, /,
  /imported from/,
];

describe('reports rendered for other machines', () => {
  it('has a fixture run for every experiment', async () => {
    const names = (await everyExperiment()).map((e) => e.pkg.name).sort();
    expect(
      readdirSync(FIXTURE_RUNS)
        .filter((f) => f.endsWith('.csv'))
        .map((f) => f.replace(/\.csv$/, ''))
        .sort(),
    ).toEqual(names);
  });

  it("on a 64-core CUDA machine with an H200 and real inputs, states those facts and none of the small machine's", async () => {
    const { experiments, texts, markdown } = await renderAll(GPU_MACHINE);
    expect(markdown).toContain(
      'Machine: Intel Xeon Platinum 8480+, 64 logical cores, 512 GiB memory; GPU: NVIDIA H200.',
    );
    expect(markdown).toContain('Execution provider: ONNX Runtime `cuda` on NVIDIA H200');
    for (const [name, text] of texts) {
      for (const pattern of FALSE_ON_GPU) expect(`${name}: ${text}`).not.toMatch(pattern);
      expect(text).toMatch(/OS page cache dropped before each of the 12 units/);
    }
    // Where the experiment takes real inputs, what they replace is called real and never synthetic or a stand-in.
    const withInputs = experiments.filter((e) => Object.keys(e.experiment.inputs ?? {}).length > 0);
    expect(withInputs.map((e) => e.experiment.name).sort()).toEqual([
      'fig13-trained',
      'fig14-hf-families',
      'fig15-hf-combined',
      'fig17-bert',
    ]);
    for (const { experiment } of withInputs) {
      const text = texts.get(experiment.name)!;
      expect(text).toMatch(/Inputs: .*(models|data): real, /);
      if (/models: real/.test(text)) expect(text).not.toMatch(/models: synthetic|stand-in/);
      if (/data: real/.test(text)) expect(text).not.toMatch(/data: synthetic|synthetic review corpus/);
    }
  });

  it("on a 2-core CPU machine whose page cache could not be dropped, says so and nothing of the GPU machine's", async () => {
    const { texts, markdown } = await renderAll(SMALL_MACHINE);
    expect(markdown).toContain(
      'Machine: AMD EPYC, 2 logical cores, 24 GiB memory; no GPU named (nvidia-smi is not installed',
    );
    expect(markdown).toContain('Execution provider: ONNX Runtime `cpu`;');
    for (const [name, text] of texts) {
      for (const pattern of FALSE_ON_SMALL) expect(`${name}: ${text}`).not.toMatch(pattern);
      expect(text).toMatch(
        /could not be dropped before any of the 12 units \(cannot write \/proc\/sys\/vm\/drop_caches \(EACCES\)/,
      );
    }
  });
});

/** Every file a report's text can come from: report modules and the shared report code. */
function reportSources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules' || name === 'test') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ts$/.test(name) && /report|charts|facts|verdicts/.test(name)) out.push(path);
    }
  };
  walk(join(REPO_ROOT, 'experiments'));
  walk(join(REPO_ROOT, 'scripts', 'report'));
  return out;
}

describe('report sources', () => {
  it('state nothing about cores, providers, page caches or the data used by hand', () => {
    const typed = [
      /\b\d+ (shared )?(CPU |logical )?cores\b/i,
      /page cache (was|is) (not )?dropped/i,
      /\b(on|with) (a|the|2) (shared )?(CPU|GPU)s?\b(?! *\$\{)/,
      /\bstand-ins? (are|is) used\b/i,
      /ours run on/i,
    ];
    const sources = reportSources();
    expect(sources.length).toBeGreaterThan(20);
    const hits = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          typed.some((p) => p.test(line)) ? [`${relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(hits).toEqual([]);
  });
});
