import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number of at least `min`. */
export function integer(name: string, min: number): (value: string) => number {
  return (value) => {
    if (!/^\d{1,10}$/.test(value.trim())) throw new InvalidArgumentError(`${name} must be a whole number`);
    const n = Number(value.trim());
    if (n < min) throw new InvalidArgumentError(`${name} must be at least ${min}`);
    return n;
  };
}
