/**
 * Finds single-tensor cut points of an ONNX graph and splits it there. A tensor is a cut point when, after the
 * node producing it, it is the only input-dependent tensor still needed later: every path from the input to the
 * output then passes through it. Nodes whose values do not depend on the input (Constant, shape arithmetic on
 * weights) go into every block that uses them. Cut points are found along the file's node order (ONNX requires
 * a topological order); an unusual interleaving can hide a cut, which only makes the blocks coarser.
 */
import type { OnnxNodeJson } from '@alsatian/models';

export interface GraphSegment {
  readonly input: string;
  readonly output: string;
  /** Nodes in file order: the segment's own nodes plus the input-independent nodes they need. */
  readonly nodes: OnnxNodeJson[];
}

export function splitAtCuts(nodes: readonly OnnxNodeJson[], input: string, output: string): GraphSegment[] {
  const dynamic = new Set([input]);
  for (const n of nodes) if (n.inputs.some((i) => dynamic.has(i))) n.outputs.forEach((o) => dynamic.add(o));
  const lastUse = new Map<string, number>();
  nodes.forEach((n, i) => n.inputs.forEach((v) => dynamic.has(v) && lastUse.set(v, i)));
  lastUse.set(output, Infinity);

  const cuts: { index: number; tensor: string }[] = [];
  const live = new Set([input]);
  nodes.forEach((n, i) => {
    if (!n.inputs.some((v) => dynamic.has(v))) return;
    n.outputs.forEach((o) => live.add(o));
    for (const v of [...live]) if ((lastUse.get(v) ?? -1) <= i) live.delete(v);
    const [only] = live;
    if (live.size === 1 && only !== output && n.outputs.includes(only)) cuts.push({ index: i, tensor: only });
  });

  const producers = new Map<string, OnnxNodeJson>();
  for (const n of nodes) n.outputs.forEach((o) => producers.set(o, n));
  const segments: GraphSegment[] = [];
  let start = 0;
  let from = input;
  for (const cut of [...cuts, { index: nodes.length - 1, tensor: output }]) {
    const own = nodes.slice(start, cut.index + 1).filter((n) => n.inputs.some((v) => dynamic.has(v)));
    segments.push({ input: from, output: cut.tensor, nodes: withStaticDependencies(own, producers, dynamic, nodes) });
    start = cut.index + 1;
    from = cut.tensor;
  }
  return segments;
}

/** Adds, in file order, the input-independent nodes that `own` needs (transitively). */
function withStaticDependencies(
  own: OnnxNodeJson[],
  producers: Map<string, OnnxNodeJson>,
  dynamic: Set<string>,
  all: readonly OnnxNodeJson[],
): OnnxNodeJson[] {
  const needed = new Set<OnnxNodeJson>(own);
  const stack = own.flatMap((n) => n.inputs);
  while (stack.length) {
    const producer = producers.get(stack.pop()!);
    if (producer && !dynamic.has(producer.outputs[0]) && !needed.has(producer)) {
      needed.add(producer);
      stack.push(...producer.inputs);
    }
  }
  return all.filter((n) => needed.has(n));
}
