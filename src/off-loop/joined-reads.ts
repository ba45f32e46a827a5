// A read that many callers ask for at once is made once for all of them who asked before it began. When a team
// opens /scorecard together at the meeting, 20 tables of the same week were each read and built on their own
// (at 500 KPIs about 50 ms of CPU each with their garbage), while the main thread tried to ack those same 20
// commands on the machine's other core.
//
// A caller never gets a read that was already under way when it asked: that one may have begun before a value
// the caller has just recorded was written. It waits for the next, which it shares with everyone who asks until
// that one begins. A burst of N callers therefore costs two reads, not N.

interface Read<Value> {
  readonly value: Promise<Value>;
  readonly begun: boolean;
}

/** `read`, with callers of the same key sharing the next read that has not begun yet. */
export function joinedReads<Key, Value>(read: (key: Key) => Promise<Value>): (key: Key) => Promise<Value> {
  /** The last read of each key: joined while it has not begun, waited for by the next one once it has. */
  const latest = new Map<Key, Read<Value>>();
  return (key) => {
    const previous = latest.get(key);
    if (previous && !previous.begun) return previous.value;
    let begun = false;
    const begin = () => {
      begun = true;
      return read(key);
    };
    const next: Read<Value> = {
      value: previous ? previous.value.then(begin, begin) : Promise.resolve().then(begin),
      get begun() {
        return begun;
      },
    };
    latest.set(key, next);
    // Forget a key once its last read settles, so keys asked once (past weeks) are not kept.
    const forget = () => {
      if (latest.get(key) === next) latest.delete(key);
    };
    next.value.then(forget, forget);
    return next.value;
  };
}
