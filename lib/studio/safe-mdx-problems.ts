export type SafetyProblem = { line: number; column: number; reason: string };

/** Each reason names its line so a list of reasons reads on its own, without the numbers beside it. */
export function problemAt(line: number, column: number, sentence: string): SafetyProblem {
  return { line, column, reason: `Line ${line}: ${sentence}` };
}

/** 1-based line and column of each offset in `text`, shifted so that `text` starts on `firstLine`. */
export function positionFinder(text: string, firstLine = 1): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: firstLine + low, column: offset - starts[low]! + 1 };
  };
}
