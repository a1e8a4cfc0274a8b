import { Clock } from '@app/platform';

/** A clock that stands still where the test puts it. */
export class TestClock extends Clock {
  private instant: Date;

  constructor(iso = '2026-01-15T03:00:00Z') {
    super();
    this.instant = new Date(iso);
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(iso: string): void {
    this.instant = new Date(iso);
  }
}
