/**
 * How Fig 16's memory levels become our budgets: a rule fixed before any run, so a level means the same share of
 * the search's memory in every scale. The paper ran 35 ViT-L-32 (224 px, 8000 items) in containers of 64, 10 and
 * 5 GB, with Alsatian's intermediate cache at 62000, 8000 and 3000 MB. We do not bound our process (a V8 heap flag
 * does not bound ONNX Runtime's native memory; an address-space limit breaks V8), we scale what the limit did:
 *
 * - Page cache for model files: the container's memory held `level / paper set bytes` of the paper's 35 model
 *   files (at most all). Our modelled page cache holds the same share of our set's model files; a smaller one
 *   makes re-reads go back to the throttled disk, which is what slowed the paper's Base and SHiFT.
 * - Alsatian's intermediate cache: the paper's budget measured in "whole datasets of the widest intermediate"
 *   (budget / (8000 items x ViT-L-32's largest block output per item)); ours is the same count of our widest
 *   intermediate over our items.
 * - Compiled units kept (our block cache): the same share as the page cache, of our set's model bytes.
 */
import { blockInfo, describeArchitecture, describeBlocks, architectureAt } from '@alsatian/models';

export const PAPER_FIG16_SETUP = {
  architecture: 'vit_l_32',
  imageSize: 224,
  models: 35,
  items: 8000,
  /** Container limit (GB) -> Alsatian's cache budget (MB), from the reference's run configurations. */
  budgetsMB: { 64: 62000, 10: 8000, 5: 3000 } as Readonly<Record<number, number>>,
} as const;

export interface LevelBudgets {
  readonly memoryGB: number;
  readonly cacheBudgetMB: number;
  readonly blockCacheMB: number;
  readonly pageCacheMB: number;
}

export interface SearchShape {
  readonly architecture: string;
  /** 0 = the architecture's own. */
  readonly imageSize: number;
  readonly setSize: number;
  readonly items: number;
}

const MB = 1e6;
const GB = 1e9;

/** Bytes of one model's weights (float32), as the store holds them. */
export function modelBytes(architecture: string): number {
  return describeArchitecture(architecture).params * 4;
}

/** The largest output of any block for one item (bytes): the widest intermediate the cache may hold. */
export function widestIntermediateBytes(architecture: string, imageSize: number): number {
  const def = architectureAt(architecture, imageSize > 0 ? imageSize : undefined);
  const { features } = describeBlocks(def);
  return Math.max(...features.map((d, i) => blockInfo(d, i, def.features[i].label).bytesPerItem));
}

export function levelBudgets(memoryGB: number, ours: SearchShape): LevelBudgets {
  const paper = PAPER_FIG16_SETUP;
  const paperBudgetMB = paper.budgetsMB[memoryGB];
  if (paperBudgetMB === undefined) throw new Error(`Fig 16 has no paper level of ${memoryGB} GB (levels: 64, 10, 5).`);
  const paperSetBytes = paper.models * modelBytes(paper.architecture);
  const fileShare = Math.min(1, (memoryGB * GB) / paperSetBytes);
  const datasets = (paperBudgetMB * MB) / (paper.items * widestIntermediateBytes(paper.architecture, paper.imageSize));
  const ourSetBytes = ours.setSize * modelBytes(ours.architecture);
  const round = (bytes: number) => Math.max(1, Math.round(bytes / MB));
  return {
    memoryGB,
    cacheBudgetMB: round(datasets * ours.items * widestIntermediateBytes(ours.architecture, ours.imageSize)),
    blockCacheMB: round(fileShare * ourSetBytes),
    pageCacheMB: round(fileShare * ourSetBytes),
  };
}
