/**
 * Unit boundaries kept across successive-halving iterations.
 *
 * A unit several models run is compiled once and only loaded in later iterations (the engine keeps its prepared
 * form under the unit's content, its blocks). Pruning changes the prefix tree: where the tree no longer branches,
 * the task tree fuses the chain into one longer unit, whose content is new, so it is prepared from scratch. On
 * resnet18 Top-Layers the last iteration's single model became one 14-block unit created directly in 52-128 ms,
 * where the compiled 10-block root loads in 2-5 ms and the rest takes a 4-block session of ~20 ms. So the outputs of
 * such units stay unit boundaries in later iterations, like the feature store's checkpoints.
 */
import type { IterationPlan, NodeId } from '@alsatian/planner';

export class UnitBoundaries {
  private readonly kept: Set<NodeId>;

  /** `checkpoints`: boundaries for the feature store, kept always; `keepPrepared`: whether units are compiled. */
  constructor(
    checkpoints: ReadonlySet<NodeId> | undefined,
    private readonly keepPrepared: boolean,
  ) {
    this.kept = new Set(checkpoints ?? []);
  }

  /** Nodes where the next iteration's units end although its tree may not branch there. */
  get nodes(): ReadonlySet<NodeId> | undefined {
    return this.kept.size > 0 ? this.kept : undefined;
  }

  /** Records the outputs of `plan`'s units that several models run (the units the engine compiles). */
  keepFrom(plan: IterationPlan): void {
    if (!this.keepPrepared) return;
    for (const unit of plan.tree.units.values()) if (unit.models.length > 1) this.kept.add(unit.output);
  }
}
