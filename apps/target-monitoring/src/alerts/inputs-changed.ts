import { Injectable } from '@nestjs/common';

/**
 * Tells the programme-wide alert evaluation that its inputs changed. In
 * process only: each instance evaluates after its own changes, and every
 * instance sweeps periodically, so a change made elsewhere is seen too.
 */
@Injectable()
export class InputsChanged {
  private dirty = true;

  mark(): void {
    this.dirty = true;
  }

  /** True once after each change. */
  take(): boolean {
    const was = this.dirty;
    this.dirty = false;
    return was;
  }
}
