/**
 * What a distributed search computed, counted from the plans its jobs ran (each job runs its slice of the plan's
 * own steps, so the union of the plans is the work; retried jobs are counted once, as their results are).
 */
import type { ExecutorWork } from '@alsatian/executor';
import type { PlanStep } from '@alsatian/planner';

export class PlanWork {
  private readonly units = new Set<string>();
  private readonly blocks = new Set<string>();
  private unitItems = 0;

  /** Adds an iteration's plan; returns its unit x item evaluations. */
  addPlan(steps: readonly PlanStep[]): number {
    let items = 0;
    for (const step of steps) {
      if (step.kind !== 'infer') continue;
      this.units.add(step.unit.id);
      for (const block of step.unit.blocks) this.blocks.add(block.id);
      items += step.range.end - step.range.start;
    }
    this.unitItems += items;
    return items;
  }

  total(): ExecutorWork {
    const blockIds = [...this.blocks];
    return { units: this.units.size, blocks: blockIds.length, unitItems: this.unitItems, blockIds };
  }
}
