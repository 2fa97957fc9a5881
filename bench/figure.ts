/** One benchmark result as `npm run bench` prints it: the figure, its target and whether it was met. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  detail: string;
}
