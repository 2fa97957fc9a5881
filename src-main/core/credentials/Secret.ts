/**
 * A secret value that cannot be printed by accident: toString, toJSON, util.inspect and
 * template literals all give "[redacted]". Only `reveal()` hands out the value, at the point of use.
 */
const REDACTED = '[redacted]';
const values = new WeakMap<Secret, string>();

export class Secret {
  constructor(value: string) {
    values.set(this, value);
    Object.freeze(this);
  }
  reveal(): string {
    return values.get(this)!;
  }
  get length(): number {
    return this.reveal().length;
  }
  equals(other: Secret | null | undefined): boolean {
    return other instanceof Secret && other.reveal() === this.reveal();
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}
