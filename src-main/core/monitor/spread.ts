/**
 * Where in the interval a target's checks fall, as a fraction in [0, 1), from its name: targets started
 * together (40 at once in bench (i)) are otherwise checked in the same instant every interval, each
 * timer waiting behind the others' work and the servers asked all at once. Prometheus spreads its
 * scrapes the same way. FNV-1a, then murmur3's final mix so names that differ in one character
 * ("env-01", "env-02") land far apart.
 */
export function spreadPhase(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(name)) hash = Math.imul(hash ^ byte, 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
