// Who to tell when something only an owner's own views show has changed (a priority, a to-do): RefreshService
// listens and brings their home tab up to date, whichever surface made the change (a command, a DM button).
export type OwnerChangeListener = (ownerId: string) => void;

export class OwnerChanges {
  private readonly listeners: OwnerChangeListener[] = [];

  listen(listener: OwnerChangeListener): void {
    this.listeners.push(listener);
  }

  /** Passes `value` through, after telling every listener that `ownerId`'s things changed. */
  changed<T>(ownerId: string, value: T): T {
    for (const listener of this.listeners) listener(ownerId);
    return value;
  }
}
