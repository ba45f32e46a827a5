// Times as people read them, in their own time zone.

export function formatClock(date, tz) {
  return new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(date);
}

export function formatWeekdayTime(date, tz) {
  return new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "short", hour: "numeric", minute: "2-digit" }).format(date);
}

export function formatTime(date, tz) {
  return new Intl.DateTimeFormat("en-US", { timeZone: tz, hour: "numeric", minute: "2-digit" }).format(date);
}

export function formatDay(date, tz) {
  return new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "long", month: "long", day: "numeric" }).format(date);
}

/** Europe/Berlin → Berlin. */
export function cityOf(tz) {
  return tz.split("/").pop().replace(/_/g, " ");
}

export function dateOfTs(ts) {
  return new Date(Number(ts) * 1000);
}

export function initials(name) {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? "")
    .join("")
    .slice(0, 2)
    .toUpperCase();
}

const AVATAR_COLORS = ["#e8912d", "#2bac76", "#4a154b", "#1264a3", "#cd2553", "#0b4c8c", "#8d4b9b", "#3aa3e3"];

export function avatarColor(id) {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length];
}
