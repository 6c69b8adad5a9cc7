/**
 * Splits one SH iteration's task tree into jobs for `workers` workers, choosing with the cost model:
 *  - a group = the subtrees below an anchor node (some of its child units), run over all or a slice of the items;
 *  - 'recompute': every job computes its anchor's prefix itself; 'share': stage-0 jobs compute each anchor's prefix
 *    once and write its output to the exchange, and the subtree jobs read it (one barrier more). With fewer anchors
 *    than workers, each prefix is cut into item slices, so that no worker idles while the prefixes run;
 *  - a group cut into item slices (the few models of late SH iterations) scores its models in a stage-2 job.
 * Greedy: the most expensive group is split by subtrees (LPT into two) or by items, whichever gives the smaller
 * makespan; the best partition seen wins. Pure: no I/O, the same tree and costs give the same jobs.
 */
import type { NodeId, TaskTree, UnitId } from '@alsatian/planner';
import { unitCost, type CostModel, type LinearCost, type UnitFacts } from './cost-model.ts';
import { lptMakespan } from './lpt.ts';

export interface PartitionInput {
  readonly tree: TaskTree;
  readonly facts: ReadonlyMap<UnitId, UnitFacts>;
  readonly costs: CostModel;
  readonly workers: number;
  /** Items every unit runs over in this iteration (its runs' pieces). */
  readonly items: number;
  /** Batches of those items: a group is cut into at most this many slices (whole batches). */
  readonly batches: number;
  /** Items the proxy reads per model (cumulative train + test). */
  readonly scoreItems: number;
  /** Model features go to the exchange for later iterations (all but the last). */
  readonly exportFeatures: boolean;
  /** 'auto' (default): the cheaper of 'recompute' and 'share' per candidate; otherwise that one where it applies. */
  readonly mode?: 'auto' | 'recompute' | 'share';
}

export interface DraftJob {
  /** 0: shared prefixes, 1: subtrees, 2: scoring of sliced groups. */
  readonly stage: 0 | 1 | 2;
  readonly units: ReadonlySet<UnitId>;
  readonly source: NodeId | null;
  readonly slice: { readonly index: number; readonly count: number } | null;
  readonly scoreNodes: NodeId[];
  readonly exportNodes: NodeId[];
  readonly seconds: number;
}

export interface Partition {
  readonly mode: 'recompute' | 'share';
  readonly jobs: readonly DraftJob[];
  /** Estimated makespan: the sum of the stages' LPT makespans. */
  readonly seconds: number;
  /** Estimated seconds of all jobs together (one worker's time). */
  readonly workSeconds: number;
}

interface Group {
  readonly anchor: NodeId;
  readonly children: readonly UnitId[];
  readonly slices: number;
}

/** Per unit: its subtree (the unit and everything below its output) as one linear cost, and model feature bytes. */
interface Subtree extends LinearCost {
  readonly featureBytesPerItem: number;
}

export function partition(input: PartitionInput): Partition {
  const model = new TreeCosts(input);
  const found = greedy(model, input, input.mode ?? 'auto');
  // A forced 'share' that found nothing to share (a tree without common prefixes) falls back to recomputing.
  return Number.isFinite(found.seconds)
    ? model.materialise(found.groups, found.mode)
    : partition({ ...input, mode: 'recompute' });
}

function greedy(
  model: TreeCosts,
  input: PartitionInput,
  wanted: Mode,
): { groups: Group[]; mode: 'recompute' | 'share'; seconds: number } {
  let groups: Group[] = [
    { anchor: input.tree.root, children: input.tree.nodes.get(input.tree.root)!.children, slices: 1 },
  ];
  let best = { groups, ...model.evaluate(groups, wanted) };
  const frozen = new Set<Group>();
  const limit = 4 * input.workers + 16;
  for (let move = 0; move < limit && groups.length < 4 * input.workers; move++) {
    const open = groups.filter((g) => !frozen.has(g));
    if (open.length === 0) break;
    const cost = (g: Group) => model.groupSeconds(g, 'recompute');
    const biggest = open.reduce((a, b) => (cost(b) > cost(a) ? b : a));
    const options = [model.split(biggest), model.slice(biggest)].filter((o): o is Group[] => o !== null);
    if (options.length === 0) {
      frozen.add(biggest);
      continue;
    }
    const next = options
      .map((replacement) => groups.flatMap((g) => (g === biggest ? replacement : [g])))
      .map((gs) => ({ groups: gs, ...model.evaluate(gs, wanted) }))
      .reduce((a, b) => (b.seconds < a.seconds ? b : a));
    groups = next.groups;
    if (next.seconds < best.seconds) best = next;
  }
  return best;
}

type Mode = 'auto' | 'recompute' | 'share';

class TreeCosts {
  private readonly subtrees = new Map<UnitId, Subtree>();
  private readonly unitCosts = new Map<UnitId, LinearCost>();

  constructor(private readonly input: PartitionInput) {
    for (const [id, facts] of input.facts) this.unitCosts.set(id, unitCost(facts, input.costs));
    const visit = (id: UnitId): Subtree => {
      const unit = input.tree.units.get(id)!;
      const node = input.tree.nodes.get(unit.output)!;
      const own = this.unitCosts.get(id) ?? { fixed: 0, perItem: 0 };
      let sub: Subtree = { ...own, featureBytesPerItem: node.persists ? node.bytesPerItem : 0 };
      for (const child of node.children) {
        const c = visit(child);
        sub = {
          fixed: sub.fixed + c.fixed,
          perItem: sub.perItem + c.perItem,
          featureBytesPerItem: sub.featureBytesPerItem + c.featureBytesPerItem,
        };
      }
      this.subtrees.set(id, sub);
      return sub;
    };
    for (const child of input.tree.nodes.get(input.tree.root)!.children) visit(child);
  }

  /** Units from the root down to `anchor` (its prefix), top first. */
  prefix(anchor: NodeId): UnitId[] {
    const out: UnitId[] = [];
    for (
      let node = this.input.tree.nodes.get(anchor)!;
      node.producer !== null;
      node = this.input.tree.nodes.get(this.input.tree.units.get(node.producer)!.input)!
    ) {
      out.unshift(node.producer);
    }
    return out;
  }

  private linear(cost: LinearCost, items: number): number {
    return cost.fixed + cost.perItem * items;
  }

  private prefixSeconds(anchor: NodeId, items: number): number {
    return this.prefix(anchor).reduce((s, u) => s + this.linear(this.unitCosts.get(u)!, items), 0);
  }

  /** One job of the group (one slice), without its prefix when the prefix is shared. */
  groupSeconds(g: Group, mode: 'recompute' | 'share'): number {
    const { costs, items, scoreItems, exportFeatures } = this.input;
    const n = items / g.slices;
    let seconds = costs.jobOverheadSeconds;
    let featureBytes = 0;
    for (const c of g.children) {
      const sub = this.subtrees.get(c)!;
      seconds += this.linear(sub, n);
      featureBytes += sub.featureBytesPerItem;
    }
    if (g.slices === 1) seconds += featureBytes * scoreItems * costs.proxySecondsPerFeatureByte;
    if (exportFeatures || g.slices > 1) seconds += featureBytes * n * costs.exchangeSecondsPerByte;
    if (g.anchor === this.input.tree.root) return seconds;
    if (mode === 'recompute') return seconds + this.prefixSeconds(g.anchor, n);
    return seconds + this.input.tree.nodes.get(g.anchor)!.bytesPerItem * n * costs.exchangeSecondsPerByte;
  }

  /** One stage-0 job: one of `slices` item slices of an anchor's prefix. */
  private anchorSeconds(anchor: NodeId, slices: number): number {
    const { costs } = this.input;
    const n = this.input.items / slices;
    return (
      costs.jobOverheadSeconds +
      this.prefixSeconds(anchor, n) +
      this.input.tree.nodes.get(anchor)!.bytesPerItem * n * costs.exchangeSecondsPerByte
    );
  }

  /**
   * Slices per anchor in stage 0 (the same for all), the count with the shortest stage: 1 when there are as many
   * anchors as workers, more when workers would idle, fewer when the prefixes' fixed costs (sessions prepared on
   * every slice's worker) outweigh the items. A prefix that ends in a scored model is not cut: its model is scored
   * by the job that computes its features.
   */
  private stageZero(anchors: readonly NodeId[]): { slices: number; seconds: number } {
    const { workers, batches } = this.input;
    const scoresInPrefix = anchors.some((a) => this.prefix(a).some((u) => this.endsModel(u)));
    let best = {
      slices: 1,
      seconds: lptMakespan(
        anchors.map((a) => this.anchorSeconds(a, 1)),
        workers,
      ),
    };
    if (scoresInPrefix) return best;
    for (let k = 2; k <= batches && k * anchors.length <= workers; k *= 2) {
      const seconds = lptMakespan(
        anchors.flatMap((a) => new Array<number>(k).fill(this.anchorSeconds(a, k))),
        workers,
      );
      if (seconds < best.seconds) best = { slices: k, seconds };
    }
    return best;
  }

  private endsModel(unit: UnitId): boolean {
    return this.input.tree.nodes.get(this.input.tree.units.get(unit)!.output)!.persists;
  }

  private scoreSeconds(g: Group): number {
    const { costs, scoreItems } = this.input;
    const bytes = g.children.reduce((s, c) => s + this.subtrees.get(c)!.featureBytesPerItem, 0);
    return (
      costs.jobOverheadSeconds + bytes * scoreItems * (costs.proxySecondsPerFeatureByte + costs.exchangeSecondsPerByte)
    );
  }

  private sharedAnchors(groups: readonly Group[]): NodeId[] {
    return [...new Set(groups.map((g) => g.anchor).filter((a) => a !== this.input.tree.root))];
  }

  /** Estimated makespan in the wanted mode; 'share' without a shared anchor is infinitely bad. */
  evaluate(groups: readonly Group[], wanted: Mode): { mode: 'recompute' | 'share'; seconds: number } {
    const { workers } = this.input;
    const slices = (mode: 'recompute' | 'share') =>
      groups.flatMap((g) => new Array<number>(g.slices).fill(this.groupSeconds(g, mode)));
    const scoring = lptMakespan(
      groups.filter((g) => g.slices > 1).map((g) => this.scoreSeconds(g)),
      workers,
    );
    const recompute = lptMakespan(slices('recompute'), workers) + scoring;
    const anchors = this.sharedAnchors(groups);
    const share =
      anchors.length === 0
        ? Infinity
        : this.stageZero(anchors).seconds + lptMakespan(slices('share'), workers) + scoring;
    if (wanted === 'share') return { mode: 'share', seconds: share };
    if (wanted === 'recompute' || !(share < recompute)) return { mode: 'recompute', seconds: recompute };
    return { mode: 'share', seconds: share };
  }

  /** Moves the anchor down single-child chains, then splits the children into two groups of similar cost. */
  split(g: Group): Group[] | null {
    let group = g;
    while (group.children.length === 1) {
      const output = this.input.tree.units.get(group.children[0])!.output;
      const below = this.input.tree.nodes.get(output)!.children;
      if (below.length === 0) break;
      group = { anchor: output, children: below, slices: group.slices };
    }
    if (group.children.length < 2) return null;
    const n = this.input.items / group.slices;
    const bins: UnitId[][] = [[], []];
    const loads = [0, 0];
    const sorted = [...group.children].sort(
      (a, b) => this.linear(this.subtrees.get(b)!, n) - this.linear(this.subtrees.get(a)!, n),
    );
    for (const c of sorted) {
      const i = loads[0] <= loads[1] ? 0 : 1;
      bins[i].push(c);
      loads[i] += this.linear(this.subtrees.get(c)!, n);
    }
    // Keep the tree's child order inside each group, so jobs list units as the plan does.
    const order = new Map(group.children.map((c, i) => [c, i]));
    return bins.map((b) => ({
      anchor: group.anchor,
      children: b.sort((x, y) => order.get(x)! - order.get(y)!),
      slices: group.slices,
    }));
  }

  slice(g: Group): Group[] | null {
    return g.slices * 2 <= this.input.batches ? [{ ...g, slices: g.slices * 2 }] : null;
  }

  private subtreeUnits(children: readonly UnitId[]): UnitId[] {
    const out: UnitId[] = [];
    const visit = (id: UnitId) => {
      out.push(id);
      for (const c of this.input.tree.nodes.get(this.input.tree.units.get(id)!.output)!.children) visit(c);
    };
    children.forEach(visit);
    return out;
  }

  materialise(groups: readonly Group[], mode: 'recompute' | 'share'): Partition {
    const { tree, workers, exportFeatures } = this.input;
    const jobs: (DraftJob & { group?: Group })[] = [];
    if (mode === 'share') {
      const anchors = this.sharedAnchors(groups);
      const { slices } = this.stageZero(anchors);
      for (const anchor of anchors) {
        for (let index = 0; index < slices; index++) {
          jobs.push({
            stage: 0,
            units: new Set(this.prefix(anchor)),
            source: null,
            slice: slices > 1 ? { index, count: slices } : null,
            scoreNodes: [],
            exportNodes: [anchor],
            seconds: this.anchorSeconds(anchor, slices),
          });
        }
      }
    }
    for (const g of groups) {
      const own = this.subtreeUnits(g.children);
      const shared = mode === 'share' && g.anchor !== tree.root;
      const units = new Set(shared ? own : [...this.prefix(g.anchor), ...own]);
      for (let index = 0; index < g.slices; index++) {
        jobs.push({
          stage: 1,
          units,
          source: shared ? g.anchor : null,
          slice: g.slices > 1 ? { index, count: g.slices } : null,
          scoreNodes: [],
          exportNodes: [],
          seconds: this.groupSeconds(g, mode),
          group: g,
        });
      }
    }
    const scoreJobs = new Map<Group, DraftJob>();
    for (const g of groups.filter((x) => x.slices > 1)) {
      scoreJobs.set(g, {
        stage: 2,
        units: new Set(),
        source: null,
        slice: null,
        scoreNodes: [],
        exportNodes: [],
        seconds: this.scoreSeconds(g),
      });
    }
    // Each model is scored once: by the first job that computes its features, or the score job of its sliced group.
    for (const node of tree.nodes.values()) {
      if (!node.persists || node.producer === null) continue;
      const owner = jobs.find((j) => j.units.has(node.producer!))!;
      if (owner.slice !== null) {
        scoreJobs.get(owner.group!)!.scoreNodes.push(node.id);
        for (const j of jobs) if (j.group === owner.group) j.exportNodes.push(node.id);
      } else {
        owner.scoreNodes.push(node.id);
        if (exportFeatures && !owner.exportNodes.includes(node.id)) owner.exportNodes.push(node.id);
      }
    }
    const all = [...jobs.map(({ group: _, ...j }) => j), ...scoreJobs.values()];
    const stage = (s: number) => all.filter((j) => j.stage === s).map((j) => j.seconds);
    const seconds = [0, 1, 2].reduce((sum, s) => sum + lptMakespan(stage(s), workers), 0);
    return { mode, jobs: all, seconds, workSeconds: all.reduce((s, j) => s + j.seconds, 0) };
  }
}
