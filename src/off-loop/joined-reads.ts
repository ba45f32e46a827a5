// A read that many callers ask for at once is made once for all of them who asked before it began. When a team
// opens /scorecard together at the meeting, 20 tables of the same week were each read and built on their own
// (at 500 KPIs about 50 ms of CPU each with their garbage), while the main thread tried to ack those same 20
// commands on the machine's other core.
//
// A caller never gets a read that was already under way when it asked: that one may have begun before a value
// the caller has just recorded was written. It waits for the next, which it shares with everyone who asks until
// that one begins. A burst of N callers therefore costs two reads, not N.

/** `read`, with callers of the same key sharing the next read that has not begun yet. */
export function joinedReads<Key, Value>(read: (key: Key) => Promise<Value>): (key: Key) => Promise<Value> {
  /** The read each key's next callers join: not begun yet. */
  const waiting = new Map<Key, Promise<Value>>();
  /** The last read made of each key, begun or not: the next one begins after it settles. */
  const latest = new Map<Key, Promise<Value>>();
  return (key) => {
    const joinable = waiting.get(key);
    if (joinable) return joinable;
    const previous = latest.get(key);
    const begin = () => {
      waiting.delete(key);
      return read(key);
    };
    const next = previous ? previous.then(begin, begin) : Promise.resolve().then(begin);
    waiting.set(key, next);
    latest.set(key, next);
    // Forget a key once its last read settles, so keys asked once (past weeks) are not kept.
    const forget = () => {
      if (latest.get(key) === next) latest.delete(key);
    };
    next.then(forget, forget);
    return next;
  };
}
